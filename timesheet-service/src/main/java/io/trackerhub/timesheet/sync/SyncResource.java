package io.trackerhub.timesheet.sync;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.tasks.Tasks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The page's "Force synchronization": asks the poller to poll the imported integrations now. */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "sync", description = "Force synchronization with Tracker")
public class SyncResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SyncBody(Long integrationId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Requested(List<Long> integrationIds, String reason, Instant requestedAt) {
    }

    private final SyncRequests requests;
    private final Tasks tasks;

    public SyncResource(SyncRequests requests, Tasks tasks) {
        this.requests = requests;
        this.tasks = tasks;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Force synchronization", description = "publishes a 'force' request per imported integration (or the one named by "
            + "integration_id) to hub.sync-requests; 202 once Kafka has it")
    public Response sync(SyncBody body) {
        List<Long> known = tasks.integrations();
        List<Long> targets = body == null || body.integrationId() == null ? known : List.of(body.integrationId());
        if (targets.isEmpty()) {
            throw ProblemException.conflict("nothing has been imported from Tracker yet, so there is no integration to synchronize; "
                    + "create one in the poller (POST /api/integrations on port 8082)");
        }
        if (body != null && body.integrationId() != null && !known.contains(body.integrationId())) {
            throw ProblemException.invalid("integration_id", "no project of integration " + body.integrationId() + " has been imported here");
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (long id : targets) {
            requests.request(id, at);
        }
        return Response.accepted(new Requested(targets, SyncRequests.REASON, at)).build();
    }
}
