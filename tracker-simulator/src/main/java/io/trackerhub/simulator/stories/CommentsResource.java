package io.trackerhub.simulator.stories;

import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Comment;
import io.trackerhub.events.rest.Task;
import io.trackerhub.simulator.api.ProjectAccess;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerQuery;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Comments and tasks of a story. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: comments and tasks")
public class CommentsResource {

    @Inject
    ProjectAccess access;
    @Inject
    StoryChanges changes;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/comments")
    public Response comments(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        long sid = Bodies.id(storyId);
        StoriesResource.story(project, sid);
        return project.read(v -> TrackerResponses.ok(TrackerJson.mapper().valueToTree(v.storyComments(sid)), TrackerQuery.of(uri), v.version()));
    }

    @POST
    @Path("/projects/{projectId}/stories/{storyId}/comments")
    public Response comment(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        Comment comment = changes.comment(project, access.me(), Bodies.id(storyId), Bodies.json(body));
        return ok(project, comment);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/comments/{commentId}")
    public Response getComment(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId,
                               @PathParam("commentId") String commentId) {
        ProjectState project = access.project(Bodies.id(projectId));
        long cid = Bodies.id(commentId);
        Comment comment = project.read(v -> v.storyComments(Bodies.id(storyId)).stream().filter(c -> c.id() == cid).findFirst())
                .orElseThrow(TrackerException::unfound);
        return ok(project, comment);
    }

    @PUT
    @Path("/projects/{projectId}/stories/{storyId}/comments/{commentId}")
    public Response updateComment(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId,
                                  @PathParam("commentId") String commentId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        return ok(project, changes.updateComment(project, access.me(), Bodies.id(storyId), Bodies.id(commentId), Bodies.json(body)));
    }

    @DELETE
    @Path("/projects/{projectId}/stories/{storyId}/comments/{commentId}")
    public Response deleteComment(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId,
                                  @PathParam("commentId") String commentId) {
        ProjectState project = access.project(Bodies.id(projectId));
        changes.deleteComment(project, access.me(), Bodies.id(storyId), Bodies.id(commentId));
        return TrackerResponses.noContent(project.read(ProjectState.View::version));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/tasks")
    public Response tasks(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        long sid = Bodies.id(storyId);
        StoriesResource.story(project, sid);
        return project.read(v -> TrackerResponses.ok(TrackerJson.mapper().valueToTree(v.tasks(sid)), TrackerQuery.of(uri), v.version()));
    }

    @POST
    @Path("/projects/{projectId}/stories/{storyId}/tasks")
    public Response task(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        Task task = changes.task(project, access.me(), Bodies.id(storyId), Bodies.json(body));
        return ok(project, task);
    }

    @PUT
    @Path("/projects/{projectId}/stories/{storyId}/tasks/{taskId}")
    public Response updateTask(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId,
                               @PathParam("taskId") String taskId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        return ok(project, changes.updateTask(project, access.me(), Bodies.id(storyId), Bodies.id(taskId), Bodies.json(body)));
    }

    private Response ok(ProjectState project, Object resource) {
        return TrackerResponses.ok(TrackerJson.toTree(resource), TrackerQuery.of(uri), project.read(ProjectState.View::version));
    }
}
