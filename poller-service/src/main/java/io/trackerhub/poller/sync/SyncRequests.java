package io.trackerhub.poller.sync;

import io.trackerhub.events.kafka.SyncRequest;
import io.trackerhub.kit.inbox.Inbox;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.PendingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Accepts a command from {@code hub.sync-requests}: recorded once (inbox) together with the pending request it becomes. */
@ApplicationScoped
class SyncRequests {

    static final String INBOX = "poller.sync-requests";

    private final Inbox inbox;
    private final Integrations integrations;

    public SyncRequests(Inbox inbox, Integrations integrations) {
        this.inbox = inbox;
        this.integrations = integrations;
    }

    public enum Outcome { QUEUED, DUPLICATE, UNKNOWN_INTEGRATION }

    @Transactional
    public Outcome accept(String ceId, SyncRequest request) {
        if (!inbox.markProcessedIfNew(INBOX, ceId)) {
            return Outcome.DUPLICATE;
        }
        boolean queued = integrations.addRequest(request.integrationId(), request.reason() == null ? PendingRequest.FORCE : request.reason(),
                request.projectId(), request.fromVersion(), request.toVersion(), request.requestedAt());
        return queued ? Outcome.QUEUED : Outcome.UNKNOWN_INTEGRATION;
    }
}
