package io.trackerhub.connector.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP calls to external systems and to Tracker, read the same way for all of them: 2xx is an answer; 401/403 a
 * rejected credential (with the system's own message); 408/425/429/5xx and I/O errors transient; other statuses a
 * refusal. Credentials go in headers given per call and never appear in messages.
 */
@ApplicationScoped
public class Remote {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A 2xx answer. */
    public record Answer(int status, String body) {
    }

    private final HttpClient client;
    private final Duration timeout;

    public Remote(@ConfigProperty(name = "hub.connector.http-timeout", defaultValue = "PT10S") Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    public Answer get(String system, String url, Map<String, String> headers) {
        return send(system, "GET", url, null, headers);
    }

    public Answer send(String system, String method, String url, String jsonBody, Map<String, String> headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "TrackerHub-connector")
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SystemFailure(SystemFailure.Kind.TRANSIENT, "could not reach " + system + " at " + uri.getHost() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemFailure(SystemFailure.Kind.TRANSIENT, "interrupted while calling " + system, null, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(status, response.body());
        }
        String said = system + " answered " + method + " " + uri.getPath() + " with HTTP " + status + message(response.body());
        if (status == 401 || status == 403) {
            throw new SystemFailure(SystemFailure.Kind.CREDENTIALS, said, status, null);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            Duration retryAfter = io.trackerhub.kit.outbox.DeliveryResult.fromHttp(status,
                    response.headers().firstValue("Retry-After").orElse(null), null, Instant.now()).retryAfter();
            throw new SystemFailure(SystemFailure.Kind.TRANSIENT, said, status, retryAfter);
        }
        throw new SystemFailure(SystemFailure.Kind.REJECTED, said, status, null);
    }

    /** The body of an answer as JSON, or a failure naming the system and what it answered. */
    public static JsonNode json(String system, String what, Answer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            throw SystemFailure.malformed(system, what, "an empty body where JSON was expected");
        }
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw SystemFailure.malformed(system, what, "not JSON (" + e.getOriginalMessage() + ") in \"" + abbreviate(answer.body(), 80) + "\"");
        }
    }

    /**
     * The body of a 2xx answer to a write, as JSON when it is JSON, else an empty object: the write happened, so an
     * unreadable answer must not make it be sent again (a second comment).
     */
    public static JsonNode jsonOfWrite(Answer answer) {
        try {
            JsonNode tree = answer.body() == null || answer.body().isBlank() ? null : JSON.readTree(answer.body());
            return tree == null ? JSON.createObjectNode() : tree;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** A field that must be there, or a failure naming it. */
    public static JsonNode required(String system, String what, JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw SystemFailure.malformed(system, what, "JSON without \"" + field + "\"");
        }
        return value;
    }

    /** The text of a field, or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(Map<String, ?> parameters) {
        StringBuilder query = new StringBuilder();
        new LinkedHashMap<>(parameters).forEach((key, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(key)).append('=').append(encode(String.valueOf(value)));
            }
        });
        return query.toString();
    }

    /** The system's own words from an error body (Jira errorMessages, Zendesk error, Bugzilla message…), else the body. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode tree = JSON.readTree(body);
            for (String field : new String[] {"errorMessages", "message", "error", "description", "errors"}) {
                JsonNode value = tree.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (value.isArray() && !value.isEmpty()) {
                    return ": " + abbreviate(value.get(0).isTextual() ? value.get(0).asText() : value.get(0).toString(), 300);
                }
                if (value.isTextual()) {
                    return ": " + abbreviate(value.asText(), 300);
                }
                if (value.isObject() && value.has("message")) {
                    return ": " + abbreviate(value.get("message").asText(), 300);
                }
                if (value.isObject() && value.has("title")) {
                    return ": " + abbreviate(value.get("title").asText(), 300);
                }
            }
        } catch (JsonProcessingException notJson) {
            // the body as text, below
        }
        return ": " + abbreviate(body, 300);
    }

    public static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
