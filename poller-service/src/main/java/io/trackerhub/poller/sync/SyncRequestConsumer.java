package io.trackerhub.poller.sync;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.SyncRequest;
import io.trackerhub.kit.kafka.Retrying;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code hub.sync-requests}: force syncs (a normal cycle now) and gaps the ingest service saw (backfill those
 * versions). Each is stored as a pending request of its integration, once per {@code ce_id}, and acknowledged after
 * that transaction; the integration's next run (on whichever replica leases it) takes all of them together.
 */
@ApplicationScoped
public class SyncRequestConsumer {

    static final String CHANNEL = "sync-requests";
    private static final Logger LOG = Logger.getLogger(SyncRequestConsumer.class);

    private final SyncRequests requests;
    private final Poller poller;

    public SyncRequestConsumer(SyncRequests requests, Poller poller) {
        this.requests = requests;
        this.poller = poller;
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(Message<byte[]> message) {
        SyncRequest request;
        EventMeta meta;
        try {
            meta = TrackerMessages.meta(message);
            request = SyncRequest.parse(message.getPayload());
        } catch (TrackerFormatException | NullPointerException e) {
            LOG.warnf("record with key %s is not a sync request, sent to the dead-letter topic: %s", TrackerMessages.key(message), e.getMessage());
            return TrackerMessages.deadLetter(message, e);
        }
        String id = meta.id() != null ? meta.id() : "sync_" + request.integrationId() + "_" + request.requestedAt().toEpochMilli();
        return Retrying.untilCommitted("sync request " + id, message, () -> requests.accept(id, request), outcome -> {
                    if (outcome == SyncRequests.Outcome.UNKNOWN_INTEGRATION) {
                        LOG.infof("sync request %s names integration %d, which is unknown or unlinked; ignored", id, request.integrationId());
                    } else if (outcome == SyncRequests.Outcome.QUEUED) {
                        poller.wake();
                    }
                    return message.ack();
                });
    }
}
