package io.trackerhub.events.activity;

import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the v3 document, conversion keeps its ids, version, states and author. Checked over the
 * recorded bodies and over documents generated from fixed seeds (a failure names its seed).
 */
class V3ConversionPropertyTest {

    private static final List<String> EVENT_TYPES = List.of("story_create", "story_update", "story_delete", "note_create", "move_into_project");
    private static final List<String> STATES = List.of("unscheduled", "unstarted", "started", "finished", "delivered", "accepted", "rejected");
    private static final List<String> NAME_PARTS = List.of("Leo", "Franchi", "Zoë", "O'Brien", "A&B", "<ops>", "李雷", "\"Q\"", "van der Berg");
    private static final DateTimeFormatter V3_UTC = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What a generated document says, to compare with what the conversion made of it. */
    record Expected(long activityId, long projectId, long version, String eventType, String author, Instant occurredAt,
                    List<Long> storyIds, String state, long noteId) {
    }

    @Test
    void recordedV3BodiesKeepIdsVersionsStatesAndAuthor() throws Exception {
        for (Path file : Fixtures.list("webhook-v3", ".xml")) {
            String xml = Files.readString(file);

            Activity activity = Activities.parseV3Xml(xml);

            assertThat(activity.projectId()).isEqualTo(Long.parseLong(element(xml, "project_id")));
            assertThat(activity.projectVersion()).isEqualTo(Long.parseLong(element(xml, "version")));
            assertThat(activity.others().get("v3_activity_id").asLong()).isEqualTo(Long.parseLong(element(xml, "id")));
            assertThat(activity.performedBy().name()).isEqualTo(element(xml, "author"));
            if (xml.contains("<current_state>")) {
                assertThat(activity.changes().get(0).newValues().get("current_state").asText()).isEqualTo(element(xml, "current_state"));
            }
        }
    }

    @Test
    void generatedV3DocumentsKeepIdsVersionsStatesAndAuthor() {
        for (long seed = 0; seed < 500; seed++) {
            Expected expected = generate(new Random(seed));
            String xml = toXml(expected);

            Activity activity = Activities.parseV3Xml(xml);

            String because = "seed " + seed + ":\n" + xml;
            assertThat(activity.projectId()).as(because).isEqualTo(expected.projectId());
            assertThat(activity.projectVersion()).as(because).isEqualTo(expected.version());
            assertThat(activity.guid()).as(because).isEqualTo(expected.projectId() + "_" + expected.version());
            assertThat(activity.others().get("v3_activity_id").asLong()).as(because).isEqualTo(expected.activityId());
            assertThat(activity.performedBy().name()).as(because).isEqualTo(expected.author());
            assertThat(activity.occurredAt()).as(because).isEqualTo(expected.occurredAt());
            assertThat(activity.primaryResources()).as(because).extracting(Resource::id).containsExactlyElementsOf(expected.storyIds());
            List<Change> stories = activity.changesOf("story");
            switch (expected.eventType()) {
                case "note_create" -> {
                    assertThat(activity.kind()).as(because).isEqualTo("comment_create_activity");
                    assertThat(activity.changesOf("comment")).as(because).extracting(Change::id).containsOnly(expected.noteId());
                }
                case "story_delete" -> assertThat(stories).as(because)
                        .allSatisfy(c -> assertThat(c.changeType()).isEqualTo(Change.DELETE))
                        .extracting(Change::id).containsExactlyElementsOf(expected.storyIds());
                default -> assertThat(stories).as(because).hasSize(expected.storyIds().size())
                        .allSatisfy(c -> assertThat(c.newValues().get("current_state").asText()).isEqualTo(expected.state()));
            }
            assertThat(Activities.parseJson(Activities.toJson(activity))).as(because).isEqualTo(activity);
        }
    }

    private static Expected generate(Random random) {
        int storyCount = 1 + random.nextInt(3);
        List<Long> storyIds = new ArrayList<>();
        for (int i = 0; i < storyCount; i++) {
            storyIds.add(1 + (long) (random.nextDouble() * 9_000_000_000L));
        }
        String author = NAME_PARTS.get(random.nextInt(NAME_PARTS.size())) + " " + NAME_PARTS.get(random.nextInt(NAME_PARTS.size()));
        return new Expected(
                1 + (long) (random.nextDouble() * 4_000_000_000L),
                1 + random.nextInt(3_000_000),
                1 + random.nextInt(100_000),
                EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size())),
                author,
                Instant.ofEpochSecond(1_230_000_000L + random.nextInt(200_000_000)),
                storyIds,
                STATES.get(random.nextInt(STATES.size())),
                1 + random.nextInt(Integer.MAX_VALUE));
    }

    private static String toXml(Expected e) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<activity>\n")
                .append("  <id type=\"integer\">").append(e.activityId()).append("</id>\n")
                .append("  <version type=\"integer\">").append(e.version()).append("</version>\n")
                .append("  <event_type>").append(e.eventType()).append("</event_type>\n")
                .append("  <occurred_at type=\"datetime\">").append(V3_UTC.format(e.occurredAt())).append(" UTC</occurred_at>\n")
                .append("  <author>").append(escape(e.author())).append("</author>\n")
                .append("  <project_id type=\"integer\">").append(e.projectId()).append("</project_id>\n")
                .append("  <description>").append(escape(e.author())).append(" did something</description>\n")
                .append("  <stories type=\"array\">\n");
        for (long storyId : e.storyIds()) {
            xml.append("    <story>\n      <id type=\"integer\">").append(storyId).append("</id>\n")
                    .append("      <url>http://www.pivotaltracker.com/services/v3/projects/").append(e.projectId())
                    .append("/stories/").append(storyId).append("</url>\n");
            if (e.eventType().equals("note_create")) {
                xml.append("      <notes type=\"array\"><note><id type=\"integer\">").append(e.noteId())
                        .append("</id><text>").append(escape(e.author())).append(" says hi</text></note></notes>\n");
            } else {
                xml.append("      <current_state>").append(e.state()).append("</current_state>\n");
            }
            xml.append("    </story>\n");
        }
        return xml.append("  </stories>\n</activity>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + "(?: [^>]*)?>([^<]*)</" + name + ">").matcher(xml);
        assertThat(m.find()).as("<%s> in the fixture", name).isTrue();
        return m.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    }
}
