package io.trackerhub.kit.deadletters;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Operators' view of what this service's consumers gave up on: list, replay, discard. */
@Path("/admin/deadletters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "dead letters", description = "Records this service's consumer groups gave up on")
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class DeadLetterResource {

    /** Why a dead letter is discarded. */
    public record Discard(String reason) {
    }

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "Dead letters of this service's consumer groups, newest first",
            description = "group: one of its groups (default all); limit 1-1000. state: dead, replayed or discarded")
    public List<DeadLetters.DeadLetter> list(@QueryParam("group") String group, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000, was " + limit);
        }
        return deadLetters.list(blank(group), limit);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Produce one dead letter again on its source topic; its consumer applies it once (inbox)")
    public DeadLetters.DeadLetter replay(@PathParam("id") String id) {
        return deadLetters.replay(id);
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Replay every dead letter of a group (default all of this service's) not replayed or discarded, oldest first")
    public List<DeadLetters.DeadLetter> replayAll(@QueryParam("group") String group) {
        return deadLetters.replayAll(blank(group));
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a dead letter up for good, with a reason; it stays listed as discarded")
    public DeadLetters.DeadLetter discard(@PathParam("id") String id, Discard body) {
        return deadLetters.discard(id, body == null ? null : body.reason());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
