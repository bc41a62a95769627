package io.trackerhub.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: a fresh database {@code t_<random>} per test run on the server at
 * {@code PGHOST:PGPORT} (default 127.0.0.1:5432, user {@code PGUSER} or postgres), dropped at the end of the run;
 * where no server answers, an embedded PostgreSQL started from Maven jars. {@code -Dtestkit.containers=true}
 * takes it from a container instead.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {

    /** Where a test database lives: a JDBC URL and the credentials to reach it. */
    public record Server(String jdbcUrl, String username, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }

        Server withDatabase(String database) {
            return new Server(jdbcUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database + "$1"), username, password);
        }
    }

    private static Server admin;
    private static EmbeddedPostgres embedded;
    private static Server database;

    /** A fresh database for this test run (one per JVM), created on first use and dropped at exit. */
    public static synchronized Server database() {
        if (database != null) {
            return database;
        }
        Server server = server();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        database = server.withDatabase(name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "testkit-postgres-drop"));
        return database;
    }

    private static Server server() {
        if (admin != null) {
            return admin;
        }
        if (Containers.requested()) {
            admin = Containers.postgres();
            return admin;
        }
        String host = env("PGHOST", "127.0.0.1");
        int port = Integer.parseInt(env("PGPORT", "5432"));
        if (answers(host, port)) {
            admin = new Server("jdbc:postgresql://" + host + ":" + port + "/postgres", env("PGUSER", "postgres"), env("PGPASSWORD", ""));
        } else {
            admin = startEmbedded();
        }
        return admin;
    }

    private static Server startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }, "testkit-postgres-stop"));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL answers on 127.0.0.1:5432 and the embedded one did not start", e);
        }
    }

    private static void drop(Server server, String name) {
        if (embedded != null) {
            return; // the embedded server and its data directory are removed as a whole
        }
        try {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("testkit: could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static void execute(Server server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("testkit: '" + sql + "' failed on " + server.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public Map<String, String> start() {
        Server db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // One database per test run; dropped by the shutdown hook so that every test class of the run can use it.
    }
}
