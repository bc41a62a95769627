package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.archive.store.Person;
import io.trackerhub.archive.store.Project;
import io.trackerhub.archive.store.Story;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Label;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.Fields;
import io.trackerhub.v5.Page;
import io.trackerhub.v5.StoryFilter;
import io.trackerhub.v5.StoryView;
import io.trackerhub.v5.TrackerException;
import io.trackerhub.v5.TrackerQuery;
import io.trackerhub.v5.TrackerResponses;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Archived stories and what belongs to them, read-only, as Tracker's API v5 answered them. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
@Tag(name = "Tracker API v5 (read-only): stories")
public class StoriesApi {

    @Inject
    Archive archive;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects/{projectId}/stories")
    @Operation(summary = "Stories of a project by id, filtered and paged like Tracker; filter= (search) goes only with limit, offset, envelope, date_format")
    public Response list(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(Bodies.id(projectId));
        if (StoryFilter.isSearch(query)) {
            StoryFilter.requireSearchAlone(query);
        }
        StoryFilter filter = StoryFilter.of(query);
        Page.Bounds bounds = Page.bounds(query, Integer.MAX_VALUE);
        Archive.StoryPage page = archive.stories(project.id, filter, bounds.limit(), Math.max(0, bounds.offset()));
        Map<String, Label> labels = archive.labels(project.id);
        Fields fields = query.fields();
        StoryView.Related related = related(page.stories());
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        page.stories().forEach(s -> items.add(StoryView.of(Representations.story(s, labels), fields, related)));
        return TrackerResponses.page(items, query, project.version, bounds.pagination(page.total(), page.stories().size()));
    }

    @GET
    @Path("/projects/{projectId}/releases")
    @Operation(summary = "The release stories of a project, as Tracker's release resources")
    public Response releases(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(Bodies.id(projectId));
        Page.Bounds bounds = Page.bounds(query, Integer.MAX_VALUE);
        StoryFilter releases = new StoryFilter(null, "release", null, null, null, List.of(), false);
        Archive.StoryPage page = archive.stories(project.id, releases, bounds.limit(), Math.max(0, bounds.offset()));
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        for (Story s : page.stories()) {
            ObjectNode release = TrackerJson.mapper().createObjectNode().put("kind", "release").put("id", s.id).put("project_id", s.projectId)
                    .put("name", s.name).put("current_state", s.currentState).put("url", s.url);
            if (s.deadline != null) {
                release.put("deadline", Representations.time(s.deadline));
            }
            if (s.acceptedAt != null) {
                release.put("accepted_at", Representations.time(s.acceptedAt));
            }
            release.put("created_at", Representations.time(s.createdAt)).put("updated_at", Representations.time(s.updatedAt));
            items.add(query.fields().select(release, name -> null));
        }
        return TrackerResponses.page(items, query, project.version, bounds.pagination(page.total(), items.size()));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}")
    public Response get(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        return one(story(projectId, storyId));
    }

    @GET
    @Path("/stories/{storyId}")
    public Response getAnywhere(@PathParam("storyId") String storyId) {
        return one(archive.story(Bodies.id(storyId)));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/comments")
    public Response comments(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        return children(story(projectId, storyId), Representations::comments);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/tasks")
    public Response tasks(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        return children(story(projectId, storyId), Representations::tasks);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/blockers")
    public Response blockers(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        return children(story(projectId, storyId), Representations::blockers);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/reviews")
    public Response reviews(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        return children(story(projectId, storyId), Representations::reviews);
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/owners")
    public Response owners(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        Story story = story(projectId, storyId);
        return children(story, s -> StoryView.people(related(List.of(s)), s.ownerIds));
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/labels")
    public Response storyLabels(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        Story story = story(projectId, storyId);
        return children(story, s -> TrackerJson.mapper().valueToTree(Representations.story(s, archive.labels(s.projectId)).labels()));
    }

    @GET
    @Path("/projects/{projectId}/activity")
    @Operation(summary = "Project activity, newest first: one entry per story or epic an import added, changed or moved; since_version, occurred_after, occurred_before, limit, offset")
    public Response activity(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(Bodies.id(projectId));
        Page.Bounds bounds = Page.bounds(query, Integer.MAX_VALUE);
        Archive.ActivityPage page = archive.activity(project.id, query.longValue("since_version"), query.time("occurred_after"),
                query.time("occurred_before"), bounds.limit(), Math.max(0, bounds.offset()));
        Fields fields = query.fields();
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        Activities.render(project, page.activities(), archive).forEach(a -> items.add(fields.select(a, name -> null)));
        return TrackerResponses.page(items, query, project.version, bounds.pagination(page.total(), items.size()));
    }

    private Story story(String projectId, String storyId) {
        Project project = archive.project(Bodies.id(projectId));
        Story story = archive.story(Bodies.id(storyId));
        if (story.projectId != project.id) {
            throw TrackerException.unfound();
        }
        return story;
    }

    private Response one(Story story) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(story.projectId);
        ObjectNode body = StoryView.of(Representations.story(story, archive.labels(story.projectId)), query.fields(), related(List.of(story)));
        return TrackerResponses.ok(body, query, project.version);
    }

    private Response children(Story story, Function<Story, JsonNode> render) {
        return TrackerResponses.ok(render.apply(story), TrackerQuery.of(uri), archive.project(story.projectId).version);
    }

    /** People are read once for the page, and only when a field asks for them. */
    private StoryView.Related related(List<Story> stories) {
        Map<Long, Story> byId = new HashMap<>();
        stories.forEach(s -> byId.put(s.id, s));
        return new StoryView.Related() {
            Map<Long, Person> people;

            @Override
            public JsonNode person(long personId) {
                if (people == null) {
                    java.util.Set<Long> ids = new java.util.HashSet<>();
                    stories.forEach(s -> {
                        ids.addAll(s.ownerIds);
                        if (s.requestedById != null) {
                            ids.add(s.requestedById);
                        }
                    });
                    people = archive.people(ids);
                }
                Person p = people.get(personId);
                return p == null ? null : Representations.person(p);
            }

            @Override
            public JsonNode tasks(long storyId) {
                return Representations.tasks(byId.get(storyId));
            }

            @Override
            public JsonNode comments(long storyId) {
                return Representations.comments(byId.get(storyId));
            }
        };
    }
}
