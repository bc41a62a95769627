package io.trackerhub.events;

import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerJsonTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void epochMillisAndIsoStringAreTheSameInstant() {
        Label fromMillis = TrackerJson.read(utf8("{\"kind\":\"label\",\"created_at\":1389218976000}"), Label.class);
        Label fromIso = TrackerJson.read(utf8("{\"kind\":\"label\",\"created_at\":\"2014-01-08T22:09:36Z\"}"), Label.class);
        Label fromOffset = TrackerJson.read(utf8("{\"kind\":\"label\",\"created_at\":\"2014-01-08T14:09:36-08:00\"}"), Label.class);

        assertThat(fromMillis.createdAt()).isEqualTo(Instant.parse("2014-01-08T22:09:36Z"));
        assertThat(fromIso.createdAt()).isEqualTo(fromMillis.createdAt());
        assertThat(fromOffset.createdAt()).isEqualTo(fromMillis.createdAt());
    }

    @Test
    void timestampsAreWrittenAsRfc3339UtcStrings() {
        Label label = TrackerJson.read(utf8("{\"kind\":\"label\",\"created_at\":1389218976000,\"updated_at\":1389218976123}"), Label.class);

        assertThat(TrackerJson.writeString(label))
                .isEqualTo("{\"kind\":\"label\",\"created_at\":\"2014-01-08T22:09:36Z\",\"updated_at\":\"2014-01-08T22:09:36.123Z\"}");
    }

    @Test
    void unknownFieldsAreKeptAndWrittenBack() {
        String json = "{\"kind\":\"person\",\"id\":1,\"name\":\"Leo\",\"avatar\":{\"size\":[1,2]},\"away\":null}";

        Person person = TrackerJson.read(utf8(json), Person.class);

        assertThat(person.others()).containsKeys("avatar", "away");
        assertThat(TrackerJson.readTree(TrackerJson.writeBytes(person))).isEqualTo(TrackerJson.readTree(json));
    }

    @Test
    void absentFieldsAreLeftOutNotWrittenAsNull() {
        Story story = TrackerJson.read(utf8("{\"kind\":\"story\",\"id\":5}"), Story.class);

        assertThat(TrackerJson.writeString(story)).isEqualTo("{\"kind\":\"story\",\"id\":5}");
    }

    @Test
    void aNumberInAStringIsNotAcceptedAsAnId() {
        assertThatThrownBy(() -> TrackerJson.read(utf8("{\"id\":\"5\"}"), Story.class))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("id must be an integer, got \"5\"");
    }

    @Test
    void aNumberIsNotAcceptedAsAName() {
        assertThatThrownBy(() -> TrackerJson.read(utf8("{\"name\":5}"), Story.class))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("name must be a string, got 5");
    }

    @Test
    void aFractionIsNotAcceptedAsAnId() {
        assertThatThrownBy(() -> TrackerJson.read(utf8("{\"owner_ids\":[1, 2.5]}"), Story.class))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("owner_ids[1] must be an integer, got 2.5");
    }

    @Test
    void listsAreReadItemByItemWithTheIndexInErrors() {
        assertThatThrownBy(() -> TrackerJson.readList(utf8("[{\"id\":1},{\"id\":true}]"), Label.class))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("[1].id must be an integer, got true")
                .extracting(e -> ((TrackerFormatException) e).path()).isEqualTo("[1].id");
    }

    @Test
    void aListIsNotAnObject() {
        assertThatThrownBy(() -> TrackerJson.read(utf8("[]"), Story.class))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("body must be a JSON object, got an array");
    }
}
