package io.trackerhub.connector.roadmaps;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.connector.datasets.Csv;
import io.trackerhub.connector.datasets.Cursor;
import io.trackerhub.connector.datasets.Dataset;
import io.trackerhub.connector.datasets.Datasets;
import io.trackerhub.connector.datasets.Filters;
import io.trackerhub.connector.tokens.ReaderRole;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-way roadmap feed of one project (as Roadmunk's Tracker sync): each story an item with a title, a start and
 * an end taken from the date fields the caller chooses, its state, type, estimate, labels and epic, a link back to
 * the story, and any other fields asked for as read-only text.
 */
@Path("/api/roadmaps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ReaderRole.READER, Roles.ADMIN})
@Blocking
@Tag(name = "roadmaps", description = "Roadmap items of a Tracker project (reader or admin token)")
public class RoadmapResource {

    /** The date fields a roadmap's start and end may come from. */
    static final List<String> DATE_FIELDS = List.of("created_at", "updated_at", "started_at", "accepted_at", "deadline");
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final Datasets datasets;

    public RoadmapResource(Datasets datasets) {
        this.datasets = datasets;
    }

    @GET
    @Path("/{project_id}/items")
    @Operation(summary = "Roadmap items of a project", description = "states=started,finished (any of); start_field and end_field one of "
            + "created_at, updated_at, started_at, accepted_at, deadline (default created_at and accepted_at); fields=… other story fields "
            + "shown as read-only text (default: the other date fields); paged with cursor=next_cursor (limit 1-1000, default 500)")
    public Map<String, Object> items(@PathParam("project_id") String projectId, @QueryParam("states") String states,
                                     @QueryParam("start_field") String startField, @QueryParam("end_field") String endField,
                                     @QueryParam("fields") String fields, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") String limit) {
        Filters parsed = Filters.parse(Dataset.STORIES, null, null, projectId, states, null, java.time.Clock.systemUTC());
        if (parsed.projectId() == null) {
            throw ProblemException.invalid("project_id", "is required");
        }
        String start = dateField("start_field", startField, "created_at");
        String end = dateField("end_field", endField, "accepted_at");
        List<String> extra = new ArrayList<>();
        if (fields == null || fields.isBlank()) {
            DATE_FIELDS.stream().filter(f -> !f.equals(start) && !f.equals(end)).forEach(extra::add);
        } else {
            Datasets.columns(Dataset.STORIES, fields).forEach(c -> extra.add(c.name()));
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        Datasets.Page page = datasets.page(Dataset.STORIES, parsed, Dataset.STORIES.columns(), after, limit(limit));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Datasets.Row row : page.rows()) {
            items.add(item(row.values(), start, end, extra));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project_id", parsed.projectId());
        body.put("start_field", start);
        body.put("end_field", end);
        body.put("data", items);
        body.put("next_cursor", page.next() == null ? null : page.next().encode());
        body.put("as_of", datasets.asOf(Dataset.STORIES).map(Timestamps::format).orElse(null));
        return body;
    }

    static Map<String, Object> item(Map<String, Object> story, String start, String end, List<String> extra) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("external_id", String.valueOf(story.get("id")));
        item.put("external_url", story.get("url"));
        item.put("title", story.get("name"));
        Instant from = (Instant) story.get(start);
        Instant to = (Instant) story.get(end);
        item.put("start", from == null ? null : Timestamps.format(from));
        // an end before the start is no bar a roadmap can draw: the item keeps its start and gets no end
        item.put("end", to == null || (from != null && to.isBefore(from)) ? null : Timestamps.format(to));
        item.put("state", story.get("current_state"));
        item.put("type", story.get("story_type"));
        item.put("estimate", story.get("estimate"));
        item.put("labels", story.get("labels"));
        item.put("epic", Csv.text(story.get("epics")) == null || Csv.text(story.get("epics")).isEmpty() ? null : Csv.text(story.get("epics")));
        item.put("linked_ticket", story.get("external_id"));
        Map<String, Object> more = new LinkedHashMap<>();
        for (String f : extra) {
            more.put(f, Csv.text(story.get(f)));
        }
        item.put("fields", more);
        return item;
    }

    static String dateField(String param, String given, String fallback) {
        if (given == null || given.isBlank()) {
            return fallback;
        }
        String f = given.trim();
        if (!DATE_FIELDS.contains(f)) {
            throw ProblemException.invalid(param, "'" + given + "' is not a date field; use one of " + String.join(", ", DATE_FIELDS));
        }
        return f;
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number between 1 and " + MAX_LIMIT + ", was '" + limit + "'");
    }
}
