package io.trackerhub.connector.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A call through a system's REST client, its failures read one way: what {@link HttpFailures} made of a non-success
 * answer, named after the call ("Jira answered the search of filter 7 with HTTP 500: …"); an unreachable host or a
 * timeout transient; an answer that is not the JSON asked for unreadable. Also the small readings of JSON answers
 * every system needs.
 */
public final class Calls {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Calls() {
    }

    public static <T> T call(String system, String what, Supplier<T> call) {
        try {
            return againOnClosedConnection(call);
        } catch (SystemFailure e) {
            throw e.about(system, what);
        } catch (WebApplicationException e) {
            // not expected (HttpFailures takes every status from 300), kept as a refusal rather than a 500
            throw new SystemFailure(SystemFailure.Kind.REJECTED, system + " answered " + what + " with HTTP " + e.getResponse().getStatus(),
                    e.getResponse().getStatus(), null);
        } catch (ProcessingException e) {
            throw unreached(system, what, e);
        }
    }

    /**
     * The call, made again at once when a kept-alive connection turned out closed by the server before any answer
     * (Vert.x does not retry as the JDK client did). A write-back would be retried by the outbox anyway.
     */
    private static <T> T againOnClosedConnection(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("Connection was closed")) {
                    return call.get();
                }
            }
            throw e;
        }
    }

    private static SystemFailure unreached(String system, String what, ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SystemFailure failure) {
                return failure.about(system, what);
            }
            if (cause instanceof JsonProcessingException json) {
                return SystemFailure.malformed(system, what, "not JSON (" + abbreviate(String.valueOf(json.getOriginalMessage()), 120) + ")");
            }
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return new SystemFailure(SystemFailure.Kind.TRANSIENT, system + " did not answer " + what + " in time", null, null);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof java.io.IOException
                    || cause.getClass().getName().startsWith("io.netty.channel")) {
                return new SystemFailure(SystemFailure.Kind.TRANSIENT, "could not reach " + system + " for " + what + ": "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + scrubbed(cause.getMessage())), null, null);
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : scrubbed(e.getMessage());
        if (message.contains("MessageBodyReader") || message.contains("could not be mapped") || message.contains("media type")
                || message.contains("content type") || message.contains("Content-Type")) {
            return SystemFailure.malformed(system, what, "not JSON (" + abbreviate(message, 160) + ")");
        }
        return new SystemFailure(SystemFailure.Kind.TRANSIENT, "could not reach " + system + " for " + what + ": " + abbreviate(message, 200), null, null);
    }

    /** A client's message without the query of any URL in it: a Bugzilla query holds the API key. */
    static String scrubbed(String message) {
        return abbreviate(message.replaceAll("\\?[^\\s\"']*", "?…"), 200);
    }

    /** A JSON answer that must be there. */
    public static JsonNode present(String system, String what, JsonNode answer) {
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            throw SystemFailure.malformed(system, what, "an empty body where JSON was expected");
        }
        return answer;
    }

    /** A text answer read as JSON, or a failure naming the system and what it answered. */
    public static JsonNode json(String system, String what, String answer) {
        if (answer == null || answer.isBlank()) {
            throw SystemFailure.malformed(system, what, "an empty body where JSON was expected");
        }
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw SystemFailure.malformed(system, what, "not JSON (" + e.getOriginalMessage() + ") in \"" + abbreviate(answer, 80) + "\"");
        }
    }

    /**
     * The answer to a write, as JSON when it is JSON, else an empty object: the write happened, so an unreadable
     * answer must not make it be sent again (a second comment).
     */
    public static JsonNode ofWrite(String answer) {
        try {
            JsonNode tree = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
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

    /** A field that must be a list, or a failure naming it. */
    public static JsonNode list(String system, String what, JsonNode node, String field) {
        JsonNode value = required(system, what, node, field);
        if (!value.isArray()) {
            throw SystemFailure.malformed(system, what, "\"" + field + "\" that is not a list");
        }
        return value;
    }

    /** The text of a field, or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
