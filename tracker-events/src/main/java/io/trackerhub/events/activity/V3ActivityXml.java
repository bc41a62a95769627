package io.trackerhub.events.activity;

import com.ctc.wstx.exc.WstxEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import io.trackerhub.events.TrackerFormatException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Legacy v3 XML web hook bodies ({@code <activity>}) converted to the v5 activity shape, so that
 * consumers see one format. The mapping is documented in tracker-events/README.md.
 */
final class V3ActivityXml {

    static final String V3_ACTIVITY_ID = "v3_activity_id";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final XmlMapper XML = hardenedMapper();

    // multi_story_delete (several stories deleted at once) is one v5 story_delete_activity with a change per story,
    // as fixtures/tracker/activity/story_delete_activity__1027488_94.json shows for 14 stories.
    private static final Map<String, String> KINDS = Map.of(
            "story_create", "story_create_activity",
            "story_update", "story_update_activity",
            "story_delete", "story_delete_activity",
            "multi_story_delete", "story_delete_activity",
            "multi_story_move", "story_move_activity",
            "note_create", "comment_create_activity");

    // Carried on the change itself or replaced by the v5 form; not copied into new_values.
    private static final Set<String> STORY_IDENTITY = Set.of("id", "url", "notes");
    private static final String ARRAY = "array";

    private V3ActivityXml() {
    }

    static Activity read(byte[] xml) {
        return convert(new V3Element("activity", "activity", readActivityTree(xml)));
    }

    private static JsonNode readActivityTree(byte[] xml) {
        try (FromXmlParser parser = (FromXmlParser) XML.createParser(xml)) {
            // The parser starts on the root element; the tree it builds no longer names it.
            String root = parser.getStaxReader().getLocalName();
            if (!"activity".equals(root)) {
                throw TrackerFormatException.of("XML root element is <" + root + ">, expected <activity>");
            }
            JsonNode tree = XML.readTree(parser);
            return tree == null || tree.isMissingNode() ? NODES.objectNode() : tree;
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Activity convert(V3Element activity) {
        long projectId = activity.requiredLong("project_id");
        long version = activity.requiredLong("version");
        String eventType = activity.requiredText("event_type");
        Instant occurredAt = activity.requiredTime("occurred_at");

        List<Change> changes = new ArrayList<>();
        List<Resource> primaryResources = new ArrayList<>();
        for (V3Element story : activity.items("stories", "story")) {
            long storyId = story.requiredLong("id");
            String name = story.optionalText("name").orElse(null);
            String storyType = story.optionalText("story_type").orElse(null);
            storyChange(story, storyId, projectId, name, storyType, eventType).ifPresent(changes::add);
            for (V3Element note : story.items("notes", "note")) {
                changes.add(commentChange(note, storyId));
            }
            primaryResources.add(Resource.story(storyId, name, storyType));
        }

        Map<String, JsonNode> others = new LinkedHashMap<>();
        activity.optionalLong("id").ifPresent(id -> others.put(V3_ACTIVITY_ID, V3Element.number(id)));

        return new Activity(
                KINDS.getOrDefault(eventType, eventType + "_activity"),
                projectId + "_" + version,
                version,
                activity.optionalText("description").orElse(null),
                null,
                changes,
                primaryResources,
                null,
                Resource.project(projectId),
                activity.optionalText("author").map(Person::named).orElse(null),
                occurredAt,
                others);
    }

    private static Optional<Change> storyChange(V3Element story, long storyId, long projectId, String name,
                                                String storyType, String eventType) {
        String changeType = switch (eventType) {
            case "story_create" -> Change.CREATE;
            case "story_delete", "multi_story_delete" -> Change.DELETE;
            default -> Change.UPDATE;
        };
        if (changeType.equals(Change.DELETE)) {
            return Optional.of(new Change("story", changeType, storyId, name, storyType, null, null, Map.of()));
        }
        ObjectNode newValues = NODES.objectNode();
        if (changeType.equals(Change.CREATE)) {
            newValues.set("id", V3Element.number(storyId));
            newValues.set("project_id", V3Element.number(projectId));
        }
        for (V3Element field : story.children()) {
            // Lists other than notes (v3 tasks, attachments) have no v5 field to go to.
            if (!STORY_IDENTITY.contains(field.name()) && !ARRAY.equals(field.type())) {
                newValues.set(field.name(), storyValue(field));
            }
        }
        // A note on a story says nothing about the story itself: no story change then, as in v5.
        if (changeType.equals(Change.UPDATE) && newValues.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Change("story", changeType, storyId, name, storyType, null, newValues, Map.of()));
    }

    private static JsonNode storyValue(V3Element field) {
        return switch (field.name()) {
            case "labels" -> labels(field.text());
            case "owned_by", "requested_by" -> person(field.text());
            // v3 said "unestimated" with -1; v5 says it with null.
            case "estimate" -> "-1".equals(field.text() == null ? null : field.text().trim()) ? NODES.nullNode() : field.asJson();
            default -> field.asJson();
        };
    }

    private static Change commentChange(V3Element note, long storyId) {
        long noteId = note.requiredLong("id");
        ObjectNode newValues = NODES.objectNode();
        newValues.set("id", V3Element.number(noteId));
        newValues.set("story_id", V3Element.number(storyId));
        for (V3Element field : note.children()) {
            switch (field.name()) {
                case "id" -> { }
                case "author" -> newValues.set("person", person(field.text()));
                case "noted_at" -> newValues.set("created_at", field.asJson());
                default -> newValues.set(field.name(), field.asJson());
            }
        }
        return new Change("comment", Change.CREATE, noteId, null, null, null, newValues, Map.of());
    }

    /** v3 {@code <labels>website,needs review</labels>} → v5 {@code ["website","needs review"]}. */
    private static JsonNode labels(String text) {
        var names = NODES.arrayNode();
        if (text != null) {
            for (String label : text.split(",")) {
                if (!label.isBlank()) {
                    names.add(label.trim());
                }
            }
        }
        return names;
    }

    private static JsonNode person(String name) {
        if (name == null || name.isBlank()) {
            return NODES.nullNode();
        }
        return NODES.objectNode().put("kind", Person.KIND).put("name", name.trim());
    }

    private static TrackerFormatException syntax(JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        String reason = e.getOriginalMessage();
        boolean truncated = false;
        if (e.getCause() instanceof XMLStreamException stax) {
            reason = stax.getMessage();
            // Woodstox's own type says "truncated"; its message alone may be as terse as " in xml declaration".
            truncated = stax instanceof WstxEOFException;
            if (stax.getLocation() != null) {
                line = stax.getLocation().getLineNumber();
                column = stax.getLocation().getColumnNumber();
            }
        }
        reason = reason == null ? "unreadable" : reason.lines().findFirst().orElse("").trim();
        if (truncated || reason.contains("EOF")) {
            int expecting = reason.indexOf("was expecting");
            return TrackerFormatException.syntax(
                    "unexpected end of input" + (expecting < 0 ? "" : " (" + reason.substring(expecting) + ")"), line, column);
        }
        return TrackerFormatException.syntax("not well-formed XML: " + lowerFirst(reason.replaceAll("\\.$", "")), line, column);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** No DTDs and no external entities: a web hook body must not make us read files or URLs (XXE). */
    private static XmlMapper hardenedMapper() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return XmlMapper.builder(XmlFactory.builder().xmlInputFactory(input).build()).build();
    }
}
