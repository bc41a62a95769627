package io.trackerhub.events.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerFormatException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson's exceptions into {@link TrackerFormatException}s a person can act on: the path
 * of the field, what was expected and what came, never Jackson's class names or stack text.
 */
public final class JsonErrors {

    private static final int MAX_QUOTED = 40;

    private JsonErrors() {
    }

    /** A body that could not be read at all; {@code format} is "JSON" or "XML". */
    public static TrackerFormatException syntax(String format, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        int line = where == null ? -1 : where.getLineNr();
        int column = where == null ? -1 : where.getColumnNr();
        String reason = firstLine(e.getOriginalMessage());
        if (e instanceof JsonEOFException || reason.startsWith("Unexpected end-of-input") || reason.contains("Unexpected EOF")) {
            return TrackerFormatException.syntax("unexpected end of input", line, column);
        }
        if (reason.startsWith("Trailing token")) {
            return TrackerFormatException.syntax("unexpected content after the end of the JSON value", line, column);
        }
        return TrackerFormatException.syntax("not valid " + format + ": " + lowerFirst(reason), line, column);
    }

    /** A value of the body that does not fit the model; {@code tree} is what was being bound, to quote the value. */
    public static TrackerFormatException mapping(JsonMappingException e, JsonNode tree) {
        String path = pathOf(e.getPath());
        if (e instanceof MismatchedInputException mismatch) {
            JsonNode actual = find(tree, e.getPath());
            return TrackerFormatException.at(subject(path), "must be " + expected(mismatch.getTargetType()) + ", got " + describe(actual));
        }
        String reason = firstLine(e.getOriginalMessage());
        if (reason.contains("out of range")) {
            return TrackerFormatException.at(subject(path), "is out of range, got " + describe(find(tree, e.getPath())));
        }
        return TrackerFormatException.at(subject(path), "is not valid: " + lowerFirst(reason));
    }

    /** A JSON value as a reader would name it: {@code "abc"}, {@code 42}, {@code null}, {@code an object}. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
            return "\"" + shown + "\"";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.asText();
    }

    /** {@code changes[0].id} from Jackson's reference chain. */
    static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static JsonNode find(JsonNode tree, List<JsonMappingException.Reference> references) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : references) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : node;
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Instant.class) {
            return Timestamps.EXPECTED;
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || ObjectNode.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String subject(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
