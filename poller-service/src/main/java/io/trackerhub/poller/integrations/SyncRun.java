package io.trackerhub.poller.integrations;

import java.time.Instant;

/** One run of an integration's sync, with its progress. */
public record SyncRun(long id, long integrationId, String replica, String reason, Instant startedAt, Instant finishedAt,
                      String outcome, int projectsDone, int projectsTotal, long storiesSeen, long activities, int requests,
                      String error) {
}
