package io.trackerhub.simulator.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.api.ProjectAccess;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.Fields;
import io.trackerhub.v5.Page;
import io.trackerhub.v5.StoryFilter;
import io.trackerhub.v5.StoryView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.Predicate;

/** Stories: {@code /projects/{id}/stories[/{sid}]} and {@code /stories/{sid}}. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: stories")
public class StoriesResource {

    @Inject
    ProjectAccess access;
    @Inject
    StoryChanges changes;
    @Inject
    World world;
    @Inject
    Faults faults;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects/{projectId}/stories")
    @Operation(summary = "Stories of a project, filtered and paged like Tracker; filter= (search) goes only with limit, offset, envelope, date_format")
    public Response list(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        ProjectState project = access.project(Bodies.id(projectId));
        boolean search = StoryFilter.isSearch(query);
        if (search && !faults.filterWithOthers()) {
            StoryFilter.requireSearchAlone(query);
        }
        Predicate<Story> filter = StoryFilter.of(query);
        Fields fields = query.fields();
        return project.read(view -> {
            List<Story> matching = view.stories().stream().filter(filter).toList();
            Page<Story> page = Page.of(matching, query, faults.maxPageSize());
            Pagination pagination = search ? searchTotal(page.pagination(), view, filter) : page.pagination();
            if (fields.isDefault() && !query.envelope()) {
                // the common full read: records straight to bytes, no tree per story (50,000 stories in pages of 500)
                return TrackerResponses.pageOfJson(page.items().stream().map(story -> view.storyJson(story, query.millis())).toList(), view.version(), pagination);
            }
            ArrayNode items = TrackerJson.mapper().createArrayNode();
            page.items().forEach(s -> items.add(StoryView.of(s, fields, related(view))));
            return TrackerResponses.page(items, query, view.version(), pagination);
        });
    }

    /** A search's total as the {@code search_totals} fault says: none (Tracker's {@code "total": null}), exact, or stale. */
    private Pagination searchTotal(Pagination exact, ProjectState.View view, Predicate<Story> filter) {
        return switch (faults.searchTotals()) {
            case EXACT -> exact;
            case ABSENT -> new Pagination(null, exact.limit(), exact.offset(), exact.returned());
            case STALE -> new Pagination(exact.total() + (int) view.recentlyDeparted().stream().filter(filter).count(),
                    exact.limit(), exact.offset(), exact.returned());
        };
    }

    @POST
    @Path("/projects/{projectId}/stories")
    @Operation(summary = "Create a story (records story_create_activity)")
    public Response create(@PathParam("projectId") String projectId, byte[] body) {
        ProjectState project = access.project(Bodies.id(projectId));
        Story story = changes.create(project, access.me(), Bodies.json(body));
        return one(project, story);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}")
    public Response get(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        return one(project, story(project, Bodies.id(storyId)));
    }

    @PUT
    @Path("/projects/{projectId}/stories/{storyId}")
    @Operation(summary = "Update a story: state, estimate, owners, labels, position… (records one activity); project_id of another project moves it")
    public Response update(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId, byte[] body) {
        return update(access.project(Bodies.id(projectId)), Bodies.id(storyId), Bodies.json(body));
    }

    @DELETE
    @Path("/projects/{projectId}/stories/{storyId}")
    public Response delete(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        changes.delete(project, access.me(), List.of(Bodies.id(storyId)));
        return TrackerResponses.noContent(project.read(ProjectState.View::version));
    }

    @GET
    @Path("/stories/{storyId}")
    public Response getAnywhere(@PathParam("storyId") String storyId) {
        ProjectState project = projectOf(storyId);
        return one(project, story(project, Bodies.id(storyId)));
    }

    @PUT
    @Path("/stories/{storyId}")
    public Response updateAnywhere(@PathParam("storyId") String storyId, byte[] body) {
        return update(projectOf(storyId), Bodies.id(storyId), Bodies.json(body));
    }

    @DELETE
    @Path("/stories/{storyId}")
    public Response deleteAnywhere(@PathParam("storyId") String storyId) {
        ProjectState project = projectOf(storyId);
        changes.delete(project, access.me(), List.of(Bodies.id(storyId)));
        return TrackerResponses.noContent(project.read(ProjectState.View::version));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/owners")
    public Response owners(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        Story story = story(project, Bodies.id(storyId));
        return project.read(view -> TrackerResponses.ok(StoryView.people(related(view), story.ownerIds()), TrackerQuery.of(uri), view.version()));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/transitions")
    public Response transitions(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        TrackerQuery query = TrackerQuery.of(uri);
        ProjectState project = access.project(Bodies.id(projectId));
        long sid = Bodies.id(storyId);
        story(project, sid);
        return project.read(view -> {
            Page<?> page = Page.of(view.transitions(sid), query, faults.maxPageSize());
            return TrackerResponses.page(TrackerJson.mapper().valueToTree(page.items()), query, view.version(), page.pagination());
        });
    }

    /** An update, or a move when {@code project_id} names another project: the caller must be able to write to both. */
    private Response update(ProjectState project, long storyId, JsonNode body) {
        Long target = StoryChanges.targetProject(body, project.id());
        if (target == null) {
            return one(project, changes.update(project, access.me(), storyId, body));
        }
        ProjectState destination = access.writable(target);
        access.writable(project.id());
        return one(destination, changes.moveToProject(project, destination, access.me(), storyId));
    }

    private ProjectState projectOf(String storyId) {
        ProjectState project = world.projectOfStory(Bodies.id(storyId)).orElseThrow(TrackerException::unfound);
        return access.project(project.id());
    }

    private Response one(ProjectState project, Story story) {
        TrackerQuery query = TrackerQuery.of(uri);
        return project.read(view -> TrackerResponses.ok(StoryView.of(story, query.fields(), related(view)), query, view.version()));
    }

    /** What a story refers to, as this world holds it. */
    private StoryView.Related related(ProjectState.View view) {
        return new StoryView.Related() {
            @Override
            public JsonNode person(long personId) {
                return world.person(personId).<JsonNode>map(TrackerJson::toTree).orElse(null);
            }

            @Override
            public JsonNode tasks(long storyId) {
                return TrackerJson.mapper().valueToTree(view.tasks(storyId));
            }

            @Override
            public JsonNode comments(long storyId) {
                return TrackerJson.mapper().valueToTree(view.storyComments(storyId));
            }
        };
    }

    static Story story(ProjectState project, long storyId) {
        Story story = project.read(view -> view.story(storyId));
        if (story == null) {
            throw TrackerException.unfound();
        }
        return story;
    }
}
