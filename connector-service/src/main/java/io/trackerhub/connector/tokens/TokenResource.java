package io.trackerhub.connector.tokens;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API tokens for the read APIs: made by the admin, shown once, stored hashed. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "tokens", description = "Bearer tokens for the datasets, roadmap and flow-item APIs")
public class TokenResource {

    public record TokenRequest(String role,
                               @NotBlank(message = "is required: what the token is for, e.g. \"Domo stories dataset\"")
                               @Size(max = 200, message = "must be at most {max} characters") String label) {
    }

    private final ApiTokens tokens;

    public TokenResource(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Make an API token", description = "{\"role\": \"reader\", \"label\": \"Domo\"} → 201 {\"id\", \"role\", \"label\", "
            + "\"created_at\", \"token\"}; the token is shown this once and stored only as its SHA-256")
    public Response create(@Valid TokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the body is empty; send {\"role\": \"reader\", \"label\": \"Domo\"}");
        }
        if (request.role() == null || !ReaderRole.READER.equals(request.role().trim())) {
            throw ProblemException.invalid("role", request.role() == null ? "is required: reader"
                    : "'" + request.role() + "' is not a role an API token can have; the only one is reader (the admin token is HUB_ADMIN_TOKEN)");
        }
        ApiTokens.Created created = tokens.create(ReaderRole.READER, request.label().trim());
        Map<String, Object> body = view(created.token());
        body.put("token", created.secret());
        return Response.created(URI.create("/api/tokens/" + created.token().id())).entity(body).build();
    }

    @GET
    @Operation(summary = "The API tokens, without the tokens themselves")
    public List<Map<String, Object>> list() {
        return tokens.list().stream().map(TokenResource::view).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API token")
    public Response delete(@PathParam("id") long id) {
        if (!tokens.delete(id)) {
            throw ProblemException.notFound("no API token " + id);
        }
        return Response.noContent().build();
    }

    private static Map<String, Object> view(ApiTokens.ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("role", t.role());
        m.put("label", t.label());
        m.put("created_at", t.createdAt());
        return m;
    }
}
