package io.trackerhub.timesheet.auth;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.users.User;
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
import java.util.List;

/** The calling user and their personal API tokens (shown once, stored hashed); here, beside the tokens it manages. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "me", description = "The calling user")
public class MeResource {

    public record TokenRequest(String name) {
    }

    private final Sessions sessions;
    private final SecurityIdentity identity;

    public MeResource(Sessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    public User me() {
        return Caller.of(identity).person();
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a personal token", description = "answers the token once; send it as 'Authorization: Bearer tst_…'")
    public Response createToken(TokenRequest body) {
        User user = Caller.of(identity).person();
        String name = body == null || body.name() == null || body.name().isBlank() ? "API token" : body.name().trim();
        Sessions.Token token = sessions.createToken(user, name);
        return Response.created(URI.create("/api/me/tokens/" + token.id())).entity(token).build();
    }

    @GET
    @Path("/tokens")
    public List<Sessions.Token> tokens() {
        return sessions.tokens(Caller.of(identity).person());
    }

    @DELETE
    @Path("/tokens/{id}")
    public Response revoke(@PathParam("id") long id) {
        if (!sessions.revokeToken(Caller.of(identity).person(), id)) {
            throw ProblemException.notFound("you have no token " + id);
        }
        return Response.noContent().build();
    }
}
