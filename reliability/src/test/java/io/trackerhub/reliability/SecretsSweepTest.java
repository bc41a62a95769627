package io.trackerhub.reliability;

import io.trackerhub.testkit.KafkaTestClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Last, over everything the suite did: no token or password it used (the hub's own secrets, the Tracker tokens and
 * external passwords tests registered) is in any service's log, on any Kafka topic, or stored as plain text in any
 * column of any service's database.
 */
@Order(99)
class SecretsSweepTest {

    @Test
    @Timeout(300)
    void noSecretInLogsTopicsOrDatabases() throws Exception {
        Stack stack = Stack.get();
        List<Path> logs;
        try (Stream<Path> files = Files.list(stack.work.resolve("logs"))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        assumeTrue(!logs.isEmpty(), "the sweep reads what the suite's services wrote: run it with the suite");
        Set<String> secrets = stack.secrets();
        List<String> hits = new ArrayList<>();

        long logBytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1); // any bytes, no decoding errors
            logBytes += text.length();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    hits.add("log " + log.getFileName() + " contains " + describe(secret));
                }
            }
        }

        int topics = 0;
        long records = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka()));
             KafkaTestClient kafka = stack.kafkaClient()) {
            for (String topic : new TreeSet<>(admin.listTopics().names().get())) {
                topics++;
                for (KafkaTestClient.Received r : kafka.consumeAll(topic, Duration.ofSeconds(60))) {
                    records++;
                    String all = r.key() + "\n" + r.value() + "\n" + r.headers();
                    for (String secret : secrets) {
                        if (all.contains(secret)) {
                            hits.add("topic " + topic + " offset " + r.partition() + "/" + r.offset() + " contains " + describe(secret));
                        }
                    }
                }
            }
        }

        int databases = 0;
        int tables = 0;
        for (String database : databases(stack)) {
            databases++;
            try (Connection c = stack.postgres.connect(database)) {
                for (String table : tables(c)) {
                    tables++;
                    for (String secret : secrets) {
                        String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
                        try (PreparedStatement s = c.prepareStatement(
                                "SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0 OR strpos(t::text, ?) > 0")) {
                            s.setString(1, secret);
                            s.setString(2, hex);
                            try (ResultSet rs = s.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    hits.add("database " + database + " table " + table + " holds " + describe(secret) + " in plain text");
                                }
                            }
                        }
                    }
                }
            }
        }

        Figures.record("secrets sweep (after the whole suite)",
                secrets.size() + " secrets × " + logs.size() + " logs (" + logBytes / 1024 + " KiB), " + topics + " topics ("
                        + records + " records), " + databases + " databases (" + tables + " tables): hits=" + hits.size());
        assertThat(hits).as("secrets found").isEmpty();
    }

    private static List<String> databases(Stack stack) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = stack.postgres.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Which secret, without printing it: its length and first two characters. */
    private static String describe(String secret) {
        return "a secret (" + secret.length() + " chars, " + secret.substring(0, Math.min(2, secret.length())) + "…)";
    }
}
