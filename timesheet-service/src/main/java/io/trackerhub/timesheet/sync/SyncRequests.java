package io.trackerhub.timesheet.sync;

import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.TrackerProducer;
import io.trackerhub.timesheet.TimesheetConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * "Force synchronization": a {@code force} request per integration on {@code hub.sync-requests}, answered only once
 * the broker acknowledged it (service-kit's {@link TrackerProducer}: acks=all, idempotent). Nothing is stored here, so
 * there is no dual write to guard.
 */
@ApplicationScoped
class SyncRequests {

    public static final String REASON = "force";
    private static final Logger LOG = Logger.getLogger(SyncRequests.class);

    private final TrackerProducer producer;

    public SyncRequests(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                        TimesheetConfig config) {
        this.producer = TrackerProducer.create(kafka, config.syncAckTimeout(), "timesheet-sync");
    }

    public void request(long integrationId, Instant at) {
        producer.sendAndWait(TrackerRecord.syncRequest(integrationId, REASON, at), failure -> {
            if (failure.why() == TrackerProducer.NotAcknowledged.Why.INTERRUPTED) {
                return ProblemException.unavailable("interrupted before Kafka acknowledged the sync request; try again", Duration.ofSeconds(5));
            }
            LOG.warnf("sync request for integration %d not acknowledged by Kafka: %s", integrationId, failure.getMessage());
            return ProblemException.unavailable("Kafka did not take the sync request for integration " + integrationId + "; try again shortly",
                    Duration.ofSeconds(5));
        });
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
