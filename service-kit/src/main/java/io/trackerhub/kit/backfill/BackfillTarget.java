package io.trackerhub.kit.backfill;

import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.outbox.Delivery;

import java.util.List;

/**
 * A kind of subscriber a service can backfill (a notification channel, a connector link): a CDI bean the kit's
 * {@link Backfills} finds by {@link #kind()}.
 */
public interface BackfillTarget {

    /** The kind stored with each backfill, e.g. {@code channel}; one bean per kind. */
    String kind();

    /**
     * The deliveries subscriber {@code id} takes from {@code activities} (a poll of {@code tracker.activity}, in topic
     * order), with the very dedup keys the live consumer gives them: an activity reaches the subscriber once whichever
     * path queues it. Throws, naming why, when the subscriber is gone (the backfill then fails with that message).
     */
    List<Delivery.Request> requests(long id, List<ActivityRecord> activities);
}
