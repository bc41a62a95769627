package io.trackerhub.connector.datasets;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.connector.tokens.ReaderRole;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** BI datasets (Domo and the like): projects, epics, stories and notifications as JSON pages or one streamed CSV. */
@Path("/api/datasets")
@RolesAllowed({ReaderRole.READER, Roles.ADMIN})
@Blocking
@Tag(name = "datasets", description = "The hub's copy of Tracker data as BI datasets (reader or admin token)")
public class DatasetResource {

    /** Header of every answer: the time of the newest event applied to the dataset. */
    public static final String AS_OF_HEADER = "X-As-Of";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Datasets datasets;
    private final Clock clock = Clock.systemUTC();

    public DatasetResource(Datasets datasets) {
        this.datasets = datasets;
    }

    @GET
    @Path("/{dataset}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "A dataset: projects, epics, stories or notifications",
            description = "JSON {\"data\", \"next_cursor\", \"as_of\"} a page at a time (limit 1-1000, cursor=next_cursor), or every row as CSV "
                    + "with Accept: text/csv (or format=csv). Filters: created_days_back=N (created since 00:00 UTC N days ago), "
                    + "updated_since=ISO time (inclusive), project_id, state and story_type (stories; comma-separated), fields=a,b,c")
    public Response get(@PathParam("dataset") String name, @QueryParam("created_days_back") String createdDaysBack,
                        @QueryParam("updated_since") String updatedSince, @QueryParam("project_id") String projectId,
                        @QueryParam("state") String state, @QueryParam("story_type") String storyType, @QueryParam("fields") String fields,
                        @QueryParam("cursor") String cursor, @QueryParam("limit") String limit, @QueryParam("format") String format,
                        @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Dataset dataset = Dataset.of(name).orElseThrow(() -> ProblemException.notFound("no dataset '" + name + "'; the datasets are "
                + Arrays.stream(Dataset.values()).map(Dataset::wire).collect(Collectors.joining(", "))));
        Filters filters = Filters.parse(dataset, createdDaysBack, updatedSince, projectId, state, storyType, clock);
        List<Column> columns = Datasets.columns(dataset, fields);
        Cursor after = Filters.present(cursor) ? Cursor.decode(cursor) : null;
        String asOf = datasets.asOf(dataset).map(Timestamps::format).orElse(null);
        if (csv(format, accept)) {
            StreamingOutput body = output -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                Csv.header(out, columns);
                datasets.stream(dataset, filters, columns, after, row -> Csv.row(out, columns, row));
                out.flush();
            };
            return Response.ok(body, Csv.MEDIA_TYPE + "; charset=utf-8; header=present")
                    .header("Content-Disposition", "attachment; filename=\"" + dataset.wire() + ".csv\"")
                    .header(AS_OF_HEADER, asOf).build();
        }
        Datasets.Page page = datasets.page(dataset, filters, columns, after, limit(limit));
        return Response.ok(json(page, asOf), MediaType.APPLICATION_JSON).header(AS_OF_HEADER, asOf).build();
    }

    static int limit(String limit) {
        if (!Filters.present(limit)) {
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

    static boolean csv(String format, String accept) {
        if (Filters.present(format)) {
            return switch (format.trim().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalid("format", "'" + format + "' is not csv or json");
            };
        }
        return accept != null && accept.toLowerCase().contains(Csv.MEDIA_TYPE) && !accept.toLowerCase().startsWith(MediaType.APPLICATION_JSON);
    }

    static Map<String, Object> json(Datasets.Page page, String asOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.rows().stream().map(r -> jsonValues(r.values())).toList());
        body.put("next_cursor", page.next() == null ? null : page.next().encode());
        body.put("as_of", asOf);
        return body;
    }

    static Map<String, Object> jsonValues(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof Instant t ? Timestamps.format(t) : v));
        return out;
    }
}
