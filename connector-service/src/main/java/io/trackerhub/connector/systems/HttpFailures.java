package io.trackerhub.connector.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.kit.outbox.DeliveryResult;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The one reading of an answer that is not a success, for every external system and Tracker: 401/403 rejected
 * credentials; 408/425/429/5xx transient (Retry-After kept); a redirect to a login page rejected credentials (a
 * gateway or SSO in front of the API); other statuses a refusal. The system's own words come from its error body
 * (Jira {@code errorMessages}, Zendesk {@code error}, Bugzilla {@code message}…). {@code refine} lets a system read
 * its body more closely (Bugzilla's error codes).
 */
class HttpFailures implements ResponseExceptionMapper<SystemFailure> {

    /** Answers longer than this are cut before they are read for words. */
    static final int MAX_BODY = 64 * 1024;

    private final String system;
    private final UnaryOperator<SystemFailure> refine;

    public HttpFailures(String system, UnaryOperator<SystemFailure> refine) {
        this.system = system;
        this.refine = refine;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public SystemFailure toThrowable(Response response) {
        int status = response.getStatus();
        String body = body(response);
        if (status < 400) {
            return refine.apply(redirect(status, response.getHeaderString("Location"), body));
        }
        // which statuses are worth another try is the outbox's reading (service-kit), shared with every sender
        DeliveryResult asDelivery = DeliveryResult.fromHttp(status, response.getHeaderString("Retry-After"), null, Instant.now());
        SystemFailure.Kind kind = status == 401 || status == 403 ? SystemFailure.Kind.CREDENTIALS
                : asDelivery.outcome() == DeliveryResult.Outcome.RETRY ? SystemFailure.Kind.TRANSIENT : SystemFailure.Kind.REJECTED;
        return refine.apply(SystemFailure.http(kind, system, status, asDelivery.retryAfter(), words(body), body));
    }

    private SystemFailure redirect(int status, String location, String body) {
        String path = "";
        try {
            path = location == null ? "" : URI.create(location).getPath();
        } catch (IllegalArgumentException ignored) {
            // named as "elsewhere" below
        }
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        boolean login = lower.contains("login") || lower.contains("signin") || lower.contains("sign_in") || lower.contains("session")
                || lower.contains("/sso") || lower.contains("/auth");
        // only the path: a query may hold a token or a return URL with one
        String where = path == null || path.isEmpty() ? "elsewhere" : path;
        return login
                ? SystemFailure.http(SystemFailure.Kind.CREDENTIALS, system, status, null, "redirected to a login page (" + where
                        + "): the credentials were not accepted", body)
                : SystemFailure.http(SystemFailure.Kind.REJECTED, system, status, null, "redirected to " + where
                        + "; give the address the API answers at", body);
    }

    private static String body(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            String text = response.readEntity(String.class);
            return text == null ? "" : text.length() > MAX_BODY ? text.substring(0, MAX_BODY) : text;
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** The system's own words from an error body, else the body in one line. */
    static String words(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode tree = Calls.JSON.readTree(body);
            for (String field : new String[] {"errorMessages", "message", "error", "description", "errors"}) {
                JsonNode value = tree.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (value.isArray() && !value.isEmpty()) {
                    return Calls.abbreviate(value.get(0).isTextual() ? value.get(0).asText() : value.get(0).toString(), 300);
                }
                if (value.isTextual()) {
                    return Calls.abbreviate(value.asText(), 300);
                }
                if (value.isObject() && value.has("message")) {
                    return Calls.abbreviate(value.get("message").asText(), 300);
                }
                if (value.isObject() && value.has("title")) {
                    return Calls.abbreviate(value.get("title").asText(), 300);
                }
                if (value.isObject() && !value.isEmpty()) {
                    // Jira's {"errorMessages": [], "errors": {"comment": "…"}}
                    var first = value.fields().next();
                    return Calls.abbreviate(first.getKey() + ": " + first.getValue().asText(), 300);
                }
            }
        } catch (JsonProcessingException notJson) {
            // the body as text, below
        }
        return Calls.abbreviate(body, 300);
    }
}
