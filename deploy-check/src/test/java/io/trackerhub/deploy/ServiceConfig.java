package io.trackerhub.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.time.Duration;

/**
 * What a service's src/main/resources/application.properties says the deployment must give it: its port, the
 * environment variables it reads (MicroProfile Config's mapping: upper case, every other character an underscore),
 * its database schema and how long it takes to shut down.
 */
record ServiceConfig(String module, Properties properties) {

    static ServiceConfig of(String module) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Checkout.path(module + "/src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceConfig(module, p);
    }

    int port() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    /**
     * Whether it talks to Kafka: its readiness waits for a broker (the broker's address itself is a kit default,
     * kafka.bootstrap.servers in service-kit's microprofile-config.properties).
     */
    boolean usesKafka() {
        return Boolean.parseBoolean(properties.getProperty("hub.kafka.readiness", "false"));
    }

    /** Whether it has a database: it names the schema Flyway migrates (the datasource's defaults are the kit's). */
    boolean usesDatabase() {
        return properties.containsKey("quarkus.flyway.schemas");
    }

    Optional<String> schema() {
        return Optional.ofNullable(properties.getProperty("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema"));
    }

    /**
     * Seconds Quarkus may take to shut down: the shutdown delay when it is enabled (quarkus.shutdown.delay, serving
     * with readiness down) plus the wait for in-flight work (quarkus.shutdown.timeout); 0 for what is unset.
     */
    long shutdownSeconds() {
        long delay = Boolean.parseBoolean(properties.getProperty("quarkus.shutdown.delay-enabled", "false"))
                ? seconds("quarkus.shutdown.delay") : 0;
        return delay + seconds("quarkus.shutdown.timeout");
    }

    private long seconds(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            return 0;
        }
        return value.startsWith("P") ? Duration.parse(value).toSeconds() : Long.parseLong(value.replace("s", ""));
    }

    /** Secrets the service refuses to start without in prod, as environment variables. */
    Set<String> requiredSecretVariables() {
        String list = properties.getProperty("hub.secrets.required", "");
        Set<String> vars = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(ServiceConfig::env).forEach(vars::add);
        return vars;
    }

    /** Every variable a deployment has to set for the service to run against real Kafka, PostgreSQL and Tracker. */
    Set<String> requiredVariables() {
        Set<String> vars = new LinkedHashSet<>();
        if (usesKafka()) {
            vars.add("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (usesDatabase()) {
            vars.add("QUARKUS_DATASOURCE_JDBC_URL");
            vars.add("QUARKUS_DATASOURCE_USERNAME");
            vars.add("QUARKUS_DATASOURCE_PASSWORD");
        }
        vars.addAll(requiredSecretVariables());
        // settings whose default only fits a developer machine or the real Tracker (any profile counts)
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (plain.equals("hub.tracker.base-url") || plain.equals("hub.ingest.public-url")
                    || plain.equals("hub.timesheet.admin-email") || plain.equals("hub.timesheet.admin-password")) {
                vars.add(env(plain));
            }
        }
        return vars;
    }

    /** MicroProfile Config's environment variable for a property name. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
