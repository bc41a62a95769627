package io.trackerhub.timesheet.entries;

import io.trackerhub.kit.errors.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An entry would overlap another of the same user: 409 problem naming the other entry ({@code overlapping_entry_id}). */
public class OverlapException extends RuntimeException {

    private final Long overlappingEntryId;

    public OverlapException(String detail, Long overlappingEntryId) {
        super(detail);
        this.overlappingEntryId = overlappingEntryId;
    }

    public Long overlappingEntryId() {
        return overlappingEntryId;
    }

    public static class Mapper {
        @ServerExceptionMapper(priority = Priorities.USER - 10)
        public Response overlap(OverlapException e, UriInfo uri) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", "Conflict");
            body.put("status", 409);
            body.put("detail", e.getMessage());
            body.put("instance", uri.getPath());
            if (e.overlappingEntryId() != null) {
                body.put("overlapping_entry_id", e.overlappingEntryId());
            }
            body.put("errors", List.of(new Problem.FieldError("start", e.getMessage())));
            return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
        }
    }
}
