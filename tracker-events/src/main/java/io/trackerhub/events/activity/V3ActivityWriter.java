package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.json.Timestamps;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A v5 activity written as a legacy v3 XML web hook body ({@code <activity>}), for receivers that still take
 * Tracker's v3 Activity Web Hook. The inverse of {@link V3ActivityXml}: what it reads back is the same activity
 * for everything v3 can say (see the mapping in tracker-events/README.md).
 */
final class V3ActivityWriter {

    private static final DateTimeFormatter V3_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<String, String> EVENT_TYPES = Map.of(
            "story_create_activity", "story_create",
            "story_update_activity", "story_update",
            "story_delete_activity", "story_delete",
            "comment_create_activity", "note_create");
    private static final Set<String> TIMES = Set.of("accepted_at", "created_at", "updated_at", "deadline", "started_at");
    private static final Set<String> NOT_IN_V3 = Set.of("id", "project_id", "url", "before_id", "after_id");
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private V3ActivityWriter() {
    }

    static String write(Activity activity) {
        StringWriter out = new StringWriter();
        // The declaration as Tracker wrote it (StAX would use single quotes).
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartElement("activity");
            JsonNode v3Id = activity.others().get(V3ActivityXml.V3_ACTIVITY_ID);
            typed(xml, "id", "integer", v3Id != null ? v3Id.asText() : Long.toString(activity.projectVersion()));
            typed(xml, "version", "integer", Long.toString(activity.projectVersion()));
            text(xml, "event_type", eventType(activity.kind()));
            typed(xml, "occurred_at", "datetime", V3_TIME.format(activity.occurredAt()));
            text(xml, "author", activity.performedBy() == null ? null : activity.performedBy().name());
            typed(xml, "project_id", "integer", Long.toString(activity.projectId()));
            text(xml, "description", activity.message());
            writeStories(xml, activity);
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write v3 XML for " + activity.guid(), e);
        }
        return out.toString();
    }

    static String eventType(String kind) {
        String mapped = EVENT_TYPES.get(kind);
        if (mapped != null) {
            return mapped;
        }
        return kind.endsWith("_activity") ? kind.substring(0, kind.length() - "_activity".length()) : kind;
    }

    /** One {@code <story>} per story the activity touched, with the notes (comments) made on it. */
    private static void writeStories(XMLStreamWriter xml, Activity activity) throws XMLStreamException {
        Map<Long, Change> stories = new LinkedHashMap<>();
        Map<Long, List<Change>> notes = new LinkedHashMap<>();
        Long primaryStory = activity.primaryResources() == null ? null : activity.primaryResources().stream()
                .filter(r -> "story".equals(r.kind()) && r.id() != null).map(Resource::id).findFirst().orElse(null);
        for (Change change : activity.changes() == null ? List.<Change>of() : activity.changes()) {
            if ("story".equals(change.kind()) && change.id() != null) {
                stories.put(change.id(), change);
            } else if ("comment".equals(change.kind())) {
                JsonNode storyId = change.newValues() == null ? null : change.newValues().get("story_id");
                Long story = storyId != null && storyId.canConvertToLong() ? storyId.asLong() : primaryStory;
                if (story != null) {
                    notes.computeIfAbsent(story, s -> new ArrayList<>()).add(change);
                    stories.putIfAbsent(story, null);
                }
            }
        }
        if (stories.isEmpty()) {
            return;
        }
        xml.writeStartElement("stories");
        xml.writeAttribute("type", "array");
        for (Map.Entry<Long, Change> story : stories.entrySet()) {
            xml.writeStartElement("story");
            typed(xml, "id", "integer", Long.toString(story.getKey()));
            text(xml, "url", "https://www.pivotaltracker.com/services/v3/projects/" + activity.projectId() + "/stories/" + story.getKey());
            Change change = story.getValue();
            if (change != null) {
                if (change.name() != null && (change.newValues() == null || !change.newValues().has("name"))
                        && !Change.UPDATE.equals(change.changeType())) {
                    text(xml, "name", change.name());
                }
                if (change.newValues() != null) {
                    writeValues(xml, change.newValues());
                }
            }
            List<Change> storyNotes = notes.get(story.getKey());
            if (storyNotes != null) {
                xml.writeStartElement("notes");
                xml.writeAttribute("type", "array");
                for (Change note : storyNotes) {
                    xml.writeStartElement("note");
                    typed(xml, "id", "integer", Long.toString(note.id()));
                    JsonNode text = note.newValues() == null ? null : note.newValues().get("text");
                    text(xml, "text", text == null || text.isNull() ? "" : text.asText());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void writeValues(XMLStreamWriter xml, ObjectNode values) throws XMLStreamException {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (NOT_IN_V3.contains(name)) {
                continue;
            }
            if (value.isNull()) {
                xml.writeStartElement(name);
                xml.writeAttribute("nil", "true");
                xml.writeEndElement();
            } else if (TIMES.contains(name)) {
                Instant time = time(value);
                if (time != null) {
                    typed(xml, name, "datetime", V3_TIME.format(time));
                }
            } else if ("estimate".equals(name) && value.isNumber()) {
                typed(xml, name, value.isIntegralNumber() ? "integer" : "float", value.asText());
            } else if (value.isIntegralNumber()) {
                typed(xml, name, "integer", value.asText());
            } else if (value.isNumber()) {
                typed(xml, name, "float", value.asText());
            } else if (value.isBoolean()) {
                typed(xml, name, "boolean", value.asText());
            } else if (value.isTextual()) {
                text(xml, name, value.asText());
            } else if (value.isArray() && "labels".equals(name)) {
                List<String> labels = new ArrayList<>();
                value.forEach(label -> labels.add(label.isObject() ? label.path("name").asText() : label.asText()));
                text(xml, name, String.join(",", labels));
            } else if (value.isObject() && value.hasNonNull("name")) {
                // A person in v5 ({kind: person, name}) is a name in v3 (owned_by, requested_by).
                text(xml, name, value.get("name").asText());
            }
            // Other nested values (ids lists, objects without a name) have no v3 form.
        }
    }

    private static Instant time(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Timestamps.parseIso(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void typed(XMLStreamWriter xml, String name, String type, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", type);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
