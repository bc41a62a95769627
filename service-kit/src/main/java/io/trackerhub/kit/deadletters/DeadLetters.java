package io.trackerhub.kit.deadletters;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.ProducerSettings;
import io.trackerhub.kit.kafka.Readers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The records this service's consumer groups gave up on, read from {@code hub.deadletter}: listed with why, replayed
 * into their consumer or discarded with a reason. A replay produces the record again on its source topic with its key,
 * value and headers (its {@code ce_id} among them): the group that gave it up applies it through its inbox, once;
 * every other group on that topic already has its {@code ce_id} and skips it. What was decided is kept in
 * {@code kit_deadletter}; the records stay on the topic (its retention decides how long).
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class DeadLetters {

    /** A dead letter as operators see it; {@code id} is {@code partition-offset} on {@code hub.deadletter}. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLetter(String id, String key, String ceId, String group, String kind, String reason, String sourceTopic,
                             Integer sourcePartition, Long sourceOffset, Integer attempts, String firstFailure, Instant deadLetteredAt,
                             String state, String stateReason, Instant stateAt) {
    }

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafka;
    private final Set<String> groups;
    private final String topic;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        // the channels' dead-letter queue (TrackerChannels: hub.deadletter)
        this.topic = config.getOptionalValue("hub.deadletters.topic", String.class).orElse(Topics.DEADLETTER);
        Set<String> own = new LinkedHashSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".group.id")) {
                config.getOptionalValue(name, String.class).ifPresent(own::add);
            }
        }
        this.groups = Set.copyOf(own);
    }

    /** This service's consumer groups. */
    public Set<String> groups() {
        return groups;
    }

    /** Dead letters of {@code group} (null: every group of this service), newest first, at most {@code limit}. */
    public List<DeadLetter> list(String group, int limit) {
        if (group != null && !groups.contains(group)) {
            throw ProblemException.invalid("group", "'" + group + "' is not a consumer group of this service; its groups: " + groups);
        }
        Map<String, String[]> decided = decisions();
        List<DeadLetter> all = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll()) {
            String of = header(record, CloudEventHeaders.HUB_GROUP);
            if (of == null ? group != null : group != null ? !of.equals(group) : !groups.contains(of)) {
                continue;
            }
            all.add(view(record, decided.get(id(record))));
        }
        all.sort(Comparator.comparing(DeadLetter::deadLetteredAt).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** Produces the dead letter again on its source topic; it is marked replayed. */
    public DeadLetter replay(String id) {
        ConsumerRecord<String, byte[]> record = find(id);
        String source = header(record, CloudEventHeaders.HUB_SOURCE_TOPIC);
        if (source == null) {
            throw ProblemException.conflict("dead letter " + id + " names no source topic: it cannot be replayed");
        }
        List<Header> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("hub-error") && !h.key().startsWith("hub-source") && !h.key().startsWith("dead-letter")
                    && !h.key().equals(CloudEventHeaders.HUB_ATTEMPTS) && !h.key().equals(CloudEventHeaders.HUB_GROUP)
                    && !h.key().equals(CloudEventHeaders.HUB_FIRST_FAILURE)) {
                headers.add(h);
            }
        }
        try {
            producer().send(new ProducerRecord<>(source, null, record.key(), record.value(), headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw ProblemException.unavailable("dead letter " + id + " could not be produced to " + source + ": " + e.getMessage(), Duration.ofSeconds(5));
        }
        decide(id, header(record, CloudEventHeaders.HUB_GROUP), "replayed", null);
        return view(record, decisions().get(id));
    }

    /** Replays every dead letter of {@code group} (null: every group of this service) not replayed or discarded yet, oldest first. */
    public List<DeadLetter> replayAll(String group) {
        List<DeadLetter> waiting = new ArrayList<>(list(group, Integer.MAX_VALUE).stream().filter(d -> d.state().equals("dead")).toList());
        waiting.sort(Comparator.comparing(DeadLetter::deadLetteredAt));
        return waiting.stream().map(d -> replay(d.id())).toList();
    }

    /** Marks a dead letter discarded, with why; it stays listed as such. */
    public DeadLetter discard(String id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "is required: say why the record is given up for good");
        }
        ConsumerRecord<String, byte[]> record = find(id);
        decide(id, header(record, CloudEventHeaders.HUB_GROUP), "discarded", reason.strip());
        return view(record, decisions().get(id));
    }

    private ConsumerRecord<String, byte[]> find(String id) {
        if (id == null || !id.matches("\\d{1,9}-\\d{1,19}")) {
            throw ProblemException.invalid("id", "a dead letter is named partition-offset, e.g. 0-42");
        }
        return readAll().stream().filter(r -> id(r).equals(id))
                .filter(r -> groups.contains(String.valueOf(header(r, CloudEventHeaders.HUB_GROUP))))
                .findFirst().orElseThrow(() -> ProblemException.notFound("no dead letter " + id + " of this service's groups " + groups));
    }

    /** Every record on the dead-letter topic, read from the start to the end it had when asked. */
    private List<ConsumerRecord<String, byte[]>> readAll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = Readers.withoutGroup(kafka, "kit-deadletters")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw ProblemException.unavailable("the dead-letter topic could not be read to its end within 30 s", Duration.ofSeconds(5));
                }
                StreamSupport.stream(consumer.poll(Duration.ofMillis(500)).spliterator(), false).forEach(records::add);
            }
        }
        return records;
    }

    private static DeadLetter view(ConsumerRecord<String, byte[]> r, String[] decision) {
        return new DeadLetter(id(r), r.key(), header(r, CloudEventHeaders.ID), header(r, CloudEventHeaders.HUB_GROUP),
                header(r, CloudEventHeaders.HUB_ERROR_KIND), header(r, CloudEventHeaders.HUB_ERROR), header(r, CloudEventHeaders.HUB_SOURCE_TOPIC),
                number(header(r, CloudEventHeaders.HUB_SOURCE_PARTITION), Integer::valueOf), number(header(r, CloudEventHeaders.HUB_SOURCE_OFFSET), Long::valueOf),
                number(header(r, CloudEventHeaders.HUB_ATTEMPTS), Integer::valueOf), header(r, CloudEventHeaders.HUB_FIRST_FAILURE),
                Instant.ofEpochMilli(r.timestamp()), decision == null ? "dead" : decision[0], decision == null ? null : decision[1],
                decision == null ? null : Instant.parse(decision[2]));
    }

    private static String id(ConsumerRecord<?, ?> r) {
        return r.partition() + "-" + r.offset();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map<String, String[]> decisions() {
        Map<String, String[]> decided = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select dead_letter, state, reason, at from kit_deadletter");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                decided.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant().toString()});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dead-letter decisions could not be read: " + e.getMessage(), e);
        }
        return decided;
    }

    private void decide(String id, String group, String state, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("insert into kit_deadletter (dead_letter, grp, state, reason) "
                + "values (?, ?, ?, ?) on conflict (dead_letter) do update set state = excluded.state, reason = excluded.reason, at = now()")) {
            s.setString(1, id);
            s.setString(2, group == null ? "" : group);
            s.setString(3, state);
            s.setString(4, reason);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("dead letter " + id + " could not be marked " + state + ": " + e.getMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(ProducerSettings.acknowledged(kafka, Duration.ofSeconds(30), "kit-deadletters-replay"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
