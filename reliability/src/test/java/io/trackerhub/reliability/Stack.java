package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.webhooks.WebhookSignature;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.StoppableKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Everything the suite runs, once per test JVM: a Kafka broker that can be stopped and started again (hub topics
 * created as {@link Topics#ALL} says), a PostgreSQL of its own that can be restarted, the hub's secrets (random per
 * run, remembered for the final sweep), and the service processes the tests start, each with its own database.
 */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private static Stack instance;

    final String adminToken = "hubadm-" + random();
    final String cryptoKey = Base64.getEncoder().encodeToString(bytes(32));
    final String webhookKey = "whk-" + random();
    final String simulatorAdminToken = "simadm-" + random();
    final String timesheetAdminEmail = "admin@reliability.test";
    final String timesheetAdminPassword = "tsadm-" + random();
    final RestartablePostgres postgres;
    final Path work;
    private final String kafka;
    private final WebhookSignature signature;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, ServiceProcess> byInstance = new HashMap<>();

    private Stack() {
        // reliability.work: another directory for logs and data, so that two runs on one checkout do not delete each other's
        work = Path.of(System.getProperty("reliability.work", root().resolve("reliability/target/reliability").toString()));
        try {
            deleteTree(work); // logs and data of an earlier run: the final sweep reads this run's logs only
            Files.createDirectories(work.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = StoppableKafkaBroker.bootstrapServers();
        createTopics();
        postgres = new RestartablePostgres(io.trackerhub.testkit.Ports.free(), work.resolve("pgdata"));
        postgres.start();
        signature = new WebhookSignature(webhookKey);
        secrets.addAll(List.of(adminToken, cryptoKey, webhookKey, simulatorAdminToken, timesheetAdminPassword));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "reliability-stop"));
    }

    static synchronized Stack get() {
        if (instance == null) {
            instance = new Stack();
        }
        return instance;
    }

    static Path root() {
        return Fixtures.repositoryFile(".").normalize();
    }

    String kafka() {
        return kafka;
    }

    KafkaTestClient kafkaClient() {
        return new KafkaTestClient(kafka);
    }

    void stopBroker() {
        StoppableKafkaBroker.stopBroker();
    }

    void startBroker() {
        StoppableKafkaBroker.startBroker();
    }

    /** A value no log line, topic or API answer may ever show (tokens, passwords); checked by the final sweep. */
    String secret(String value) {
        secrets.add(value);
        return value;
    }

    Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    /** The path Tracker posts an integration's web hooks to. */
    String webhookPath(long integrationId) {
        return signature.path(integrationId);
    }

    /**
     * A service instance, not started: its own HTTP port, its own database named after the instance (for services
     * with one), the hub's secrets, and {@code extra} environment on top. Started again under the same name it keeps
     * all of them.
     */
    synchronized ServiceProcess service(App app, String name, Map<String, String> extra) {
        ServiceProcess existing = byInstance.get(name);
        if (existing != null) {
            return existing;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(io.trackerhub.testkit.Ports.free()));
        if (app != App.ARCHIVE) { // the archive publishes and consumes nothing
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        }
        env.put("MALLOC_ARENA_MAX", "2");
        if (app == App.SIMULATOR) {
            env.put("HUB_ADMIN_TOKEN", simulatorAdminToken);
        } else {
            env.put("HUB_ADMIN_TOKEN", adminToken);
            env.put("HUB_CRYPTO_KEY", cryptoKey);
            env.put("HUB_WEBHOOK_KEY", webhookKey);
        }
        if (app.needsDatabase) {
            String database = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            postgres.createDatabase(database);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        }
        if (app == App.TIMESHEET) {
            env.put("HUB_TIMESHEET_ADMIN_EMAIL", timesheetAdminEmail);
            env.put("HUB_TIMESHEET_ADMIN_PASSWORD", timesheetAdminPassword);
        }
        env.putAll(extra);
        int port = Integer.parseInt(env.get("QUARKUS_HTTP_PORT"));
        ServiceProcess process = new ServiceProcess(app, name, port, work.resolve("logs").resolve(name + ".log"), env);
        processes.add(process);
        byInstance.put(name, process);
        return process;
    }

    ServiceProcess service(App app, String name) {
        return service(app, name, Map.of());
    }

    /**
     * Environment giving an instance consumer groups of its own ({@code instance.channel}, overriding service-kit's
     * per channel), each starting at its topic's current end: the instance reads what is sent from now on, not the
     * backlog earlier tests of the suite left on the topics.
     */
    Map<String, String> groupsFromNow(String instance, List<String> channels) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String channel : channels) {
            String group = instance + "." + channel;
            env.put("MP_MESSAGING_INCOMING_" + channel.toUpperCase(Locale.ROOT).replace('-', '_') + "_GROUP_ID", group);
            startAtEnd(group, ConsumerRig.Service.topic(channel));
        }
        return env;
    }

    /** Commits the topic's end offsets for a new group. */
    private void startAtEnd(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not set the offsets of " + group + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The records of {@code group} not consumed yet: the topic's end offsets minus the group's committed ones. */
    long lag(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the lag of " + group + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The database of a service instance, for the checks of what it stored. */
    java.sql.Connection database(String instanceName) throws java.sql.SQLException {
        return postgres.connect(instanceName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_"));
    }

    List<ServiceProcess> processes() {
        synchronized (this) {
            return List.copyOf(processes);
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    HttpResponse<String> call(String method, String url, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin call that must answer one of {@code expected}; its JSON answer. */
    JsonNode admin(String method, String url, String json, int... expected) {
        HttpResponse<String> response = call(method, url, adminToken, json);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return read(response.body());
            }
        }
        throw new AssertionError(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }

    static JsonNode read(String json) {
        try {
            return json == null || json.isBlank() ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (Topics.Topic topic : Topics.ALL) {
                NewTopic t = new NewTopic(topic.name(), topic.partitions(), (short) 1);
                if (topic.compacted()) {
                    t.configs(Map.of("cleanup.policy", "compact"));
                }
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stopAll() {
        for (ServiceProcess p : processes()) {
            p.close();
        }
        postgres.stop();
    }


    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(33));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
