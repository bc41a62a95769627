package io.trackerhub.connector.links;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.trackerhub.kit.backfill.Backfills;

import java.time.Instant;

/** A link as the API shows it; {@code problem} is the last write-back that could not be done (e.g. a missing Jira
 * transition); {@code backfill} the progress of its last backfill, if it had one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LinkView(long id, long connectorId, String type, long projectId, long storyId, String externalId, String externalUrl,
                       String title, String problem, Instant problemAt, Backfills.Status backfill, Instant createdAt) {

    public static LinkView of(Link l, Backfills.Status backfill) {
        return new LinkView(l.id(), l.connectorId(), l.connectorType(), l.projectId(), l.storyId(), l.externalId(), l.externalUrl(),
                l.title(), l.problem(), l.problemAt(), backfill, l.createdAt());
    }
}
