package io.trackerhub.events.kafka;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void everyTopicConstantIsListedWithItsDefaults() {
        List<String> constants = Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TopicsTest::value).toList();

        assertThat(Topics.ALL).extracting(Topics.Topic::name).containsExactlyInAnyOrderElementsOf(constants)
                .containsExactlyInAnyOrder("tracker.activity", "tracker.projects", "tracker.stories", "tracker.epics",
                        "tracker.notifications", "hub.sync-requests", "hub.deadletter");
    }

    @Test
    void activityHasSixPartitionsAndSnapshotTopicsAreCompacted() {
        assertThat(Topics.defaultPartitions(Topics.ACTIVITY)).isEqualTo(6);
        assertThat(Topics.ALL).filteredOn(Topics.Topic::compacted).extracting(Topics.Topic::name)
                .containsExactlyInAnyOrder(Topics.PROJECTS, Topics.STORIES, Topics.EPICS);
    }

    @Test
    void snapshotKindsNameTheirTopicAndType() {
        assertThat(SnapshotKind.STORY.topic()).isEqualTo(Topics.STORIES);
        assertThat(SnapshotKind.PROJECT.ceType()).isEqualTo("tracker.snapshot.project");
        assertThat(Origin.fromWire("poll")).isEqualTo(Origin.POLL);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
