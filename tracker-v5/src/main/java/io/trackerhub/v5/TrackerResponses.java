package io.trackerhub.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.TrackerHttp;
import jakarta.ws.rs.core.Response;

/** Builds answers the way Tracker wrote them: JSON without nulls, its headers, and {@code envelope=true} when asked. */
public final class TrackerResponses {

    public static final String JSON = "application/json; charset=utf-8";

    private TrackerResponses() {
    }

    public static Response ok(JsonNode body, TrackerQuery query, Long projectVersion) {
        return write(200, body, query, projectVersion, null);
    }

    public static Response page(JsonNode items, TrackerQuery query, Long projectVersion, Pagination pagination) {
        return write(200, items, query, projectVersion, pagination);
    }

    /** A page of items already written as JSON (default fields, ISO times, no envelope), joined into an array. */
    public static Response pageOfJson(java.util.List<byte[]> items, Long projectVersion, Pagination pagination) {
        java.io.ByteArrayOutputStream array = new java.io.ByteArrayOutputStream(items.size() * 700 + 2);
        array.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.writeBytes(items.get(i));
        }
        array.write(']');
        Response.ResponseBuilder answer = Response.ok(array.toByteArray()).type(JSON);
        answer.header(TrackerHttp.PROJECT_VERSION, projectVersion);
        paginationHeaders(answer, pagination);
        return answer.build();
    }

    public static Response noContent(Long projectVersion) {
        Response.ResponseBuilder answer = Response.noContent();
        if (projectVersion != null) {
            answer.header(TrackerHttp.PROJECT_VERSION, projectVersion);
        }
        return answer.build();
    }

    public static Response error(TrackerException error) {
        return Response.status(error.status()).type(JSON).entity(TrackerJson.writeBytes(error.body())).build();
    }

    private static Response write(int status, JsonNode body, TrackerQuery query, Long projectVersion, Pagination pagination) {
        JsonNode entity = query.millis() ? Millis.convert(body) : body;
        if (query.envelope()) {
            ObjectNode envelope = TrackerJson.mapper().createObjectNode();
            envelope.put("http_status", String.valueOf(status));
            if (projectVersion != null) {
                envelope.put("project_version", projectVersion);
            }
            if (pagination != null) {
                envelope.putObject("pagination").put("total", pagination.total()).put("limit", pagination.limit())
                        .put("offset", pagination.offset()).put("returned", pagination.returned());
            }
            envelope.set("data", entity);
            entity = envelope;
        }
        Response.ResponseBuilder answer = Response.status(status).type(JSON).entity(TrackerJson.writeBytes(entity));
        if (projectVersion != null) {
            answer.header(TrackerHttp.PROJECT_VERSION, projectVersion);
        }
        if (pagination != null) {
            paginationHeaders(answer, pagination);
        }
        return answer.build();
    }

    /** Tracker's paging headers; a search without a total (the {@code search_totals} fault) has no Total header. */
    private static void paginationHeaders(Response.ResponseBuilder answer, Pagination pagination) {
        if (pagination.total() != null) {
            answer.header(TrackerHttp.PAGINATION_TOTAL, pagination.total());
        }
        answer.header(TrackerHttp.PAGINATION_LIMIT, pagination.limit())
                .header(TrackerHttp.PAGINATION_OFFSET, pagination.offset())
                .header(TrackerHttp.PAGINATION_RETURNED, pagination.returned());
    }
}
