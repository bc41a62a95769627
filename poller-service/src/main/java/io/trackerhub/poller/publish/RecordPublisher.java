package io.trackerhub.poller.publish;

import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.kafka.TrackerProducer;
import io.trackerhub.poller.PollerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the poller's records with one idempotent {@code acks=all} producer (service-kit's {@link TrackerProducer}). A sync sends a {@link Batch} and waits for
 * all of it to be acknowledged before it moves a cursor: nothing before a cursor is ever unacknowledged. Records of one
 * key keep their order (idempotence with at most 5 requests in flight).
 */
@ApplicationScoped
public class RecordPublisher {

    private static final Logger LOG = Logger.getLogger(RecordPublisher.class);
    private static final Set<String> OURS = Set.of(Topics.ACTIVITY, Topics.PROJECTS, Topics.STORIES, Topics.EPICS, Topics.NOTIFICATIONS);

    private final TrackerProducer producer;
    private final Map<String, Object> kafka;

    public RecordPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, PollerConfig config) {
        this.kafka = kafka;
        Duration ackTimeout = config.ackTimeout();
        int lingerMs = config.lingerMs();
        // An import sends tens of thousands of records and waits for them as a whole: batching beats latency here.
        this.producer = TrackerProducer.create(kafka, ackTimeout, "poller", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ackTimeout.toMillis(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
    }

    /** Creates the topics the poller writes when they are missing, compacted ones as compacted (Topics.ALL). */
    void createTopics(@Observes StartupEvent start) {
        Object servers = kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Topic topic : Topics.ALL) {
                if (OURS.contains(topic.name()) && !existing.contains(topic.name())) {
                    NewTopic t = new NewTopic(topic.name(), topic.partitions(), (short) -1);
                    if (topic.compacted()) {
                        t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, created) -> {
                    try {
                        created.get(5, TimeUnit.SECONDS);
                        LOG.infof("created topic %s", name);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            LOG.warnf("topic %s not created: %s", name, e.getCause().getMessage());
                        }
                    } catch (InterruptedException | TimeoutException e) {
                        LOG.warnf("topic %s not created: %s", name, e.toString());
                    }
                });
            }
        } catch (Exception e) {
            LOG.warnf("topics not checked (Kafka not reachable at start?): %s; the broker's defaults apply", e.toString());
        }
    }

    public Batch batch() {
        return new Batch(producer.batch());
    }

    /** Records sent together and acknowledged together. Not thread-safe beyond {@link #send}. */
    public static final class Batch {

        private final TrackerProducer.Batch sent;

        private Batch(TrackerProducer.Batch sent) {
            this.sent = sent;
        }

        public void send(TrackerRecord record) {
            sent.send(record);
        }

        public int size() {
            return sent.size();
        }

        /** Waits until Kafka acknowledged every record sent; fails if one was refused or the wait ran out. */
        public void awaitAcknowledged() {
            sent.awaitAcknowledged(failure -> new KafkaUnavailable(failure.getMessage()));
        }
    }

    /** Kafka did not take what a sync sent: the cycle ends there and the cursor stays where it was. */
    public static class KafkaUnavailable extends RuntimeException {
        public KafkaUnavailable(String message) {
            super(message);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
