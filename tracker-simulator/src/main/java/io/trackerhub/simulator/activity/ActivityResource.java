package io.trackerhub.simulator.activity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Resource;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The activity feeds: a project's, a story's and the caller's; newest first, as every recorded feed ({@code sort_order=asc}
 * counts only with the {@code honor_sort_order} fault).
 */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracker API v5: activity")
public class ActivityResource {

    @Inject
    ProjectAccess access;
    @Inject
    World world;
    @Inject
    Faults faults;
    @Context
    UriInfo uri;

    @GET
    @Path("/projects/{projectId}/activity")
    @Operation(summary = "Project activity; since_version, occurred_after, occurred_before, sort_order, limit, offset")
    public Response project(@PathParam("projectId") String projectId) {
        ProjectState project = access.project(Bodies.id(projectId));
        return project.read(view -> page(history(view.activities()), a -> true, view.version()));
    }

    /** The feed as far back as the {@code activity_history} fault lets it reach. */
    private List<Activity> history(List<Activity> oldestFirst) {
        int keep = faults.activityHistory();
        return keep < 0 || keep >= oldestFirst.size() ? oldestFirst : oldestFirst.subList(oldestFirst.size() - keep, oldestFirst.size());
    }

    @GET
    @Path("/projects/{projectId}/stories/{storyId}/activity")
    public Response story(@PathParam("projectId") String projectId, @PathParam("storyId") String storyId) {
        ProjectState project = access.project(Bodies.id(projectId));
        long sid = Bodies.id(storyId);
        return project.read(view -> {
            if (view.story(sid) == null) {
                throw TrackerException.unfound();
            }
            return page(view.activities(), a -> a.primaryResources() != null
                    && a.primaryResources().stream().map(Resource::id).anyMatch(id -> id != null && id == sid), view.version());
        });
    }

    @GET
    @Path("/my/activity")
    public Response mine() {
        long me = access.personId();
        List<Activity> all = new ArrayList<>();
        for (ProjectState project : world.projects()) {
            project.read(view -> view.isMember(me) ? all.addAll(view.activities()) : false);
        }
        all.sort(Comparator.comparing(Activity::occurredAt).thenComparing(Activity::projectVersion));
        return page(all, a -> a.performedBy() != null && a.performedBy().id() != null && a.performedBy().id() == me, null);
    }

    private Response page(List<Activity> oldestFirst, Predicate<Activity> about, Long version) {
        TrackerQuery query = TrackerQuery.of(uri);
        Long since = query.longValue("since_version");
        Instant after = query.time("occurred_after");
        Instant before = query.time("occurred_before");
        String order = query.get("sort_order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw TrackerException.invalid("sort_order must be asc or desc, got '" + order + "'");
        }
        List<Activity> selected = new ArrayList<>(oldestFirst.stream().filter(about)
                .filter(a -> since == null || a.projectVersion() > since)
                .filter(a -> after == null || a.occurredAt().isAfter(after))
                .filter(a -> before == null || a.occurredAt().isBefore(before))
                .toList());
        // Tracker's recorded feeds are all newest first (fixtures/tracker/rest-v5/cassettes/get_project_activity.json)
        if (!("asc".equals(order) && faults.honorSortOrder())) {
            Collections.reverse(selected);
        }
        Page<Activity> page = Page.of(selected, query, faults.maxPageSize());
        Fields fields = query.fields();
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        page.items().forEach(a -> items.add(fields.select(TrackerJson.toTree(a), name -> null)));
        return TrackerResponses.page(items, query, version, page.pagination());
    }
}
