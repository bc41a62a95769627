package io.trackerhub.poller.integrations;

import java.time.Instant;

/** A project an integration polls: its cursor and how its last sync went. */
public record TrackedProject(long integrationId, long projectId, String name, Long cursorVersion, String state,
                             String lastError, Instant historyFallbackAt, Instant syncedAt, Long importVersion) {

    public boolean imported() {
        return cursorVersion != null;
    }
}
