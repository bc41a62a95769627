package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.JsonErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading and writing Tracker activity. Input: a v5 JSON activity (web hook or REST) or a legacy
 * v3 XML {@code <activity>}; output: canonical v5 JSON. Every read activity is checked (see
 * README, "What makes an activity valid") and fails with a {@link TrackerFormatException}.
 */
public final class Activities {

    private Activities() {
    }

    /**
     * An activity web hook body in either format. The format is told by the body, not by the
     * Content-Type, because real senders posted JSON as {@code application/xml}: after an optional
     * UTF-8 byte order mark and whitespace, {@code {} or {@code [} is JSON and {@code <} is XML.
     */
    public static Activity parse(byte[] body) throws TrackerFormatException {
        if (body == null) {
            throw TrackerFormatException.unreadable("body is empty");
        }
        int first = TrackerJson.firstSignificantByte(body);
        if (first < 0) {
            throw TrackerFormatException.unreadable("body is empty");
        }
        return switch (body[first]) {
            case '{', '[' -> parseJson(body);
            case '<' -> parseV3Xml(body);
            default -> throw TrackerFormatException.unreadable(
                    "body is neither JSON nor XML: it starts with " + startOf(body, first) + ", expected '{' or '<'");
        };
    }

    public static Activity parse(String body) throws TrackerFormatException {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One v5 JSON activity; timestamps as epoch milliseconds or ISO-8601 strings. A well-formed object is bound in
     * one pass over the bytes (the ingest's hot path: reading a tree first and binding that cost twice the CPU);
     * anything the single pass refuses is read again as a tree, whose errors name the field and the value.
     */
    public static Activity parseJson(byte[] json) throws TrackerFormatException {
        int first = json == null ? -1 : TrackerJson.firstSignificantByte(json);
        if (first >= 0 && hasNulEscape(json)) {
            throw nulIn(TrackerJson.readTree(json), "");
        }
        if (first >= 0 && json[first] == '{') {
            Activity activity;
            try {
                activity = TrackerJson.mapper().readValue(json, Activity.class);
            } catch (java.io.IOException | RuntimeException e) {
                activity = null; // explained below by the tree read
            }
            if (activity != null) {
                return ActivityRules.check(activity);
            }
        }
        return fromTree(TrackerJson.readTree(json));
    }

    /**
     * Whether the JSON text holds the escape of U+0000 (a raw NUL byte is not JSON at all). Tracker never sent one, and
     * consumers cannot store it (PostgreSQL text and jsonb refuse it): an activity carrying one would be redelivered to
     * them forever. Found by the reliability fuzz; a byte scan, so the hot path reads no tree.
     */
    private static boolean hasNulEscape(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0' && json[i + 5] == '0') {
                int backslashes = 0;
                for (int j = i; j >= 0 && json[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The error naming the first field whose name or text holds U+0000. */
    private static TrackerFormatException nulIn(JsonNode node, String path) {
        String problem = "must not contain the NUL character (\\u0000)";
        if (node.isTextual() && node.asText().indexOf('\0') >= 0) {
            return TrackerFormatException.at(path, problem);
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\0') >= 0) {
                    return TrackerFormatException.at(path.isEmpty() ? "(field name)" : path, problem);
                }
                TrackerFormatException found = nulIn(field.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                TrackerFormatException found = nulIn(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return path.isEmpty() ? TrackerFormatException.at("(body)", problem) : null;
    }

    public static Activity parseJson(String json) throws TrackerFormatException {
        return parseJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON array of activities, as {@code /projects/{id}/activity} returns; errors are prefixed with the index, e.g. {@code [3].kind}. */
    public static List<Activity> parseJsonList(byte[] json) throws TrackerFormatException {
        JsonNode tree = TrackerJson.readTree(json);
        if (!tree.isArray()) {
            throw TrackerFormatException.of("body must be a JSON array of activities, got " + JsonErrors.describe(tree));
        }
        List<Activity> activities = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            try {
                activities.add(fromTree(tree.get(i)));
            } catch (TrackerFormatException e) {
                throw e.within("[" + i + "]");
            }
        }
        return Collections.unmodifiableList(activities);
    }

    /** An activity already read as a JSON tree, e.g. one item of a larger document. */
    public static Activity fromTree(JsonNode tree) throws TrackerFormatException {
        if (!tree.isObject()) {
            throw TrackerFormatException.of("activity must be a JSON object, got " + JsonErrors.describe(tree));
        }
        return ActivityRules.check(TrackerJson.convert(tree, Activity.class));
    }

    /** A legacy v3 XML {@code <activity>}, converted to the v5 shape (mapping in README). DTDs and external entities are refused. */
    public static Activity parseV3Xml(byte[] xml) throws TrackerFormatException {
        if (xml == null || TrackerJson.firstSignificantByte(xml) < 0) {
            throw TrackerFormatException.unreadable("body is empty");
        }
        return ActivityRules.check(V3ActivityXml.read(xml));
    }

    public static Activity parseV3Xml(String xml) throws TrackerFormatException {
        return parseV3Xml(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Canonical v5 JSON: {@code occurred_at} as an RFC 3339 UTC string, absent fields left out, other fields as received. */
    /**
     * The activity as a legacy v3 XML web hook body ({@code <activity>}), for receivers of Tracker's v3 Activity
     * Web Hook: the inverse of {@link #parseV3Xml}, so parsing the result gives back the activity for everything
     * v3 can express (times in UTC, story fields of the changes, notes).
     */
    public static String toV3Xml(Activity activity) {
        return V3ActivityWriter.write(activity);
    }

    public static String toJson(Activity activity) {
        return TrackerJson.writeString(activity);
    }

    public static byte[] toJsonBytes(Activity activity) {
        return TrackerJson.writeBytes(activity);
    }

    public static ObjectNode toTree(Activity activity) {
        return TrackerJson.toTree(activity);
    }

    private static String startOf(byte[] body, int from) {
        String text = new String(body, from, Math.min(12, body.length - from), StandardCharsets.UTF_8);
        return "\"" + text.lines().findFirst().orElse("") + "\"";
    }
}
