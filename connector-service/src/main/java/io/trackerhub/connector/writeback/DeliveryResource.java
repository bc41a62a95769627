package io.trackerhub.connector.writeback;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.outbox.Outbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retrying a write-back that failed for good (after its last attempt, or refused by the external system). */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "connectors")
public class DeliveryResource {

    private final Outbox outbox;

    public DeliveryResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Queue a failed write-back again, with a fresh set of attempts")
    public DeliveryView retry(@PathParam("id") long id) {
        return DeliveryView.of(outbox.retryForApi(id, "connector/"));
    }
}
