package io.trackerhub.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotRecordTest {

    private static JsonNode restBody(String cassette) {
        return TrackerJson.readTree(TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions").get(0).get("response").get("body").get("string").asText());
    }

    private static SnapshotRecord read(TrackerRecord record) {
        return SnapshotRecord.from(CloudEventHeaders.toHeaders(record.headers()), record.key(), record.value());
    }

    @Test
    void storySnapshotGivesItsIdProjectAndTheProjectVersionItWasReadAt() {
        TrackerRecord written = TrackerRecord.snapshot(SnapshotKind.STORY, 66728004, 1027488, restBody("rest-v5/cassettes/get_story.json"), 233, Origin.POLL, 7);

        SnapshotRecord snapshot = read(written);

        assertThat(snapshot.kind()).isEqualTo(SnapshotKind.STORY);
        assertThat(snapshot.id()).isEqualTo(66728004L);
        assertThat(snapshot.projectId()).isEqualTo(1027488L);
        assertThat(snapshot.projectVersion()).isEqualTo(233L);
        assertThat(snapshot.ceId()).isEqualTo("story_66728004_v233");
        assertThat(snapshot.meta().integrationId()).isEqualTo(7L);
        assertThat(snapshot.tombstone()).isFalse();
        assertThat(snapshot.value()).isEqualTo(written.value());
    }

    @Test
    void tombstoneAndProjectSnapshotsReadTooAProjectIsItsOwnProject() {
        SnapshotRecord deleted = read(TrackerRecord.snapshot(SnapshotKind.STORY, 82288946, 1027488, null, 94, Origin.WEBHOOK, 7));
        SnapshotRecord project = read(TrackerRecord.snapshot(SnapshotKind.PROJECT, 1027488, 1027488, restBody("rest-v5/cassettes/get_project.json"), 233, Origin.POLL, 7));

        assertThat(deleted.tombstone()).isTrue();
        assertThat(deleted.projectVersion()).isEqualTo(94L);
        assertThat(project.kind()).isEqualTo(SnapshotKind.PROJECT);
        assertThat(project.projectId()).isEqualTo(1027488L);
    }

    @Test
    void recordsNotWrittenByTheContractAreRefusedWithTheReason() {
        Map<String, String> headers = new LinkedHashMap<>(TrackerRecord.snapshot(SnapshotKind.STORY, 1, 2, null, 3, Origin.POLL, 7).headers());
        headers.put("ce_id", "story_1");
        assertThatThrownBy(() -> SnapshotRecord.from(CloudEventHeaders.toHeaders(headers), "1", null))
                .isInstanceOf(TrackerFormatException.class).hasMessageContaining("_v{project version}");

        headers.put("ce_id", "story_1_v3");
        headers.put("ce_type", "tracker.activity.story_update_activity");
        assertThatThrownBy(() -> SnapshotRecord.from(CloudEventHeaders.toHeaders(headers), "1", null))
                .isInstanceOf(TrackerFormatException.class).hasMessageContaining("ce_type");

        headers.put("ce_type", "tracker.snapshot.story");
        assertThatThrownBy(() -> SnapshotRecord.from(CloudEventHeaders.toHeaders(headers), "one", null))
                .isInstanceOf(TrackerFormatException.class).hasMessageContaining("not a decimal id");
    }
}
