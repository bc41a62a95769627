package io.trackerhub.timesheet.tasks;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.auth.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The imported tasks a caller may track on. They come from Tracker and are changed there, not here. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "tasks", description = "Imported Tracker projects and stories")
public class TaskResource {

    private final Tasks tasks;
    private final SecurityIdentity identity;

    public TaskResource(Tasks tasks, SecurityIdentity identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Tasks you may track on", description = "flat, open (not archived) and assigned; search matches the name "
            + "or a Tracker id (123 or #123); each has its parent_id and path; limit 1-500")
    public List<TaskView> list(@QueryParam("search") String search, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500, got " + limit);
        }
        return tasks.trackable(Caller.of(identity).person(), search, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One task", description = "also archived ones (past entries name them); 404 unless you are assigned or an admin")
    public TaskView get(@PathParam("id") long id) {
        Caller caller = Caller.of(identity);
        return tasks.find(id).filter(t -> caller.admin() || tasks.assigned(caller.person(), id))
                .orElseThrow(() -> ProblemException.notFound("there is no task " + id + " assigned to you"));
    }

    @POST
    public void create() {
        throw imported();
    }

    @PUT
    @Path("/{id}")
    public void replace(@PathParam("id") long id) {
        throw imported();
    }

    @PATCH
    @Path("/{id}")
    public void change(@PathParam("id") long id) {
        throw imported();
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") long id) {
        throw imported();
    }

    private static ProblemException imported() {
        return ProblemException.conflict("tasks are imported from Pivotal Tracker and cannot be edited here; change the project or story in Tracker");
    }
}
