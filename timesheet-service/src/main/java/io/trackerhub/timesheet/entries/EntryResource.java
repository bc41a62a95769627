package io.trackerhub.timesheet.entries;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.auth.Caller;
import io.trackerhub.timesheet.users.User;
import io.trackerhub.timesheet.users.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Time entries: a user sees and changes only their own, an admin all. */
@Path("/api/entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "entries", description = "Time entries")
public class EntryResource {

    /** Body of POST and PATCH; times ISO-8601 with offset; {@code end} or {@code duration_seconds}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EntryRequest(@NotNull(groups = Create.class, message = "is required") Long taskId, String start, String end,
                               @Positive(message = "must be positive") Long durationSeconds, String note, Boolean billable) {
    }

    /** What POST checks beyond PATCH: a new entry names its task. */
    interface Create extends Default {
    }

    private final Entries entries;
    private final Users users;
    private final SecurityIdentity identity;

    public EntryResource(Entries entries, Users users, SecurityIdentity identity) {
        this.entries = entries;
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Add an entry", description = "{\"task_id\", \"start\", \"end\" | \"duration_seconds\", \"note\"?, \"billable\"?}")
    public Response create(@Valid @ConvertGroup(to = Create.class) EntryRequest body) {
        User user = Caller.of(identity).person();
        if (body == null) {
            throw ProblemException.badRequest("send {\"task_id\", \"start\", \"end\" or \"duration_seconds\"}");
        }
        Instant start = TimeParam.instant("start", body.start());
        Instant end = end(start, body.end(), body.durationSeconds(), true);
        EntryView entry = entries.create(user, body.taskId(), start, end, body.note(), body.billable() == null || body.billable());
        return Response.created(URI.create("/api/entries/" + entry.id())).entity(entry).build();
    }

    @GET
    @Operation(summary = "List entries", description = "from/to: dates (to inclusive, in tz, default UTC) or times with offset; "
            + "user: a user id (admins; others only their own); task: a task id (and its stories)")
    public List<EntryView> list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("user") Long user,
                                @QueryParam("task") Long task, @QueryParam("tz") String tz) {
        Caller caller = Caller.of(identity);
        Long userId = user;
        if (!caller.admin()) {
            if (user != null && !user.equals(caller.person().id)) {
                throw new ForbiddenException("you may read only your own entries");
            }
            userId = caller.person().id;
        }
        var zone = TimeParam.zone(tz);
        return entries.list(new Entries.Query(TimeParam.boundary("from", from, zone, false), TimeParam.boundary("to", to, zone, true), userId, task));
    }

    @GET
    @Path("/{id}")
    public EntryView get(@PathParam("id") long id) {
        return visible(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an entry", description = "any of task_id, start, end, duration_seconds, note, billable")
    public EntryView update(@PathParam("id") long id, @Valid EntryRequest body) {
        EntryView entry = visible(id);
        if (body == null) {
            throw ProblemException.badRequest("send the fields to change");
        }
        User owner = users.find(entry.userId()).orElseThrow();
        Instant start = body.start() == null ? null : TimeParam.instant("start", body.start());
        Instant end = null;
        if (body.end() != null || body.durationSeconds() != null) {
            end = end(start != null ? start : entry.start(), body.end(), body.durationSeconds(), false);
        }
        return entries.update(owner, entry.id(), body.taskId(), start, end, body.note(), body.billable());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        visible(id);
        entries.delete(id);
        return Response.noContent().build();
    }

    /** The entry if the caller may see it; another user's entry is "not found" (its existence is not revealed). */
    private EntryView visible(long id) {
        Caller caller = Caller.of(identity);
        return entries.find(id).filter(e -> caller.mayActFor(e.userId()))
                .orElseThrow(() -> ProblemException.notFound("there is no entry " + id + " of yours"));
    }

    private static Instant end(Instant start, String end, Long durationSeconds, boolean required) {
        if (end != null && durationSeconds != null) {
            throw ProblemException.invalid("end", "give either end or duration_seconds, not both");
        }
        if (durationSeconds != null) {
            return start.plusSeconds(durationSeconds);
        }
        if (end == null && required) {
            throw ProblemException.invalid("end", "is required (or duration_seconds)");
        }
        return TimeParam.instant("end", end);
    }
}
