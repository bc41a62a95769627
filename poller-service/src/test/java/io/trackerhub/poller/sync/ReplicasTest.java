package io.trackerhub.poller.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.poller.Hub;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.SyncRun;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class ReplicasTest {

    @Inject
    Leases leases;
    @Inject
    IntegrationSync sync;
    @Inject
    Integrations integrations;
    @Inject
    Poller poller;

    @Test
    void twoPollersOverOneDatabaseNeverPollTheSameIntegrationAtOnceAndAStalledLeaseIsTakenOver() throws Exception {
        Poller second = new Poller("replica-b", leases, sync, integrations, Duration.ofSeconds(3), 4, true);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread ticks = new Thread(() -> {
            while (running.get()) {
                second.tick();
                sleep(200);
            }
        });
        ticks.start();
        Map<Long, String> tokens = new HashMap<>();
        Map<Long, Long> projectOf = new HashMap<>();
        try {
            for (int i = 0; i < 6; i++) {
                Map<String, Object> world = TrackerSimulatorResource.seed(800 + i, 1, 80);
                String token = (String) world.get("api_token");
                long project = Hub.projectIds(world).get(0);
                long id = Hub.admin().body(Map.of("name", "replicated " + i, "api_token", token, "sync_interval", "PT1S",
                        "project_ids", List.of(project))).post("/api/integrations").then().statusCode(201).extract().jsonPath().getLong("id");
                tokens.put(id, token);
                projectOf.put(id, project);
            }
            // imported first: a change made before a project's import is in its snapshot, not in its activity
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> tokens.keySet().stream()
                    .allMatch(id -> Hub.integration(id).get("projects[0].cursor_version") != null));
            // changes while both replicas poll, several cycles long
            for (int round = 0; round < 4; round++) {
                for (Map.Entry<Long, String> e : tokens.entrySet()) {
                    long project = projectOf.get(e.getKey());
                    long story = Hub.storyIds(e.getValue(), project).get(round);
                    Hub.tracker(e.getValue()).body(Map.of("name", "round " + round)).put("/projects/{p}/stories/{s}", project, story)
                            .then().statusCode(200);
                }
                sleep(1500);
            }
            // every change arrives, whichever replica polled it
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    tokens.keySet().stream().allMatch(id -> Hub.records(Topics.ACTIVITY, id).size() >= 4));

            // a replica that took a lease and died: after the lease's time to live another replica carries on
            long stalled = tokens.keySet().iterator().next();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> leases.claim("replica-dead", Duration.ofSeconds(3))
                    .filter(c -> c.integration().id == stalled || release(c)).isPresent());
            long project = projectOf.get(stalled);
            Hub.tracker(tokens.get(stalled)).body(Map.of("name", "after the crash")).put("/projects/{p}/stories/{s}", project,
                    Hub.storyIds(tokens.get(stalled), project).get(10)).then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Hub.records(Topics.ACTIVITY, stalled).size() >= 5);
        } finally {
            running.set(false);
            ticks.join();
            second.stop();
            tokens.keySet().forEach(id -> Hub.admin().delete("/api/integrations/" + id).then().statusCode(204));
        }

        List<SyncRun> runs = integrations.allRuns().stream().filter(r -> tokens.containsKey(r.integrationId)).toList();
        assertThat(runs.stream().map(r -> r.replica).collect(Collectors.toSet())).contains(poller.replica(), "replica-b");
        Map<Long, List<SyncRun>> byIntegration = runs.stream().collect(Collectors.groupingBy(r -> r.integrationId));
        for (List<SyncRun> ofOne : byIntegration.values()) {
            List<SyncRun> ordered = new ArrayList<>(ofOne);
            ordered.sort(Comparator.comparing(r -> r.startedAt));
            for (int i = 1; i < ordered.size(); i++) {
                assertThat(ordered.get(i - 1).finishedAt).as("run %d ends before run %d starts", ordered.get(i - 1).id, ordered.get(i).id)
                        .isNotNull().isBeforeOrEqualTo(ordered.get(i).startedAt);
            }
        }
        for (long id : tokens.keySet()) {
            List<Received> activity = Hub.records(Topics.ACTIVITY, id);
            assertThat(activity.stream().map(r -> r.header(CloudEventHeaders.ID)).distinct()).hasSameSizeAs(activity);
            List<Received> snapshots = Hub.records(Topics.STORIES, id).stream().filter(r -> r.value() != null).toList();
            // imported once: 80 stories, plus one snapshot per change (the tombstones are the unlinking at the end)
            assertThat(snapshots).hasSize(80 + activity.size());
        }
    }

    private boolean release(Leases.Claim claim) {
        leases.abandon(claim.integration().id, "replica-dead");
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
