package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy v3 XML web hook bodies Tracker sent in 2013, converted to the v5 shape. */
class V3ActivityTest {

    static List<Path> v3Bodies() {
        return Fixtures.list("webhook-v3", ".xml");
    }

    private static Activity fixture(String name) {
        return Activities.parse(Fixtures.read("webhook-v3/" + name));
    }

    private static JsonNode newValues(Activity activity, int change) {
        return activity.changes().get(change).newValues();
    }

    @ParameterizedTest
    @MethodSource("v3Bodies")
    void everyRecordedV3BodyBecomesAV5Activity(Path file) throws IOException {
        Activity activity = Activities.parse(Files.readAllBytes(file));

        assertThat(activity.kind()).endsWith("_activity");
        assertThat(activity.project()).isEqualTo(Resource.project(807213));
        assertThat(activity.guid()).isEqualTo("807213_" + activity.projectVersion());
        assertThat(activity.performedBy()).isEqualTo(Person.named("Leo Franchi"));
        assertThat(activity.primaryResources()).extracting(Resource::id).containsExactly(48276573L);
        assertThat(activity.primaryResources().get(0).url()).isEqualTo("https://www.pivotaltracker.com/story/show/48276573");
    }

    @ParameterizedTest
    @MethodSource("v3Bodies")
    void convertedActivityReadsBackFromItsV5Json(Path file) throws IOException {
        Activity converted = Activities.parseV3Xml(Files.readAllBytes(file));

        Activity reread = Activities.parseJson(Activities.toJsonBytes(converted));

        assertThat(reread).isEqualTo(converted);
    }

    @Test
    void acceptedStoryKeepsStateOwnerLabelsAndAcceptanceTime() {
        Activity accepted = fixture("zulip_accepted.xml");

        assertThat(accepted.kind()).isEqualTo("story_update_activity");
        assertThat(accepted.guid()).isEqualTo("807213_11");
        assertThat(accepted.message()).isEqualTo("Leo Franchi accepted \"My new Feature story\"");
        assertThat(accepted.occurredAt()).isEqualTo(Instant.parse("2013-04-17T20:18:54Z"));
        assertThat(accepted.others().get("v3_activity_id").asLong()).isEqualTo(346167313L);

        Change story = accepted.changes().get(0);
        assertThat(story.kind()).isEqualTo("story");
        assertThat(story.changeType()).isEqualTo(Change.UPDATE);
        assertThat(story.storyType()).isEqualTo("bug");
        assertThat(story.originalValues()).isNull();
        assertThat(TrackerJson.writeString(story.newValues())).isEqualTo(
                "{\"story_type\":\"bug\",\"accepted_at\":\"2013-04-17T20:18:54Z\",\"labels\":[\"website\"],"
                        + "\"current_state\":\"accepted\",\"owned_by\":{\"kind\":\"person\",\"name\":\"Leo Franchi\"}}");
    }

    @Test
    void createdStoryIsACreateChangeWithItsFields() {
        Activity created = fixture("zulip_created.xml");

        assertThat(created.kind()).isEqualTo("story_create_activity");
        Change story = created.changes().get(0);
        assertThat(story.changeType()).isEqualTo(Change.CREATE);
        assertThat(story.name()).isEqualTo("My new Feature story");
        assertThat(newValues(created, 0).get("id").asLong()).isEqualTo(48276573L);
        assertThat(newValues(created, 0).get("project_id").asLong()).isEqualTo(807213L);
        assertThat(newValues(created, 0).get("current_state").asText()).isEqualTo("unscheduled");
        assertThat(newValues(created, 0).get("description").asText()).isEqualTo("This is my long description");
        assertThat(newValues(created, 0).get("requested_by").get("name").asText()).isEqualTo("Leo Franchi");
        assertThat(created.primaryResources().get(0)).isEqualTo(Resource.story(48276573, "My new Feature story", "feature"));
    }

    @Test
    void noteBecomesACommentCreateChangeOnItsStory() {
        Activity commented = fixture("zulip_commented.xml");

        assertThat(commented.kind()).isEqualTo("comment_create_activity");
        assertThat(commented.changes()).hasSize(1);
        Change comment = commented.changes().get(0);
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.changeType()).isEqualTo(Change.CREATE);
        assertThat(comment.id()).isEqualTo(41169355L);
        assertThat(TrackerJson.writeString(comment.newValues()))
                .isEqualTo("{\"id\":41169355,\"story_id\":48276573,\"text\":\"FIX THIS NOW\"}");
    }

    @Test
    void typeChangeKeepsOnlyTheChangedField() {
        Activity changed = fixture("zulip_type_changed.xml");

        assertThat(TrackerJson.writeString(newValues(changed, 0))).isEqualTo("{\"story_type\":\"chore\"}");
    }

    @Test
    void pacificTimeIsAFixedOffsetWhateverTheSeason() {
        assertThat(V3Time.parse("2009/12/14 14:12:09 PST")).isEqualTo(Instant.parse("2009-12-14T22:12:09Z"));
        assertThat(V3Time.parse("2009/07/14 14:12:09 PST")).isEqualTo(Instant.parse("2009-07-14T22:12:09Z"));
        assertThat(V3Time.parse("2009/07/14 14:12:09 PDT")).isEqualTo(Instant.parse("2009-07-14T21:12:09Z"));
        assertThat(V3Time.parse("2013/04/17 20:18:54 UTC")).isEqualTo(Instant.parse("2013-04-17T20:18:54Z"));
        assertThat(V3Time.parse("2013/04/17 20:18:54 +0200")).isEqualTo(Instant.parse("2013-04-17T18:18:54Z"));
    }

    @Test
    void manyStoriesAndDeletesAndUnestimatedAreConverted() {
        String xml = Fixtures.read("webhook-v3/zulip_accepted.xml")
                .replace("<event_type>story_update</event_type>", "<event_type>story_delete</event_type>")
                .replace("</stories>", "<story><id type=\"integer\">2</id><estimate type=\"integer\">-1</estimate></story></stories>");

        Activity deleted = Activities.parseV3Xml(xml);

        assertThat(deleted.kind()).isEqualTo("story_delete_activity");
        assertThat(deleted.changes()).extracting(Change::id).containsExactly(48276573L, 2L);
        assertThat(deleted.changes()).allSatisfy(c -> assertThat(c.newValues()).isNull());
        assertThat(deleted.primaryResources()).extracting(Resource::id).containsExactly(48276573L, 2L);

        Activity updated = Activities.parseV3Xml(xml.replace("story_delete", "story_update"));
        assertThat(updated.changes().get(1).newValues().get("estimate").isNull()).isTrue();
    }

    @Test
    void aMultiStoryDeleteDeletesEveryStoryItNames() {
        // recorded in 2010 (fixtures/tracker/deletes): "Keita Urashima deleted 2 stories", each story only an id and a URL
        Activity deleted = Activities.parseV3Xml(Fixtures.read("deletes/pivotter_v3_multi_story_delete.xml"));

        assertThat(deleted.kind()).isEqualTo("story_delete_activity");
        assertThat(deleted.guid()).isEqualTo("3574_705");
        assertThat(deleted.changes()).extracting(Change::changeType).containsOnly(Change.DELETE);
        assertThat(deleted.changes()).extracting(Change::id).containsExactly(3138008L, 3138007L);
        assertThat(deleted.primaryResources()).extracting(Resource::id).containsExactly(3138008L, 3138007L);
        assertThat(deleted.storyChanges()).hasSize(2);
    }

    @Test
    void otherEventTypesKeepTheirNameAsKind() {
        String xml = Fixtures.read("webhook-v3/zulip_accepted.xml")
                .replace("<event_type>story_update</event_type>", "<event_type>move_into_project</event_type>");

        assertThat(Activities.parseV3Xml(xml).kind()).isEqualTo("move_into_project_activity");
    }
}
