package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's PostgreSQL stopped for ~8 s while Tracker posts web hooks: every database-backed service's readiness
 * drops while it is gone and comes back by itself, no process exits, the ingest (no database) keeps acking, and every
 * acknowledged activity reaches the notification receiver exactly once and the timesheet and connector inboxes.
 */
@Order(50)
class PostgresRestartTest {

    private static final long FIRST_PROJECT = 9_500_000;
    private static final int CONNECTIONS = 4;
    private static final long DOWN_MILLIS = 8_000;

    private final Stack stack = Stack.get();

    /** A database-backed service and the kit_inbox consumers in which it records each activity it applied. */
    private record Consumer(ServiceProcess process, String schema, List<String> inboxes) {
    }

    /** An instance whose consumer groups are its own and read only what is sent from now on. */
    private ServiceProcess fromNow(App app, String name, ConsumerRig.Service service) {
        return stack.service(app, name, stack.groupsFromNow(name, service.channels));
    }

    @Test
    @Timeout(420)
    void servicesRideOutAPostgresRestartWithNothingAckedLost() throws Exception {
        Receivers receiver = new Receivers(Set.of());
        Delivered delivered = new Delivered(receiver);
        ServiceProcess ingest = stack.service(App.INGEST, "pg-ingest");
        List<Consumer> consumers = List.of(
                new Consumer(fromNow(App.NOTIFICATION, "pg-notification", ConsumerRig.Service.NOTIFICATION), "notification", List.of("notification.activity")),
                new Consumer(fromNow(App.TIMESHEET, "pg-timesheet", ConsumerRig.Service.TIMESHEET), "timesheet", List.of("timesheet.activity")),
                new Consumer(fromNow(App.CONNECTOR, "pg-connector", ConsumerRig.Service.CONNECTOR), "connector", List.of("connector.activity", "connector.readmodel.activity")),
                new Consumer(stack.service(App.POLLER, "pg-poller"), "poller", List.of()));
        ingest.start();
        consumers.forEach(c -> c.process.start());
        ingest.awaitReady(Duration.ofSeconds(120));
        consumers.forEach(c -> c.process.awaitReady(Duration.ofSeconds(120)));
        ServiceProcess notification = consumers.get(0).process;
        stack.admin("POST", notification.url() + "/api/channels", "{\"type\": \"webhook\", \"name\": \"pg-receiver\", \"project_ids\": " + projects()
                + ", \"config\": {\"url\": \"" + receiver.url("/hook") + "\", \"version\": \"v5\"}}", 201);

        Map<String, Readiness> readiness = new LinkedHashMap<>();
        readiness.put(ingest.instance, new Readiness(ingest));
        consumers.forEach(c -> readiness.put(c.process.instance, new Readiness(c.process)));
        WebhookLoad load = new WebhookLoad(ingest.url() + stack.webhookPath(42), CONNECTIONS, FIRST_PROJECT).start();
        int ackedWhileDown;
        long downAt;
        long upAt;
        double startedIn;
        try {
            load.awaitAcked(300, Duration.ofSeconds(60));
            readiness.values().forEach(Readiness::start);
            downAt = System.nanoTime();
            stack.postgres.stop();
            int ackedBefore = load.acked().size();
            ServiceProcess.sleep(DOWN_MILLIS);
            ackedWhileDown = load.acked().size() - ackedBefore;
            upAt = System.nanoTime();
            stack.postgres.start();
            startedIn = (System.nanoTime() - upAt) / 1e9;
            await("every service ready again", Duration.ofSeconds(90), () -> readiness.values().stream().allMatch(r -> r.last == 200 && (r.wentDown == null || r.cameBack != null)));
            load.awaitAcked(300, Duration.ofSeconds(60));
        } finally {
            load.close();
            readiness.values().forEach(Readiness::stop);
        }
        WebhookLoad.Settled settled = load.settle();
        Set<String> acked = settled.acked();
        Map<String, Integer> stored = settled.stored();
        Set<String> lost = settled.lost();

        // the consumers' groups are their own and started at the topics' end (not the ~25,000 activities earlier tests left)
        await("the receiver got every acknowledged activity", Duration.ofSeconds(180), () -> delivered.now().keySet().containsAll(stored.keySet()));
        Map<String, Set<String>> inboxes = new LinkedHashMap<>();
        for (Consumer consumer : consumers) {
            for (String inbox : consumer.inboxes) {
                await(inbox + " applied every activity", Duration.ofSeconds(120),
                        () -> inbox(consumer, inbox).containsAll(stored.keySet()));
                Set<String> ours = inbox(consumer, inbox);
                ours.retainAll(stored.keySet());
                inboxes.put(inbox, ours);
            }
        }
        ServiceProcess.sleep(2_000); // a late duplicate delivery would arrive now
        Map<String, Integer> received = delivered.now();
        long receivedTwice = received.values().stream().filter(n -> n > 1).count();
        Set<String> notDelivered = new HashSet<>(acked);
        notDelivered.removeAll(received.keySet());
        List<String> exited = new ArrayList<>();
        readiness.values().forEach(r -> {
            if (!r.process.alive() || r.deadSeen > 0) {
                exited.add(r.process.instance);
            }
        });

        StringBuilder times = new StringBuilder();
        readiness.forEach((name, r) -> times.append(' ').append(name).append(" down ").append(r.downAfter(downAt))
                .append(" up ").append(r.upAfter(upAt)).append(';'));
        Figures.record("PostgreSQL stopped " + DOWN_MILLIS / 1000 + " s under load (" + CONNECTIONS + " connections)",
                "sent=" + load.sent() + " acked=" + acked.size() + " (while down " + ackedWhileDown + ") stored=" + stored.size()
                        + " lost=" + lost.size() + " delivered=" + received.size() + " not delivered=" + notDelivered.size()
                        + " delivered twice=" + receivedTwice + " inboxes " + sizes(inboxes) + " exited=" + exited.size()
                        + "; PostgreSQL took " + String.format("%.1f", startedIn) + " s to start; readiness (s after stop / after start began):" + times + " outcomes=" + load.outcomes());

        assertThat(lost).as("web hooks answered 200 but not on tracker.activity").isEmpty();
        assertThat(load.count("500")).as("5xx answers of the ingest").isZero();
        assertThat(ackedWhileDown).as("the ingest (no database) kept acking while PostgreSQL was down").isPositive();
        assertThat(notDelivered).as("acknowledged activity the notification receiver never got").isEmpty();
        assertThat(receivedTwice).as("activities delivered twice to the receiver").isZero();
        assertThat(exited).as("services that exited").isEmpty();
        for (Consumer consumer : consumers) {
            Readiness r = readiness.get(consumer.process.instance);
            assertThat(r.wentDown).as(consumer.process.instance + " readiness went down while PostgreSQL was down").isNotNull();
            assertThat(r.cameBack).as(consumer.process.instance + " readiness came back after PostgreSQL started").isNotNull();
        }
        assertThat(readiness.get(ingest.instance).wentDown).as("the ingest does not use the database: stays ready").isNull();
        receiver.close();
        ingest.terminate();
        for (Consumer consumer : consumers) {
            consumer.process.terminate();
        }
    }

    private static String projects() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            ids.add(FIRST_PROJECT + i);
        }
        return ids.toString();
    }

    private Set<String> inbox(Consumer consumer, String name) {
        Set<String> ids = new HashSet<>();
        try (Connection c = stack.database(consumer.process.instance);
             PreparedStatement s = c.prepareStatement("select ce_id from " + consumer.schema + ".kit_inbox where consumer = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            return Set.of(); // PostgreSQL still starting
        }
        return ids;
    }

    private static String sizes(Map<String, Set<String>> inboxes) {
        StringBuilder s = new StringBuilder();
        inboxes.forEach((name, ids) -> s.append(s.isEmpty() ? "" : ", ").append(name).append('=').append(ids.size()));
        return s.toString();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            ServiceProcess.sleep(200);
        }
    }

    /**
     * /q/health/ready of one service every 250 ms: when it first answered anything but 200, and after that when it
     * first answered 200 again; whether the process died meanwhile.
     */
    private static final class Readiness {
        final ServiceProcess process;
        volatile int last = 200;
        volatile Long wentDown;
        volatile Long cameBack;
        volatile int deadSeen;
        private volatile boolean running = true;
        private final Thread thread;

        Readiness(ServiceProcess process) {
            this.process = process;
            this.thread = new Thread(this::watch, "readiness-" + process.instance);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
        }

        private void watch() {
            while (running) {
                if (!process.alive()) {
                    deadSeen++;
                }
                last = process.readiness();
                long now = System.nanoTime();
                if (last != 200 && wentDown == null) {
                    wentDown = now;
                } else if (last == 200 && wentDown != null && cameBack == null) {
                    cameBack = now;
                }
                ServiceProcess.sleep(250);
            }
        }

        String downAfter(long stoppedAt) {
            return wentDown == null ? "never" : String.format("%.1f", (wentDown - stoppedAt) / 1e9);
        }

        String upAfter(long startedAt) {
            return cameBack == null ? "never" : String.format("%.1f", (cameBack - startedAt) / 1e9);
        }
    }

    /**
     * How often each activity (by guid) reached the web hook receiver. Reads each request's body once: the test asks
     * every 200 ms while thousands arrive, and parsing them all each time took a core from the services under test.
     */
    private static final class Delivered {
        private final Receivers receiver;
        private final Map<String, Integer> guids = new HashMap<>();
        private int read;

        Delivered(Receivers receiver) {
            this.receiver = receiver;
        }

        Map<String, Integer> now() {
            List<Receivers.Received> all = receiver.received(path -> path.startsWith("/hook"));
            for (Receivers.Received r : all.subList(read, all.size())) {
                guids.merge(Stack.read(r.body()).path("guid").asText(), 1, Integer::sum);
            }
            read = all.size();
            return guids;
        }
    }
}
