package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.Timestamps;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading snapshot fields the way Tracker sends them (absent or null alike; times as ISO strings or epoch millis) into statement parameters. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    static Long number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isIntegralNumber() ? v.longValue() : null;
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    static Instant time(JsonNode node, String field) {
        return time(node == null ? null : node.get(field));
    }

    /** Years 0–9999, as the ingest accepts them: a time PostgreSQL cannot store must not hold a partition. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static Instant time(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        Instant time;
        try {
            time = v.isIntegralNumber() ? Instant.ofEpochMilli(v.longValue()) : v.isTextual() ? Timestamps.parseIso(v.textValue()) : null;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
        return time == null || time.isBefore(EARLIEST) || time.isAfter(LATEST) ? null : time;
    }

    static List<Long> numbers(JsonNode node, String field) {
        List<Long> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isArray()) {
            v.forEach(n -> {
                if (n.isIntegralNumber()) {
                    out.add(n.longValue());
                }
            });
        }
        return out;
    }

    /** Values as bound to a statement: times as JDBC timestamps (years 0–9999, which an OffsetDateTime would not all carry). */
    static Object[] params(Object... values) {
        Object[] params = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            params[i] = values[i] instanceof Instant t ? Timestamp.from(t) : values[i];
        }
        return params;
    }
}
