package io.trackerhub.kit.kafka;

import io.trackerhub.events.kafka.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerChannelsTest {

    static class Channels extends TrackerChannels {
        Channels() {
            super("test-service");
            incoming("tracker-activity", Topics.ACTIVITY, "test-service.activity").batch();
            incoming("tracker-stories", Topics.STORIES, "test-service.stories");
        }
    }

    @Test
    void incomingChannelReadsTheContractTopicAndDeadLettersWhatItCannotRead() {
        Channels channels = new Channels();
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.topic")).isEqualTo("tracker.activity");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.group.id")).isEqualTo("test-service.activity");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.batch")).isEqualTo("true");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.failure-strategy")).isEqualTo("dead-letter-queue");
        // a stop closes channels one after another: short polls and commits keep each under a second
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.poll-timeout")).isEqualTo("250");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.auto.commit.interval.ms")).isEqualTo("1000");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-activity.dead-letter-queue.topic")).isEqualTo("hub.deadletter");
        assertThat(channels.getValue("mp.messaging.incoming.tracker-stories.batch")).isNull();
        assertThat(channels.getValue("mp.messaging.incoming.tracker-stories.auto.offset.reset")).isEqualTo("earliest");
        assertThat(channels.getOrdinal()).isLessThan(250);
    }
}
