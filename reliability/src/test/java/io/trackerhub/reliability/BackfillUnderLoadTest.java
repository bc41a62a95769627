package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.kafka.TrackerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A notification channel added after 2,000 activities and backfilled from before them while 2,000 more arrive (20 %
 * of all of them sent twice): it receives each activity once, in project-version order per project; a channel that
 * was there from the start receives each once too (the backfill sends it nothing).
 */
@Order(40)
class BackfillUnderLoadTest {

    private static final int ACTIVITIES = 4_000;

    @Test
    @Timeout(420)
    void aChannelAddedLaterGetsItsHistoryOnceAndInOrderWhileLiveTrafficFlows() {
        Stack stack = Stack.get();
        String name = "backfill-notification";
        ServiceProcess notification = stack.service(App.NOTIFICATION, name, stack.groupsFromNow(name, ConsumerRig.Service.NOTIFICATION.channels))
                .startReady();
        try (Receivers receiver = new Receivers(Set.of())) {
            List<ConsumerStream.Project> projects = new ArrayList<>();
            for (int p = 0; p < 20; p++) {
                long id = 9_700_000L + p;
                long firstStory = 970_000_000L + p * 100L;
                projects.add(new ConsumerStream.Project(id, LongStream.range(0, 25).map(s -> firstStory + s).boxed().toList(), false, 1.0));
            }
            // in version order per project (no swaps): the order a channel must see them in
            ConsumerStream stream = new ConsumerStream(23, projects, -1, ACTIVITIES, 0.2, 0.0);
            stack.admin("POST", notification.url() + "/api/channels", hook("early", receiver.url("/early")), 201);

            Instant since = Instant.now().minusSeconds(1);
            int half = halfway(stream.activitiesToSend, ACTIVITIES / 2);
            List<TrackerRecord> history = stream.activitiesToSend.subList(0, half);
            List<TrackerRecord> live = stream.activitiesToSend.subList(half, stream.activitiesToSend.size());
            try (var producer = ConsumerStream.producer()) {
                ConsumerStream.send(producer, history, Integer.MAX_VALUE);
                awaitInbox(stack, name, ACTIVITIES / 2);
                long late = stack.admin("POST", notification.url() + "/api/channels", hook("late", receiver.url("/late")), 201).get("id").asLong();
                long t0 = System.nanoTime();
                stack.admin("POST", notification.url() + "/api/channels/" + late + "/backfill", "{\"since\": \"" + since + "\"}", 202);
                ConsumerStream.send(producer, live, 400);
                awaitReceived(receiver, "/late", ACTIVITIES, Duration.ofSeconds(180));
                awaitReceived(receiver, "/early", ACTIVITIES, Duration.ofSeconds(60));
                JsonNode backfill = awaitDone(stack, notification, late);
                double seconds = (System.nanoTime() - t0) / 1e9;
                ServiceProcess.sleep(2_000);   // a late duplicate would arrive now

                Map<String, Integer> lateCounts = Receivers.counts(receiver.received(p -> p.equals("/late")));
                Map<String, Integer> earlyCounts = Receivers.counts(receiver.received(p -> p.equals("/early")));
                Map<Long, List<Long>> versions = versionsPerProject(receiver.received(p -> p.equals("/late")));
                List<Long> outOfOrder = new ArrayList<>();
                versions.forEach((project, list) -> {
                    for (int n = 1; n < list.size(); n++) {
                        if (list.get(n) <= list.get(n - 1)) {
                            outOfOrder.add(project);
                            break;
                        }
                    }
                });
                Figures.record("channel backfilled from before 2,000 activities while 2,000 more arrive",
                        "activities=" + ACTIVITIES + " (+" + stream.duplicatesSent + " duplicates sent) backfill read=" + backfill.path("read").asLong()
                                + " queued=" + backfill.path("queued").asLong() + " late channel got=" + lateCounts.size() + " distinct, "
                                + total(lateCounts) + " in all, projects out of version order=" + outOfOrder.size() + "; early channel got="
                                + earlyCounts.size() + " distinct, " + total(earlyCounts) + " in all; backfill to last delivery "
                                + String.format("%.1f", seconds) + " s");
                assertSoftly(softly -> {
                    softly.assertThat(lateCounts).as("activities the late channel got").hasSize(ACTIVITIES);
                    softly.assertThat(total(lateCounts)).as("deliveries to the late channel (each once)").isEqualTo(ACTIVITIES);
                    softly.assertThat(outOfOrder).as("projects whose versions reached the late channel out of order").isEmpty();
                    softly.assertThat(earlyCounts).as("activities the early channel got").hasSize(ACTIVITIES);
                    softly.assertThat(total(earlyCounts)).as("deliveries to the early channel (each once)").isEqualTo(ACTIVITIES);
                    softly.assertThat(backfill.path("state").asText()).isEqualTo("done");
                });
            }
        } finally {
            notification.terminate();
        }
    }

    private static String hook(String name, String url) {
        return "{\"type\": \"webhook\", \"name\": \"" + name + "\", \"config\": {\"url\": \"" + url + "\", \"version\": \"v5\"}}";
    }

    /** The index in {@code records} after which {@code distinct} different activities have been sent. */
    private static int halfway(List<TrackerRecord> records, int distinct) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            seen.add(records.get(i).headers().get("ce_id"));
            if (seen.size() == distinct) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("fewer than " + distinct + " activities");
    }

    private static void awaitInbox(Stack stack, String instance, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long got = 0;
        while (System.nanoTime() < deadline) {
            try (var c = stack.database(instance); var s = c.createStatement();
                 var rs = s.executeQuery("select count(*) from notification.kit_inbox where consumer = 'notification.activity'")) {
                rs.next();
                got = rs.getLong(1);
                if (got >= n) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // not yet migrated: try again
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("the live consumer applied " + got + " of " + n + " activities in 120 s");
    }

    private static void awaitReceived(Receivers receiver, String path, int distinct, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Receivers.counts(receiver.received(p -> p.equals(path))).size() < distinct) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " got " + Receivers.counts(receiver.received(p -> p.equals(path))).size() + " of " + distinct
                        + " activities within " + timeout);
            }
            ServiceProcess.sleep(500);
        }
    }

    private static JsonNode awaitDone(Stack stack, ServiceProcess notification, long channel) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode backfill = stack.admin("GET", notification.url() + "/api/channels/" + channel, null, 200).path("backfill");
            if (!backfill.path("state").asText().equals("running") || System.nanoTime() > deadline) {
                return backfill;
            }
            ServiceProcess.sleep(500);
        }
    }

    private static Map<Long, List<Long>> versionsPerProject(List<Receivers.Received> received) {
        Map<Long, List<Long>> versions = new LinkedHashMap<>();
        for (Receivers.Received r : received) {
            JsonNode body = Stack.read(r.body());
            versions.computeIfAbsent(body.path("project").path("id").asLong(), p -> new ArrayList<>()).add(body.path("project_version").asLong());
        }
        return versions;
    }

    private static long total(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }
}
