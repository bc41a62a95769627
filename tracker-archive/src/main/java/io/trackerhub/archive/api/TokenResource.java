package io.trackerhub.archive.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.archive.store.Token;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.secrets.BearerSecrets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** Tokens for the archive's Tracker API v5: made by an admin, shown once, kept hashed. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "tokens", description = "X-TrackerToken values for the archive's Tracker API v5")
public class TokenResource {

    /** The body: a label saying who or what uses the token. */
    public record TokenRequest(String label) {
    }

    /** The token, shown this once. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Created(long id, String token, String label, Instant createdAt) {
    }

    @POST
    @Transactional
    @Operation(summary = "A new X-TrackerToken for every archived project; shown once, kept hashed")
    public Response create(TokenRequest request) {
        String label = request == null || request.label() == null ? null : request.label().strip();
        if (label != null && label.length() > 200) {
            throw ProblemException.invalid("label", "is " + label.length() + " characters; at most 200");
        }
        // 40 hex digits: the shape of Tracker's own API tokens, which clients' validators expect
        String value = BearerSecrets.randomHex(20);
        Token token = new Token();
        token.hash = BearerSecrets.sha256(value);
        token.label = label;
        token.createdAt = Instant.now();
        token.persist();
        return Response.status(201).entity(new Created(token.id, value, label, token.createdAt)).build();
    }
}
