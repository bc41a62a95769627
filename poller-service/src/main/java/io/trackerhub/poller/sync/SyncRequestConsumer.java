package io.trackerhub.poller.sync;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.SyncRequest;
import io.trackerhub.kit.kafka.TrackerConsumer;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code hub.sync-requests}: force syncs (a normal cycle now) and gaps the ingest service saw (backfill those
 * versions). Each is stored as a pending request of its integration, once per {@code ce_id}, and acknowledged after
 * that transaction (service-kit's {@link TrackerConsumer}); the integration's next run (on whichever replica leases it)
 * takes all of them together.
 */
@ApplicationScoped
public class SyncRequestConsumer {

    static final String CHANNEL = "sync-requests";
    private static final Logger LOG = Logger.getLogger(SyncRequestConsumer.class);

    /** A request and the id it is recorded under (its {@code ce_id}, else one made from what it asks). */
    private record Received(String id, SyncRequest request) {
        static Received of(Message<byte[]> message) {
            EventMeta meta = TrackerMessages.meta(message);
            SyncRequest request = SyncRequest.parse(message.getPayload());
            return new Received(meta.id() != null ? meta.id() : "sync_" + request.integrationId() + "_" + request.requestedAt().toEpochMilli(), request);
        }
    }

    private record Accepted(Received received, SyncRequests.Outcome outcome) {
    }

    private final TrackerConsumer<Received, Accepted> requests;

    public SyncRequestConsumer(SyncRequests requests, Poller poller) {
        this.requests = TrackerConsumer.ofRecords(Received::of, received -> "sync request " + received.id(),
                        (Received received) -> new Accepted(received, requests.accept(received.id(), received.request())))
                .onApplied(accepted -> {
                    if (accepted.outcome() == SyncRequests.Outcome.UNKNOWN_INTEGRATION) {
                        LOG.infof("sync request %s names integration %d, which is unknown or unlinked; ignored",
                                accepted.received().id(), accepted.received().request().integrationId());
                    } else if (accepted.outcome() == SyncRequests.Outcome.QUEUED) {
                        poller.wake();
                    }
                });
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(Message<byte[]> message) {
        return requests.consume(message);
    }
}
