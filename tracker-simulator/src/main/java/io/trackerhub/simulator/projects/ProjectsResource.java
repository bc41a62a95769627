package io.trackerhub.simulator.projects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Epic;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.api.ProjectAccess;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.Fields;
import io.trackerhub.v5.Page;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerQuery;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

/** Projects and what hangs off them read-only: epics, labels, memberships, iterations, releases. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: projects")
public class ProjectsResource {

    private static final Set<String> ITERATION_EXTRAS = Set.of("velocity", "points", "accepted_points", "effective_points");

    @Inject
    ProjectAccess access;
    @Inject
    World world;
    @Inject
    Faults faults;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects")
    public Response projects() {
        TrackerQuery query = TrackerQuery.of(uri);
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        long me = access.personId();
        for (ProjectState project : world.projects()) {
            project.read(view -> view.isMember(me) ? items.add(project(view, query.fields())) : items);
        }
        return TrackerResponses.ok(items, query, null);
    }

    @GET
    @Path("/projects/{projectId}")
    public Response project(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        return access.project(Bodies.id(projectId)).read(view -> TrackerResponses.ok(project(view, query.fields()), query, view.version()));
    }

    @GET
    @Path("/projects/{projectId}/epics")
    public Response epics(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        return access.project(Bodies.id(projectId)).read(view -> {
            ArrayNode items = TrackerJson.mapper().createArrayNode();
            view.epics().forEach(e -> items.add(epic(e, query.fields())));
            return TrackerResponses.ok(items, query, view.version());
        });
    }

    @GET
    @Path("/projects/{projectId}/epics/{epicId}")
    public Response epic(@PathParam("projectId") String projectId, @PathParam("epicId") String epicId) {
        return epic(access.project(Bodies.id(projectId)), Bodies.id(epicId));
    }

    @GET
    @Path("/epics/{epicId}")
    public Response epicAnywhere(@PathParam("epicId") String epicId) {
        long id = Bodies.id(epicId);
        ProjectState project = world.projectOfEpic(id).orElseThrow(TrackerException::unfound);
        return epic(access.project(project.id()), id);
    }

    @GET
    @Path("/projects/{projectId}/epics/{epicId}/comments")
    public Response epicComments(@PathParam("projectId") String projectId, @PathParam("epicId") String epicId) {
        long id = Bodies.id(epicId);
        return access.project(Bodies.id(projectId)).read(view -> {
            if (view.epic(id) == null) {
                throw TrackerException.unfound();
            }
            return TrackerResponses.ok(TrackerJson.mapper().valueToTree(view.epicComments(id)), TrackerQuery.of(uri), view.version());
        });
    }

    @GET
    @Path("/projects/{projectId}/labels")
    public Response labels(@PathParam("projectId") String projectId) {
        return access.project(Bodies.id(projectId)).read(view ->
                TrackerResponses.ok(TrackerJson.mapper().valueToTree(view.labels()), TrackerQuery.of(uri), view.version()));
    }

    @GET
    @Path("/projects/{projectId}/memberships")
    public Response memberships(@PathParam("projectId") String projectId) {
        return access.project(Bodies.id(projectId)).read(view ->
                TrackerResponses.ok(TrackerJson.mapper().valueToTree(view.memberships()), TrackerQuery.of(uri), view.version()));
    }

    @GET
    @Path("/projects/{projectId}/iterations")
    public Response iterations(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        String scope = query.get("scope");
        if (scope != null && !List.of("done", "current", "backlog", "current_backlog").contains(scope)) {
            throw TrackerException.invalid("scope '" + scope + "' is not one of done, current, backlog, current_backlog");
        }
        Fields fields = query.fields();
        return access.project(Bodies.id(projectId)).read(view -> {
            // Tracker cut done iterations 10 at a time by default and did not page the current one
            boolean done = "done".equals(scope);
            Page<ObjectNode> page = Page.of(Iterations.of(view, scope), query, faults.maxPageSize(), done, done ? 10 : 100);
            ArrayNode items = TrackerJson.mapper().createArrayNode();
            for (ObjectNode iteration : page.items()) {
                ObjectNode plain = iteration.deepCopy();
                plain.remove(ITERATION_EXTRAS);
                items.add(fields.select(plain, iteration::get));
            }
            return TrackerResponses.page(items, query, view.version(), "current".equals(scope) ? null : page.pagination());
        });
    }

    @GET
    @Path("/projects/{projectId}/releases")
    public Response releases(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        return access.project(Bodies.id(projectId)).read(view -> {
            List<Story> releases = view.stories().stream().filter(s -> "release".equals(s.storyType())).toList();
            Page<Story> page = Page.of(releases, query, faults.maxPageSize());
            ArrayNode items = TrackerJson.mapper().createArrayNode();
            for (Story s : page.items()) {
                ObjectNode release = TrackerJson.toTree(s);
                release.put("kind", "release");
                release.remove(List.of("story_type", "description", "requested_by_id", "owner_ids", "estimate"));
                items.add(release);
            }
            return TrackerResponses.page(items, query, view.version(), page.pagination());
        });
    }

    private Response epic(ProjectState project, long epicId) {
        TrackerQuery query = TrackerQuery.of(uri);
        return project.read(view -> {
            Epic epic = view.epic(epicId);
            if (epic == null) {
                throw TrackerException.unfound();
            }
            return TrackerResponses.ok(epic(epic, query.fields()), query, view.version());
        });
    }

    private static ObjectNode epic(Epic epic, Fields fields) {
        ObjectNode full = TrackerJson.toTree(epic);
        JsonNode labelId = epic.label() == null ? null : full.numberNode(epic.label().id());
        full.remove("label_id");
        return fields.select(full, name -> "label_id".equals(name) ? labelId : null);
    }

    private static ObjectNode project(ProjectState.View view, Fields fields) {
        ObjectNode full = TrackerJson.toTree(view.project());
        return fields.select(full, name -> switch (name) {
            case "labels" -> TrackerJson.mapper().valueToTree(view.labels());
            case "epics" -> {
                ArrayNode epics = TrackerJson.mapper().createArrayNode();
                view.epics().forEach(e -> epics.add(epic(e, Fields.DEFAULT)));
                yield epics;
            }
            case "current_velocity" -> full.numberNode(10);
            case "account" -> view.project().accountId() == null ? null
                    : TrackerJson.mapper().createObjectNode().put("kind", "account").put("id", view.project().accountId())
                    .put("name", view.project().name() + " account").put("status", "active").put("plan", "Free");
            case "memberships" -> TrackerJson.mapper().valueToTree(view.memberships());
            default -> null;
        });
    }
}
