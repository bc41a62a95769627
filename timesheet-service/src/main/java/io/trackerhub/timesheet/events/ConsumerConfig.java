package io.trackerhub.timesheet.events;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.kafka.TrackerChannels;

/** The three incoming channels of {@link EventConsumer}, each in a consumer group of its own. */
public class ConsumerConfig extends TrackerChannels {

    public ConsumerConfig() {
        super("timesheet-service");
        incoming(EventConsumer.PROJECTS, Topics.PROJECTS, "timesheet-service." + EventConsumer.PROJECTS);
        incoming(EventConsumer.STORIES, Topics.STORIES, "timesheet-service." + EventConsumer.STORIES);
        incoming(EventConsumer.ACTIVITY, Topics.ACTIVITY, "timesheet-service." + EventConsumer.ACTIVITY);
    }
}
