package io.trackerhub.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Tracker simulator for any service's tests: the packaged {@code tracker-simulator} jar started once per test JVM
 * as a child process on a free port (a child process, because a second Quarkus application cannot share the test's
 * class loader), stopped when the JVM exits. Or the simulator already running at {@code TEST_TRACKER_SIMULATOR_URL}
 * (with {@code TEST_TRACKER_SIMULATOR_ADMIN_TOKEN}).
 *
 * <p>As a Quarkus test resource it sets {@code hub.tracker.base-url} ({@code …/services/v5}), {@code hub.simulator.url}
 * and {@code hub.simulator.admin-token}. {@link #seed} makes a world and gives its API token.
 */
public class TrackerSimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String JAR = "tracker-simulator/target/quarkus-app/quarkus-run.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static String url;
    private static String adminToken;
    private static Process process;

    @Override
    public Map<String, String> start() {
        return Map.of("hub.tracker.base-url", url() + "/services/v5", "hub.simulator.url", url(),
                "hub.simulator.admin-token", adminToken());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; the shutdown hook ends it
    }

    /** The simulator's base URL, e.g. {@code http://127.0.0.1:41234}, starting it on first use. */
    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("TEST_TRACKER_SIMULATOR_URL");
            if (external != null && !external.isBlank()) {
                url = external.trim().replaceAll("/$", "");
                adminToken = System.getenv().getOrDefault("TEST_TRACKER_SIMULATOR_ADMIN_TOKEN", "");
            } else {
                startJar();
            }
        }
        return url;
    }

    /** The bearer token of the simulator's {@code /_sim} API. */
    public static synchronized String adminToken() {
        url();
        return adminToken;
    }

    /**
     * {@code POST /_sim/seed}: a world generated from {@code seed}; returns {@code api_token}, {@code person_id} and
     * {@code project_ids} as the simulator answered them.
     */
    public static Map<String, Object> seed(long seed, int projects, int storiesPerProject) {
        return RestAssured.given().baseUri(url()).header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON)
                .body(Map.of("seed", seed, "projects", projects, "stories_per_project", storiesPerProject))
                .post("/_sim/seed").then().statusCode(201).extract().jsonPath().getMap("");
    }

    private static void startJar() {
        Path jar = Path.of(System.getProperty("testkit.simulator.jar", Fixtures.repositoryFile(JAR).toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Tracker simulator is not built: " + jar + " is missing. Build it first with "
                    + "./mvnw -B -pl tracker-simulator -am package -DskipTests (or set TEST_TRACKER_SIMULATOR_URL to a running one)");
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        adminToken = "testkit-" + HexFormat.of().formatHex(secret);
        int port = Ports.free();
        Path log = Path.of("target", "tracker-simulator-" + port + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("HUB_ADMIN_TOKEN", adminToken);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Tracker simulator from " + jar, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "testkit-simulator-stop"));
        url = "http://127.0.0.1:" + port;
        awaitReady(process, url, log, START_TIMEOUT);
    }

    /**
     * Waits until the simulator process answers {@code /q/health/ready} with 200 at {@code url}; fails naming its log
     * when it exits or is not ready within {@code timeout} (then it is stopped).
     */
    public static void awaitReady(Process process, String url, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Tracker simulator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection ready = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                ready.setConnectTimeout(500);
                ready.setReadTimeout(2000);
                if (ready.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Tracker simulator", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("the Tracker simulator was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

}
