package io.trackerhub.connector.links;

import java.time.Instant;

/** A Tracker story linked to an external ticket through a connector. */
public record Link(long id, long connectorId, String connectorType, long projectId, long storyId, String externalId,
                   String externalUrl, String title, String problem, Instant problemAt, Instant createdAt) {

    /** The kind of backfill a link has (service-kit's {@code Backfills}). */
    public static final String BACKFILL = "link";

    /** Outbox ordering key: one link's write-backs go one at a time, in the order of the activity. */
    public String orderingKey() {
        return "link/" + id;
    }
}
