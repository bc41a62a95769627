package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.archive.store.Epic;
import io.trackerhub.archive.store.Project;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Label;
import io.trackerhub.v5.Bodies;
import io.trackerhub.v5.Fields;
import io.trackerhub.v5.Page;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The archive's projects and what hangs off them, read-only, as Tracker's API v5 answered them. */
@Path("/services/v5")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
@Tag(name = "Tracker API v5 (read-only): projects")
public class ProjectsApi {

    @Inject
    Archive archive;
    @Context
    UriInfo uri;

    @GET
    @Path("/me")
    @Operation(summary = "The person every archive token acts as, a viewer of every archived project")
    public Response me() {
        ObjectNode me = TrackerJson.mapper().createObjectNode().put("kind", "me").put("id", Representations.ARCHIVE_PERSON)
                .put("name", "Tracker archive").put("initials", "TA").put("username", "trackerarchive");
        me.putObject("time_zone").put("kind", "time_zone").put("olson_name", "Etc/UTC").put("offset", "+00:00");
        me.put("has_google_identity", false);
        ArrayNode projects = me.putArray("projects");
        for (Project p : archive.projects()) {
            projects.addObject().put("kind", "membership_summary").put("id", p.id).put("project_id", p.id).put("project_name", p.name)
                    .put("project_color", "555555").put("favorite", false).put("role", "viewer")
                    .put("last_viewed_at", Representations.time(p.updatedAt));
        }
        me.put("receives_in_app_notifications", false);
        return TrackerResponses.ok(me, TrackerQuery.of(uri), null);
    }

    @GET
    @Path("/my/notifications")
    @Operation(summary = "Always empty: an export holds no one's notifications")
    public Response notifications() {
        TrackerQuery query = TrackerQuery.of(uri);
        query.time("updated_after");
        return TrackerResponses.ok(TrackerJson.mapper().createArrayNode(), query, null);
    }

    @GET
    @Path("/projects")
    public Response projects() {
        TrackerQuery query = TrackerQuery.of(uri);
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        archive.projects().forEach(p -> items.add(project(p, query.fields())));
        return TrackerResponses.ok(items, query, null);
    }

    @GET
    @Path("/projects/{projectId}")
    @Operation(summary = "A project; fields= may add labels, memberships, epics")
    public Response project(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(Bodies.id(projectId));
        return TrackerResponses.ok(project(project, query.fields()), query, project.version);
    }

    @GET
    @Path("/projects/{projectId}/epics")
    public Response epics(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        Project project = archive.project(Bodies.id(projectId));
        return TrackerResponses.ok(epics(project.id, query.fields()), query, project.version);
    }

    @GET
    @Path("/projects/{projectId}/epics/{epicId}")
    public Response epic(@PathParam("projectId") String projectId, @PathParam("epicId") String epicId) {
        Project project = archive.project(Bodies.id(projectId));
        Epic epic = archive.epic(Bodies.id(epicId));
        if (epic.projectId != project.id) {
            throw TrackerException.unfound();
        }
        return epic(project, epic);
    }

    @GET
    @Path("/epics/{epicId}")
    public Response epicAnywhere(@PathParam("epicId") String epicId) {
        Epic epic = archive.epic(Bodies.id(epicId));
        return epic(archive.project(epic.projectId), epic);
    }

    @GET
    @Path("/projects/{projectId}/labels")
    public Response labels(@PathParam("projectId") String projectId) {
        Project project = archive.project(Bodies.id(projectId));
        return TrackerResponses.ok(TrackerJson.mapper().valueToTree(archive.labels(project.id).values()), TrackerQuery.of(uri), project.version);
    }

    @GET
    @Path("/projects/{projectId}/memberships")
    public Response memberships(@PathParam("projectId") String projectId) {
        Project project = archive.project(Bodies.id(projectId));
        return TrackerResponses.ok(memberships(project), TrackerQuery.of(uri), project.version);
    }

    @GET
    @Path("/projects/{projectId}/iterations")
    @Operation(summary = "Iterations as the export numbered them; scope done, current, backlog or current_backlog")
    public Response iterations(@PathParam("projectId") String projectId) {
        TrackerQuery query = TrackerQuery.of(uri);
        String scope = query.get("scope");
        if (scope != null && !List.of("done", "current", "backlog", "current_backlog").contains(scope)) {
            throw TrackerException.invalid("scope '" + scope + "' is not one of done, current, backlog, current_backlog");
        }
        Project project = archive.project(Bodies.id(projectId));
        Map<String, Label> labels = archive.labels(project.id);
        List<ObjectNode> all = Iterations.of(project.id, archive.iterationStories(project.id), labels, scope);
        // Tracker cut done iterations 10 at a time by default, counting a negative offset from the end, and did not page the current one
        boolean done = "done".equals(scope);
        Page<ObjectNode> page = Page.of(all, query, Integer.MAX_VALUE, done, done ? 10 : 100);
        Fields fields = query.fields();
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        page.items().forEach(i -> items.add(fields.select(i, name -> null)));
        return TrackerResponses.page(items, query, project.version, "current".equals(scope) ? null : page.pagination());
    }

    private Response epic(Project project, Epic epic) {
        TrackerQuery query = TrackerQuery.of(uri);
        Label label = epic.label == null ? null : archive.labels(project.id).get(epic.label.toLowerCase(Locale.ROOT));
        return TrackerResponses.ok(query.fields().select(Representations.epic(epic, label), name -> null), query, project.version);
    }

    private ArrayNode epics(long projectId, Fields fields) {
        Map<String, Label> labels = archive.labels(projectId);
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        for (Epic e : archive.epics(projectId)) {
            Label label = e.label == null ? null : labels.get(e.label.toLowerCase(Locale.ROOT));
            items.add(fields.select(Representations.epic(e, label), name -> null));
        }
        return items;
    }

    private ArrayNode memberships(Project project) {
        long projectId = project.id;
        ArrayNode items = TrackerJson.mapper().createArrayNode();
        for (Archive.Member m : archive.members(project)) {
            ObjectNode membership = items.addObject().put("kind", "project_membership").put("id", m.id()).put("project_id", projectId);
            membership.set("person", Representations.person(m.person()));
            membership.put("role", m.role()).put("project_color", "555555").put("wants_comment_notification_emails", false)
                    .put("will_receive_mention_notifications_or_emails", false)
                    .put("created_at", Representations.time(m.since())).put("updated_at", Representations.time(m.since()));
        }
        return items;
    }

    private ObjectNode project(Project p, Fields fields) {
        Archive.Facts facts = archive.facts(p);
        Instant created = facts.created();
        LocalDate start = facts.start();
        int days = facts.iterationDays();
        ObjectNode full = TrackerJson.mapper().createObjectNode().put("id", p.id).put("kind", "project").put("name", p.name).put("version", p.version)
                .put("iteration_length", Math.max(1, Math.round(days / 7f))).put("week_start_day", start == null ? "Monday"
                        : start.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
                .put("point_scale", "0,1,2,3").put("point_scale_is_custom", false).put("bugs_and_chores_are_estimatable", false)
                .put("automatic_planning", true).put("enable_tasks", true);
        full.putObject("time_zone").put("kind", "time_zone").put("olson_name", "Etc/UTC").put("offset", "+00:00");
        full.put("velocity_averaged_over", 3).put("number_of_done_iterations_to_show", 12).put("has_google_domain", false)
                .put("enable_incoming_emails", false).put("initial_velocity", 10).put("public", false).put("atom_enabled", false)
                .put("project_type", "private");
        if (start != null) {
            full.put("start_time", Representations.time(start));
        }
        full.put("created_at", Representations.time(created.truncatedTo(ChronoUnit.SECONDS))).put("updated_at", Representations.time(p.updatedAt));
        if (facts.lastIteration() != null) {
            full.put("current_iteration_number", facts.lastIteration());
        }
        full.put("enable_following", true);
        return fields.select(full, name -> switch (name) {
            case "labels" -> TrackerJson.mapper().valueToTree(archive.labels(p.id).values());
            case "epics" -> epics(p.id, Fields.DEFAULT);
            case "memberships" -> memberships(p);
            default -> null;
        });
    }
}
