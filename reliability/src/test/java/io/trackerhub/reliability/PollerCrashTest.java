package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.KafkaTestClient;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller killed (SIGKILL) during a first import, and stopped (SIGTERM) in the middle of a cycle, while Tracker
 * keeps changing: the restarted poller resumes from its cursors; no story is missing or stale on tracker.stories, no
 * activity is missing from tracker.activity, and what is published twice is only what the dead poller had published
 * but not yet committed as a cursor (the at-least-once window consumers dedupe by ce_id).
 */
@Order(20)
class PollerCrashTest {

    private static final int PROJECTS = 6;
    private static final int STORIES_PER_PROJECT = 2_000;
    private static final String INSTANCE = "poller-crash";
    private static final List<String> TOPICS = List.of(Topics.ACTIVITY, Topics.STORIES, Topics.PROJECTS, Topics.EPICS);

    private final Stack stack = Stack.get();

    @Test
    @Timeout(240)
    void restartedPollerResumesFromItsCursorsWithNothingMissing() {
        SimulatedTracker tracker = SimulatedTracker.seeded("poller-sim", PROJECTS, STORIES_PER_PROJECT);
        ServiceProcess poller = stack.service(App.POLLER, INSTANCE, Map.of(
                "HUB_TRACKER_BASE_URL", tracker.apiUrl(),
                "HUB_INGEST_PUBLIC_URL", "http://127.0.0.1:8081",
                // a SIGKILLed replica's lease blocks its successor this long (30 s in production)
                "HUB_POLLER_LEASE_TTL", "PT6S")).startReady();
        long started = System.nanoTime();
        JsonNode integration = stack.admin("POST", poller.url() + "/api/integrations", "{\"name\": \"poller-crash\", \"api_token\": \""
                + tracker.token + "\", \"base_url\": \"" + tracker.apiUrl() + "\", \"sync_interval\": \"PT2S\"}", 201);
        long id = integration.path("id").asLong();

        // 1. SIGKILL once some projects are imported (cursor committed) and others are still being read
        await("a project imported", Duration.ofSeconds(90), () -> committed(id).values().stream().anyMatch(v -> v != null));
        poller.kill();
        double killedAfter = seconds(started);
        Map<Long, Long> cursorsAtKill = committed(id);
        List<KafkaTestClient.Received> beforeKill = published(id, tracker);
        tracker.generate(10, 8); // Tracker goes on while the poller is down and after it is back
        long generatorEnds = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        ServiceProcess.sleep(2_000);
        long restarted = System.nanoTime();
        poller.startReady();
        sleepUntil(generatorEnds);
        awaitCaughtUp(id, tracker, Duration.ofSeconds(120));
        double resumedIn = seconds(restarted);
        List<KafkaTestClient.Received> afterKill = published(id, tracker);
        Window kill = window(beforeKill, afterKill, cursorsAtKill);

        // 2. SIGTERM in the middle of a cycle: slow Tracker answers keep the cycle busy
        tracker.faults("{\"latency_ms\": 300}");
        tracker.generate(10, 6);
        generatorEnds = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        ServiceProcess.sleep(2_000);
        // the running cycle's id, read in one query: a cycle may end between a count and a second look (it did once)
        int[] running = {0};
        await("a cycle running", Duration.ofSeconds(30), () -> (running[0] = runningCycle(id)) > 0);
        int cycle = running[0];
        long stopping = System.nanoTime();
        int exit = poller.terminate(); // fails the test if it takes over 30 s
        double stoppedIn = seconds(stopping);
        Map<Long, Long> cursorsAtTerm = committed(id);
        String cycleOutcome = text("select outcome || coalesce(' (' || error || ')', '') from poller.sync_run where id = " + cycle);
        String leaseAfterTerm = text("select lease_owner from poller.integration where id = " + id);
        List<KafkaTestClient.Received> beforeTerm = published(id, tracker);
        long restartedAfterTerm = System.nanoTime();
        poller.startReady();
        tracker.faults("{}");
        sleepUntil(generatorEnds);
        awaitCaughtUp(id, tracker, Duration.ofSeconds(90));
        double resumedAfterTerm = seconds(restartedAfterTerm);
        List<KafkaTestClient.Received> all = published(id, tracker);
        Window term = window(beforeTerm, all, cursorsAtTerm);

        // what Tracker holds now against what is on Kafka
        Map<String, KafkaTestClient.Received> latestStory = new HashMap<>();
        Map<String, Integer> activityCount = new HashMap<>();
        for (KafkaTestClient.Received r : all) {
            if (r.topic().equals(Topics.STORIES)) {
                latestStory.put(r.key(), r); // one key, one partition: the later offset wins
            } else if (r.topic().equals(Topics.ACTIVITY)) {
                activityCount.merge(r.header(CloudEventHeaders.ID), 1, Integer::sum);
            }
        }
        int stories = 0;
        List<Long> missingStories = new ArrayList<>();
        List<Long> staleStories = new ArrayList<>();
        Set<String> liveIds = new HashSet<>();
        List<String> guids = new ArrayList<>();
        for (long project : tracker.projectIds) {
            for (Map.Entry<Long, JsonNode> story : tracker.stories(project).entrySet()) {
                stories++;
                liveIds.add(Long.toString(story.getKey()));
                KafkaTestClient.Received latest = latestStory.get(Long.toString(story.getKey()));
                if (latest == null || latest.value() == null) {
                    missingStories.add(story.getKey());
                } else if (!Stack.read(latest.value()).path("updated_at").equals(story.getValue().path("updated_at"))) {
                    staleStories.add(story.getKey());
                }
            }
            guids.addAll(tracker.activityGuids(project));
        }
        long revived = latestStory.entrySet().stream().filter(e -> !liveIds.contains(e.getKey()) && e.getValue().value() != null).count();
        List<String> missingActivity = guids.stream().filter(g -> !activityCount.containsKey(g)).toList();
        long activityTwice = activityCount.values().stream().filter(n -> n > 1).count();

        Figures.record("poller SIGKILL during first import (" + PROJECTS + " × " + STORIES_PER_PROJECT + " stories), then SIGTERM mid-cycle",
                "killed after " + String.format("%.1f", killedAfter) + " s with " + cursorsAtKill.values().stream().filter(v -> v != null).count()
                        + "/" + PROJECTS + " projects committed; caught up " + String.format("%.1f", resumedIn) + " s after restart;"
                        + " stories=" + stories + " missing=" + missingStories.size() + " stale=" + staleStories.size()
                        + " deleted but live on topic=" + revived + "; activities=" + guids.size() + " missing=" + missingActivity.size()
                        + " published twice=" + activityTwice + "; sent again after SIGKILL=" + kill.resent + " (same ce_id " + kill.sameId
                        + "; bound: " + kill.uncommitted + " published but not under a committed cursor), outside the bound=" + kill.outside.size()
                        + "; SIGTERM during a cycle (it ended " + cycleOutcome + ") stopped in " + String.format("%.1f", stoppedIn) + " s (exit " + exit
                        + "), caught up " + String.format("%.1f", resumedAfterTerm) + " s after restart, sent again after it="
                        + term.resent + " (same ce_id " + term.sameId + "; bound " + term.uncommitted + "), outside=" + term.outside.size());

        assertThat(cursorsAtKill.values()).as("the SIGKILL came in the middle of the first import").containsNull();
        assertThat(missingStories).as("stories of Tracker not on tracker.stories").isEmpty();
        assertThat(staleStories).as("stories whose latest snapshot is older than Tracker's").isEmpty();
        assertThat(revived).as("stories deleted in Tracker still live on tracker.stories").isZero();
        assertThat(missingActivity).as("activity of Tracker not on tracker.activity").isEmpty();
        assertThat(kill.outside).as("records published again after the SIGKILL although a committed cursor covered them").isEmpty();
        assertThat(kill.resent).as("re-published after the SIGKILL").isLessThanOrEqualTo(kill.uncommitted);
        assertThat(cycleOutcome).as("the cycle SIGTERM interrupted is recorded as ended").doesNotStartWith("running");
        assertThat(leaseAfterTerm).as("the lease is given back on SIGTERM, so the next replica need not wait for it").isNull();
        assertThat(term.outside).as("records published again after the SIGTERM although a committed cursor covered them").isEmpty();
        assertThat(term.resent).as("re-published after the SIGTERM").isLessThanOrEqualTo(term.uncommitted);
        poller.terminate();
        tracker.process.terminate();
    }

    /**
     * What the restarted poller sent again of what the dead one had published: the same record (topic, key, value),
     * whatever its ce_id ({@code resent}), and how many of those also carry a ce_id seen before ({@code sameId}: an
     * activity guid, or a snapshot of the same version); {@code uncommitted}, the records the dead one had published
     * beyond its committed cursors (the most it may send again); {@code outside}, records sent again although a cursor
     * committed before the death covered them.
     */
    private record Window(int resent, int sameId, int uncommitted, List<String> outside) {
    }

    private static Window window(List<KafkaTestClient.Received> before, List<KafkaTestClient.Received> now, Map<Long, Long> cursors) {
        Map<String, KafkaTestClient.Received> contentBefore = new HashMap<>();
        Set<String> idsBefore = new HashSet<>();
        Set<String> offsetsBefore = new HashSet<>();
        int uncommitted = 0;
        for (KafkaTestClient.Received r : before) {
            contentBefore.put(content(r), r);
            idsBefore.add(r.topic() + " " + r.header(CloudEventHeaders.ID));
            offsetsBefore.add(r.topic() + "/" + r.partition() + "/" + r.offset());
            if (!covered(r, cursors)) {
                uncommitted++;
            }
        }
        int resent = 0;
        int sameId = 0;
        List<String> outside = new ArrayList<>();
        for (KafkaTestClient.Received r : now) {
            KafkaTestClient.Received earlier = contentBefore.get(content(r));
            if (earlier == null || offsetsBefore.contains(r.topic() + "/" + r.partition() + "/" + r.offset())) {
                continue;
            }
            resent++;
            if (idsBefore.contains(r.topic() + " " + r.header(CloudEventHeaders.ID))) {
                sameId++;
            }
            if (covered(earlier, cursors)) {
                outside.add(r.topic() + " " + r.header(CloudEventHeaders.ID));
            }
        }
        return new Window(resent, sameId, uncommitted, outside);
    }

    private static String content(KafkaTestClient.Received r) {
        return r.topic() + "\n" + r.key() + "\n" + r.value();
    }

    /** Whether the record's project had a committed cursor at or past the record's version when the poller died. */
    private static boolean covered(KafkaTestClient.Received r, Map<Long, Long> cursors) {
        long project = Long.parseLong(r.header(CloudEventHeaders.SOURCE).replaceFirst(".*/", ""));
        String ceId = r.header(CloudEventHeaders.ID);
        // activity: guid {project}_{version}; snapshots: {kind}_{id}_v{version}
        long version = Long.parseLong(ceId.replaceFirst(".*_v?", ""));
        Long cursor = cursors.get(project);
        return cursor != null && version <= cursor;
    }

    /** Every record this integration published about the tracker's projects, on the activity and snapshot topics. */
    private List<KafkaTestClient.Received> published(long integrationId, SimulatedTracker tracker) {
        Set<String> sources = new HashSet<>();
        tracker.projectIds.forEach(p -> sources.add(CloudEventHeaders.projectSource(p)));
        List<KafkaTestClient.Received> records = new ArrayList<>();
        try (KafkaTestClient kafka = stack.kafkaClient()) {
            for (String topic : TOPICS) {
                for (KafkaTestClient.Received r : kafka.consumeAll(topic, Duration.ofSeconds(60))) {
                    if (Long.toString(integrationId).equals(r.header(CloudEventHeaders.HUB_INTEGRATION))
                            && sources.contains(r.header(CloudEventHeaders.SOURCE))) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    /** Project id → committed cursor (null: first import not finished), as the poller's database holds it. */
    private Map<Long, Long> committed(long integrationId) {
        Map<Long, Long> cursors = new HashMap<>();
        try (Connection c = stack.database(INSTANCE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select project_id, cursor_version from poller.project where integration_id = " + integrationId)) {
            while (rs.next()) {
                long project = rs.getLong(1);
                long cursor = rs.getLong(2);
                cursors.put(project, rs.wasNull() ? null : cursor);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return cursors;
    }

    /** The id of the integration's running cycle, or 0 when none runs. */
    private int runningCycle(long integrationId) {
        return query("select coalesce(max(id), 0) from poller.sync_run where outcome = 'running' and reason = 'cycle' and integration_id = " + integrationId);
    }

    private String text(String sql) {
        try (Connection c = stack.database(INSTANCE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int query(String sql) {
        try (Connection c = stack.database(INSTANCE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every project's cursor at Tracker's current version. */
    private void awaitCaughtUp(long integrationId, SimulatedTracker tracker, Duration timeout) {
        await("the poller caught up with Tracker", timeout, () -> {
            Map<Long, Long> cursors = committed(integrationId);
            return tracker.projectIds.stream().allMatch(p -> cursors.get(p) != null && cursors.get(p) == tracker.version(p));
        });
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            ServiceProcess.sleep(100);
        }
    }

    private static void sleepUntil(long nanoTime) {
        ServiceProcess.sleep(Math.max(0, (nanoTime - System.nanoTime()) / 1_000_000 + 500));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
