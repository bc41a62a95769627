package io.trackerhub.kit.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Locale;

/** Operators' view of the outbox: what is queued, what failed and why, and a button to try a failed one again. */
@Path("/admin/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "outbox", description = "External deliveries of this service")
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxResource {

    /** A delivery as operators see it: the payload is left out, it may hold personal data. */
    public record DeliveryView(long id, String channel, String target, String destination, String status, int attempts, int maxAttempts,
                               java.time.Instant nextAttemptAt, String lastError, Integer lastStatus,
                               java.time.Instant createdAt, java.time.Instant deliveredAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.channel(), d.target(), d.destination(), d.status().column(), d.attempts(), d.maxAttempts(),
                    d.nextAttemptAt(), d.lastError(), d.lastStatus(), d.createdAt(), d.deliveredAt());
        }
    }

    private final Outbox outbox;

    public OutboxResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @GET
    @Operation(summary = "List deliveries, newest first", description = "status: pending, sending, delivered or failed; limit 1-500")
    public List<DeliveryView> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500, was " + limit);
        }
        Delivery.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = Delivery.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "'" + status + "' is not one of pending, sending, delivered, failed");
            }
        }
        return outbox.list(wanted, limit).stream().map(DeliveryView::of).toList();
    }

    @GET
    @Path("/{id}")
    public DeliveryView get(@PathParam("id") long id) {
        return outbox.find(id).map(DeliveryView::of).orElseThrow(() -> ProblemException.notFound("no delivery " + id));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Queue a failed delivery again, with a fresh set of attempts")
    public DeliveryView retry(@PathParam("id") long id) {
        Delivery delivery = outbox.find(id).orElseThrow(() -> ProblemException.notFound("no delivery " + id));
        if (!outbox.retry(id)) {
            throw ProblemException.conflict("delivery " + id + " is " + delivery.status().column() + ", only a failed delivery can be retried");
        }
        return outbox.find(id).map(DeliveryView::of).orElseThrow();
    }

    @GET
    @Path("/destinations")
    @Operation(summary = "Destinations with a rate limit, a failure or a pause, and why they are paused")
    public List<Destination> destinations() {
        return outbox.destinations();
    }

    @POST
    @Path("/destinations/{name: .+}/resume")
    @Operation(summary = "Take a paused destination back into service; its pending deliveries are sent at once")
    public Destination resume(@PathParam("name") String name) {
        outbox.findDestination(name).orElseThrow(() -> ProblemException.notFound("no destination " + name));
        if (!outbox.resume(name)) {
            throw ProblemException.conflict("destination " + name + " is not paused");
        }
        return outbox.destination(name);
    }
}
