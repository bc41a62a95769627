package io.trackerhub.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One running instance of a service: its production jar in a JVM of its own, its output appended to a log file the
 * secrets sweep reads at the end. It can be killed (SIGKILL), stopped (SIGTERM, as Kubernetes does) and started
 * again with the same port, database and settings.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final App app;
    final String instance;
    final int port;
    final Path log;
    private final Map<String, String> environment;
    private Process process;

    ServiceProcess(App app, String instance, int port, Path log, Map<String, String> environment) {
        this.app = app;
        this.instance = instance;
        this.port = port;
        this.log = log;
        this.environment = environment;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(app.jvmOptions());
        command.add("-Dreliability.instance=" + instance);
        command.add("-jar");
        command.add(app.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.writeString(log, "\n=== reliability: starting " + instance + " ===\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + instance, e);
        }
        return this;
    }

    /** Starts it and waits until /q/health/ready answers 200. */
    ServiceProcess startReady() {
        start();
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(instance + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            last = readiness();
            if (last == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(instance + " not ready after " + timeout + " (last /q/health/ready: " + last + "); see " + log);
    }

    /**
     * The status of /q/health/ready now, or -1 when nothing answers or what answers is not a health check (another
     * listener on this port would otherwise pass for the service).
     */
    int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.body().contains("\"status\"") ? response.statusCode() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, as Kubernetes stops a pod, and the time a pod has to finish (30 s) before it would be killed. */
    synchronized int terminate() {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
            throw new AssertionError(instance + " did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory of the process in bytes (Linux /proc), or -1 when unknown. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                process.destroyForcibly();
            }
        }
    }
}
