package io.trackerhub.timesheet.sync;

import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.ProducerSettings;
import io.trackerhub.timesheet.TimesheetConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Force synchronization": a {@code force} request per integration on {@code hub.sync-requests}, answered only once
 * the broker acknowledged it (acks=all, idempotent). Nothing is stored here, so there is no dual write to guard.
 */
@ApplicationScoped
class SyncRequests {

    public static final String REASON = "force";
    private static final Logger LOG = Logger.getLogger(SyncRequests.class);

    private final Map<String, Object> kafka;
    private final Duration ackTimeout;
    private volatile KafkaProducer<String, byte[]> producer;

    public SyncRequests(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                        TimesheetConfig config) {
        this.kafka = kafka;
        this.ackTimeout = config.syncAckTimeout();
    }

    public void request(long integrationId, Instant at) {
        TrackerRecord record = TrackerRecord.syncRequest(integrationId, REASON, at);
        try {
            producer().send(record.toProducerRecord()).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted before Kafka acknowledged the sync request; try again", Duration.ofSeconds(5));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("sync request for integration %d not acknowledged by Kafka: %s", integrationId, e.getMessage());
            throw ProblemException.unavailable("Kafka did not take the sync request for integration " + integrationId + "; try again shortly",
                    Duration.ofSeconds(5));
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(ProducerSettings.acknowledged(kafka, ackTimeout, "timesheet-sync"),
                            new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
