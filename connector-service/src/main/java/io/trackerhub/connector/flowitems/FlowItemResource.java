package io.trackerhub.connector.flowitems;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.connector.datasets.Csv;
import io.trackerhub.connector.datasets.Cursor;
import io.trackerhub.connector.datasets.Dataset;
import io.trackerhub.connector.datasets.Datasets;
import io.trackerhub.connector.datasets.Filters;
import io.trackerhub.connector.tokens.ReaderRole;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.vocabulary.StoryTypes;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stories as Planview Viz flow items: features, bugs and chores with their flow times and typed fields ({@link FlowField}). */
@Path("/api/flow-items")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ReaderRole.READER, Roles.ADMIN})
@Blocking
@Tag(name = "flow-items", description = "Stories as flow items (reader or admin token)")
public class FlowItemResource {

    /** Tracker story type → Viz flow item type; releases are milestones, not work, and are left out. */
    static final Map<String, String> FLOW_TYPES = Map.of(StoryTypes.FEATURE, "Feature", StoryTypes.BUG, "Defect", StoryTypes.CHORE, "Debt");

    private final Datasets datasets;

    public FlowItemResource(Datasets datasets) {
        this.datasets = datasets;
    }

    @GET
    @Operation(summary = "Flow items of a project", description = "project_id required; updated_since (inclusive) for increments; "
            + "paged with cursor=next_cursor (limit 1-1000, default 500). Each field says its type: string, single-select, multi-select, boolean")
    public Map<String, Object> items(@QueryParam("project_id") String projectId, @QueryParam("updated_since") String updatedSince,
                                     @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        if (projectId == null || projectId.isBlank()) {
            throw ProblemException.invalid("project_id", "is required: the Tracker project whose stories are the flow items");
        }
        Filters f = Filters.parse(Dataset.STORIES, null, updatedSince, projectId, null, "feature,bug,chore", Clock.systemUTC());
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        Datasets.Page page = datasets.page(Dataset.STORIES, f, Dataset.STORIES.columns(), after,
                limit(limit));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Datasets.Row row : page.rows()) {
            items.add(item(row.values()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", items);
        body.put("next_cursor", page.next() == null ? null : page.next().encode());
        body.put("as_of", datasets.asOf(Dataset.STORIES).map(Timestamps::format).orElse(null));
        return body;
    }

    static Map<String, Object> item(Map<String, Object> story) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", String.valueOf(story.get("id")));
        item.put("type", story.get("story_type"));
        item.put("flow_type", FLOW_TYPES.get(String.valueOf(story.get("story_type"))));
        item.put("state", story.get("current_state"));
        item.put("created_at", time(story.get("created_at")));
        item.put("started_at", time(story.get("started_at")));
        item.put("accepted_at", time(story.get("accepted_at")));
        item.put("updated_at", time(story.get("updated_at")));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FlowField field : FlowField.TABLE) {
            Object raw = story.get(field.source());
            Object value = switch (field.type()) {
                case BOOLEAN -> raw != null;
                case MULTI_SELECT -> raw == null ? List.of() : ((List<?>) raw).stream().map(String::valueOf).toList();
                default -> Csv.text(raw);
            };
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.name());
            f.put("type", field.type().wire());
            f.put("value", value);
            fields.add(f);
        }
        item.put("fields", fields);
        return item;
    }

    private static String time(Object value) {
        return value instanceof Instant t ? Timestamps.format(t) : null;
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 500;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number between 1 and 1000, was '" + limit + "'");
    }
}
