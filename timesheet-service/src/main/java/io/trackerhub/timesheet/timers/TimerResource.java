package io.trackerhub.timesheet.timers;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.auth.Caller;
import io.trackerhub.timesheet.entries.EntryView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's timer: start (stops a running one first), stop (writes the entry), current. */
@Path("/api/timer")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "timer", description = "One running timer per user")
public class TimerResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StartRequest(@NotNull(message = "is required") Long taskId, String note) {
    }

    private final Timers timers;
    private final SecurityIdentity identity;

    public TimerResource(Timers timers, SecurityIdentity identity) {
        this.timers = timers;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The running timer", description = "204 when none runs")
    public Response current() {
        return timers.current(Caller.of(identity).person()).map(t -> Response.ok(t).build()).orElse(Response.noContent().build());
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the timer on a task", description = "{\"task_id\", \"note\"?}; a running timer is stopped first (its entry is in 'stopped')")
    public Timers.Started start(@Valid StartRequest body) {
        if (body == null) {
            throw ProblemException.invalid("task_id", "is required");
        }
        return timers.start(Caller.of(identity).person(), body.taskId(), body.note());
    }

    @POST
    @Path("/stop")
    @Operation(summary = "Stop the timer", description = "answers the entry it wrote; 409 when no timer runs")
    public EntryView stop() {
        return timers.stop(Caller.of(identity).person());
    }
}
