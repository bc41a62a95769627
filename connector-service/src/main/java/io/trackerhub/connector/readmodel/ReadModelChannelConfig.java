package io.trackerhub.connector.readmodel;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.kafka.TrackerChannels;

/**
 * The read model's channels: the three snapshot topics, the notifications and the activity (for freshness), each a
 * poll at a time (the first import of a big project arrives as a burst of tens of thousands of snapshots) and each in
 * a consumer group of its own, apart from the write-back consumer's.
 */
public class ReadModelChannelConfig extends TrackerChannels {

    static final String GROUP = "connector-service.readmodel";

    public ReadModelChannelConfig() {
        super("connector-service");
        incoming(ReadModelConsumer.PROJECTS, Topics.PROJECTS, GROUP + ".projects").batch();
        incoming(ReadModelConsumer.EPICS, Topics.EPICS, GROUP + ".epics").batch();
        incoming(ReadModelConsumer.STORIES, Topics.STORIES, GROUP + ".stories").batch();
        incoming(ReadModelConsumer.NOTIFICATIONS, Topics.NOTIFICATIONS, GROUP + ".notifications").batch();
        incoming(ReadModelConsumer.ACTIVITY, Topics.ACTIVITY, GROUP + ".activity").batch();
    }
}
