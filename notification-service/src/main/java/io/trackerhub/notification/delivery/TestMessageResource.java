package io.trackerhub.notification.delivery;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.notification.channels.Channels;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The channel's test button: a sample sent now, outside the outbox ({@link TestMessages}). */
@Path("/api/channels/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "channels")
public class TestMessageResource {

    private final Channels channels;
    private final TestMessages tests;

    TestMessageResource(Channels channels, TestMessages tests) {
        this.channels = channels;
        this.tests = tests;
    }

    @POST
    @Operation(summary = "Send a sample message now and report the receiver's answer")
    public TestMessages.Report test(@PathParam("id") long id) {
        return tests.send(channels.existing(id));
    }
}
