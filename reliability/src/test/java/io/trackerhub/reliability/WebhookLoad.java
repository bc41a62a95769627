package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.testkit.Fixtures;

import java.io.IOException;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracker posting web hooks: {@code connections} threads, each one project of its own posting the real v5 fixture
 * bodies in turn with the project's next version and a unique guid ({@code {project}_{version}}), one request at
 * a time, as Tracker does per project. Remembers every guid answered 200 (acked) and counts every outcome.
 * <p>
 * By default it posts straight to the instance, whatever its state. {@link #routedByReadiness(ServiceProcess)} puts
 * a load balancer in between, as production has one (an Ingress, kube-proxy following the Service's endpoints).
 */
final class WebhookLoad implements AutoCloseable {

    private static final List<ObjectNode> BODIES = fixtures();
    /**
     * How often the balancer asks /q/health/ready. Kubernetes takes a terminating pod out of kube-proxy's and the
     * Ingress's rotation within a second or two; either way well inside the ingest's 5 s shutdown delay.
     */
    static final long READINESS_PERIOD_MS = 200;

    private final String url;
    private final int connections;
    private final long firstProject;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private Balancer balancer; // null: no load balancer, every request goes to the instance

    /** {@code firstProject}: project ids {@code firstProject … firstProject + connections - 1} are this load's. */
    WebhookLoad(String url, int connections, long firstProject) {
        this.url = url;
        this.connections = connections;
        this.firstProject = firstProject;
    }

    /**
     * Routes like a load balancer in front of {@code instance}: a request is sent only while the instance's
     * /q/health/ready answered 200 at the last check, made every {@value #READINESS_PERIOD_MS} ms and at once when an
     * answer closes its connection ({@code Connection: close}, which Quarkus sends from the moment it begins to stop).
     * Out of rotation, the connections send nothing (another replica would take the traffic) and resume when it is
     * ready again; requests already sent are still answered. Call before {@link #start()}.
     */
    WebhookLoad routedByReadiness(ServiceProcess instance) {
        balancer = new Balancer(URI.create(instance.url() + "/q/health/ready"));
        return this;
    }

    WebhookLoad start() {
        running.set(true);
        if (balancer != null) {
            balancer.start();
        }
        for (int i = 0; i < connections; i++) {
            long project = firstProject + i;
            Thread t = new Thread(() -> post(project), "webhook-load-" + project);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void post(long project) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long version = 0;
        while (running.get()) {
            if (balancer != null && !balancer.inRotation) {
                ServiceProcess.sleep(10); // out of rotation: the balancer sends this instance nothing
                continue;
            }
            version++;
            String guid = project + "_" + version;
            ObjectNode body = BODIES.get((int) (version % BODIES.size())).deepCopy();
            body.put("guid", guid);
            body.put("project_version", version);
            ((ObjectNode) body.get("project")).put("id", project);
            String outcome;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = Integer.toString(response.statusCode());
                if (response.headers().firstValue("connection").filter("close"::equalsIgnoreCase).isPresent()) {
                    closedByServer.incrementAndGet();
                    if (balancer != null) {
                        balancer.recheck(); // the server is closing the connection: is it going away?
                    }
                }
                if (response.statusCode() == 200) {
                    acked.add(guid);
                }
            } catch (java.net.ConnectException e) {
                outcome = "refused";
                ServiceProcess.sleep(20); // nothing listens (killed or restarting): do not spin
            } catch (IOException e) {
                outcome = "cut off"; // the request was sent and no answer came: the connection closed under it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sent.incrementAndGet();
            outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Stops posting and waits for the requests in flight to be answered. */
    @Override
    public void close() {
        running.set(false);
        List<Thread> all = new ArrayList<>(threads);
        if (balancer != null) {
            all.add(balancer.thread);
        }
        for (Thread t : all) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Set<String> acked() {
        return Set.copyOf(acked);
    }

    /** What became of this load's web hooks: answered 200, on tracker.activity (ce_id → records), acked but not stored. */
    record Settled(Set<String> acked, Map<String, Integer> stored, Set<String> lost) {
    }

    /** Reads tracker.activity for this load's projects; call it after {@link #close()}. */
    Settled settle() {
        Set<String> answered = acked();
        Map<String, Integer> stored = Activities.stored(Activities.ofProjects(firstProject, connections));
        Set<String> lost = new java.util.HashSet<>(answered);
        lost.removeAll(stored.keySet());
        return new Settled(answered, stored, lost);
    }

    long sent() {
        return sent.get();
    }

    /** Answers that came with {@code Connection: close}: the server told the client not to reuse the connection. */
    long closedByServer() {
        return closedByServer.get();
    }

    /**
     * Milliseconds from {@code sinceNanos} ({@link System#nanoTime()}) until the balancer first took the instance out of
     * rotation after it, or -1 when it did not.
     */
    long takenOutMillisAfter(long sinceNanos) {
        if (balancer == null) {
            return -1;
        }
        for (long at : balancer.takenOut) {
            if (at - sinceNanos >= 0) {
                return (at - sinceNanos) / 1_000_000;
            }
        }
        return -1;
    }

    long count(String outcome) {
        AtomicLong n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Waits until at least {@code n} more requests have been answered 200. */
    void awaitAcked(int n, Duration timeout) {
        int target = acked.size() + n;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " web hooks acked within " + timeout + "; outcomes " + outcomes());
            }
            ServiceProcess.sleep(20);
        }
    }

    /**
     * The load balancer: asks the instance's readiness every {@value #READINESS_PERIOD_MS} ms (or at once when told to)
     * and keeps it in rotation while the answer is 200; nothing answering, or not in time, is out.
     */
    private final class Balancer {

        private final URI readiness;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500)).build();
        private final Semaphore recheck = new Semaphore(0);
        /** {@link System#nanoTime()} of each time the instance was taken out of rotation. */
        private final List<Long> takenOut = new CopyOnWriteArrayList<>();
        private volatile boolean inRotation;
        private Thread thread;

        Balancer(URI readiness) {
            this.readiness = readiness;
        }

        void start() {
            inRotation = ready();
            thread = new Thread(this::run, "webhook-load-balancer");
            thread.setDaemon(true);
            thread.start();
        }

        void recheck() {
            recheck.release();
        }

        private void run() {
            while (running.get()) {
                try {
                    recheck.tryAcquire(READINESS_PERIOD_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                recheck.drainPermits();
                boolean ready = ready();
                if (inRotation && !ready) {
                    takenOut.add(System.nanoTime());
                }
                inRotation = ready;
            }
        }

        private boolean ready() {
            try {
                HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(1)).build();
                return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static List<ObjectNode> fixtures() {
        List<ObjectNode> bodies = new ArrayList<>();
        for (Path file : Fixtures.list("webhook-v5", ".json")) {
            try {
                JsonNode node = Stack.JSON.readTree(Files.readString(file));
                bodies.add((ObjectNode) node);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return bodies;
    }
}
