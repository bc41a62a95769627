package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.users.User;
import io.trackerhub.timesheet.users.Users;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Who may track where (admins). By default a user is assigned to every "Pivotal Tracker" root; unassigning a root
 * turns that default off (the other roots stay assigned explicitly), after which the user tracks only on what is
 * assigned and below it.
 */
@Path("/api/users/{userId}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(User.ADMIN)
@Blocking
@Tag(name = "users", description = "Users and their assignments")
public class AssignmentResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Assignments(long userId, boolean allTrackerRoots, List<TaskView> tasks) {
    }

    private final Users users;
    private final Tasks tasks;

    private final Sql sql;

    public AssignmentResource(Users users, Tasks tasks, Sql sql) {
        this.users = users;
        this.tasks = tasks;
        this.sql = sql;
    }

    private void add(long userId, long taskId) {
        // SQL: assigning what is assigned already (a repeated PUT, two at once) is a no-op, never a key conflict
        sql.update("insert into assignment (user_id, task_id) values (?, ?) on conflict do nothing", userId, taskId);
    }

    @GET
    @Operation(summary = "A user's assignments", description = "all_tracker_roots: the default assignment to every root")
    public Assignments get(@PathParam("userId") long userId) {
        User user = user(userId);
        return new Assignments(userId, user.trackerRoot, tasks.assignedTo(userId));
    }

    @PUT
    @Path("/{taskId}")
    @Transactional
    @Operation(summary = "Assign a task", description = "the user may then track on it and everything below it")
    public Assignments assign(@PathParam("userId") long userId, @PathParam("taskId") long taskId) {
        user(userId);
        task(taskId);
        add(userId, taskId);
        return get(userId);
    }

    @DELETE
    @Path("/{taskId}")
    @Transactional
    @Operation(summary = "Unassign a task", description = "unassigning a root also ends the default assignment to all roots")
    public Assignments unassign(@PathParam("userId") long userId, @PathParam("taskId") long taskId) {
        User user = user(userId);
        TaskView task = task(taskId);
        if (Task.ROOT.equals(task.kind()) && user.trackerRoot) {
            users.setTrackerRoot(userId, false);
            for (TaskView root : tasks.roots()) {
                if (root.id() != taskId) {
                    add(userId, root.id());
                }
            }
        }
        Assignment.remove(userId, taskId);
        return get(userId);
    }

    @PUT
    @Path("/all-tracker-roots")
    @Transactional
    @Operation(summary = "Back to the default", description = "assigned to every Pivotal Tracker root again")
    public Assignments allRoots(@PathParam("userId") long userId) {
        user(userId);
        users.setTrackerRoot(userId, true);
        return get(userId);
    }

    private User user(long id) {
        return users.find(id).orElseThrow(() -> ProblemException.notFound("there is no user " + id));
    }

    private TaskView task(long id) {
        return tasks.find(id).orElseThrow(() -> ProblemException.notFound("there is no task " + id));
    }
}
