package io.trackerhub.kit.errors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.trackerhub.events.TrackerFormatException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error a service can raise into {@code application/problem+json}: what was wrong, where, and
 * what to do. Unexpected errors are logged with a reference and answered without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final java.util.regex.Pattern WEBHOOK_SIG = java.util.regex.Pattern.compile("^(/webhooks/tracker/[^/]*/)[^/]+$");

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        if (e.retryAfter() != null) {
            return Response.fromResponse(response).header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response trackerFormat(TrackerFormatException e, UriInfo uri) {
        // A body that could not be read at all is a bad request; one that was read but is not a Tracker resource is not processable.
        Problem problem = e.unreadable() ? Problem.of(400, "Bad Request", e.getMessage())
                : Problem.of(422, "Unprocessable Content", e.getMessage());
        if (!e.path().isEmpty()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(e.path(), e.problem())));
        }
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.problem()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "Bad Request", detail).withErrors(errors), uri);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, JsonParseException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(JsonProblems.of(e), uri);
    }

    /** Quarkus maps this subtype itself (as plain JSON) unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(JsonProblems.of(e), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "this token may not do that"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return respond(JsonProblems.of(json), uri);
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info != null ? info.getReasonPhrase() : original.getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + shown(uri.getPath());
            case 405 -> "this resource does not accept that method";
            case 406 -> "this resource cannot answer in the media type asked for in Accept";
            case 415 -> "this resource does not accept that Content-Type";
            default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail).withInstance(shown(uri.getPath())));
        copyHeader(original, builder, HttpHeaders.ALLOW);
        copyHeader(original, builder, "Retry-After");
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String refused = refusedByDatabase(e);
        if (refused != null) {
            LOG.debugf("the database refused a value on %s: %s", shown(uri.getPath()), refused);
            return respond(Problem.of(400, "Bad Request", "a value in the request cannot be stored: " + refused), uri);
        }
        if (uniqueViolation(e)) {
            // a check-then-insert raced with a concurrent request that made the same row first
            LOG.debugf("a concurrent request made the same row first on %s", shown(uri.getPath()));
            return respond(Problem.of(409, "Conflict", "what the request would create exists already (made by a request at the same time); "
                    + "read it, or send the request again"), uri);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", reference, shown(uri.getPath()));
        return respond(Problem.of(500, "Internal Server Error",
                "the service failed unexpectedly; quote reference " + reference + " when reporting it"), uri);
    }

    /**
     * What is wrong when the cause is a value the database refuses (SQLSTATE class 22, "data exception": a NUL
     * character in text, a number out of range, …): the client's input, whichever query it reached. Null otherwise.
     */
    static String refusedByDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return switch (sql.getSQLState()) {
                    case "22021", "22P05" -> "text must not contain NUL (\\u0000) or characters the database cannot hold";
                    case "22003" -> "a number is out of range";
                    case "22001" -> "a text is too long";
                    case "22007", "22008" -> "a date or time is out of range";
                    default -> "a value is not valid for its field (SQLSTATE " + sql.getSQLState() + ")";
                };
            }
        }
        return null;
    }

    /** A unique key met (SQLSTATE 23505): the row exists already. Its values are not echoed (they may be personal). */
    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", "send the admin token as 'Authorization: Bearer <HUB_ADMIN_TOKEN>'")
                        .withInstance(shown(uri.getPath())))
                .build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem body = problem.instance() == null && uri != null ? problem.withInstance(shown(uri.getPath())) : problem;
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The path as error bodies show it: a web hook URL's signature is a secret and is not repeated. */
    static String shown(String path) {
        return WEBHOOK_SIG.matcher(path).replaceFirst("$1{sig}");
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static String field(ConstraintViolation<?> v) {
        // "create.arg0.syncInterval" -> "syncInterval": the method and parameter segments mean nothing to a client.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }

    /** Human messages for JSON a client sent that could not be read. */
    static final class JsonProblems {
        private JsonProblems() {
        }

        static Problem of(JsonProcessingException e) {
            String where = location(e.getLocation());
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = path(mapping.getPath());
                String problem = e.getOriginalMessage().replaceAll("\\s*\\(.*", "").replaceAll("`[a-z]+\\.[\\w.$]+`", "value");
                return Problem.of(400, "Bad Request", field + ": " + problem + where)
                        .withErrors(List.of(new Problem.FieldError(field, problem)));
            }
            String message = e.getOriginalMessage();
            if (message != null) {
                message = message.replaceAll("\\s*\\n.*", "");
            }
            return Problem.of(400, "Bad Request", "the body is not valid JSON: " + message + where);
        }

        private static String path(List<JsonMappingException.Reference> references) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference r : references) {
                if (r.getFieldName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            return sb.toString();
        }

        private static String location(JsonLocation location) {
            return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
    }
}
