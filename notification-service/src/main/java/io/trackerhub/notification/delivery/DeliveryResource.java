package io.trackerhub.notification.delivery;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.notification.channels.ChannelResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retrying a delivery that failed for good (after its last attempt, or rejected by the receiver). */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "channels")
public class DeliveryResource {

    private final Outbox outbox;

    public DeliveryResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Queue a failed delivery again, with a fresh set of attempts")
    public ChannelResource.DeliveryView retry(@PathParam("id") long id) {
        return ChannelResource.DeliveryView.of(outbox.retryForApi(id, "channel/"));
    }
}
