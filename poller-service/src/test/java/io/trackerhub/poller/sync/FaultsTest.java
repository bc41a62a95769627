package io.trackerhub.poller.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.poller.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class FaultsTest {

    @AfterEach
    void clear() {
        Hub.clearFaults();
    }

    @Test
    void importCompletesThrough429Storms5xxAndPagesCappedBelowWhatWasAsked() {
        Map<String, Object> world = TrackerSimulatorResource.seed(701, 2, 300);
        String token = (String) world.get("api_token");
        List<Long> projects = Hub.projectIds(world);
        Hub.faults(Map.of("rate_limit_share", 0.2, "retry_after_s", 0, "error_share", 0.15, "max_page_size", 37));

        long id = Hub.link(token, projects);
        JsonPath settled = Hub.awaitSettled(id, Duration.ofSeconds(120));

        assertThat(settled.getString("state")).isEqualTo("ok");
        Set<Long> expected = new HashSet<>();
        Hub.clearFaults();
        projects.forEach(p -> expected.addAll(Hub.storyIds(token, p)));
        List<Received> stories = Hub.records(Topics.STORIES, id);
        assertThat(stories.stream().map(r -> Long.parseLong(r.key())).collect(Collectors.toSet())).isEqualTo(expected);
        assertThat(stories).hasSize(expected.size());
        assertThat(settled.getInt("progress.requests")).isGreaterThan(2 * 300 / 37);
    }

    @Test
    void aCycleThatKeepsGetting5xxIsGivenUpCleanlyAndTheNextOneResumesFromTheCursor() {
        Map<String, Object> world = TrackerSimulatorResource.seed(706, 1, 20);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        long cursor = Hub.awaitSettled(id, Duration.ofSeconds(60)).getLong("projects[0].cursor_version");
        Hub.tracker(token).body(Map.of("name", "During the outage")).put("/projects/{p}/stories/{s}", p, Hub.storyIds(token, p).get(2))
                .then().statusCode(200);
        Hub.faults(Map.of("error_share", 1.0));

        JsonPath failed = Hub.forceSync(id);

        assertThat(failed.getString("progress.outcome")).isEqualTo("failed");
        assertThat(failed.getString("last_error")).contains("answered 500").contains("giving up this cycle");
        assertThat(failed.getString("state")).isEqualTo("ok");
        assertThat(failed.getLong("projects[0].cursor_version")).isEqualTo(cursor);
        assertThat(Hub.records(Topics.ACTIVITY, id)).isEmpty();

        Hub.clearFaults();
        JsonPath resumed = Hub.forceSync(id);
        assertThat(resumed.getString("progress.outcome")).isEqualTo("ok");
        assertThat(resumed.getString("last_error")).isNull();
        assertThat(resumed.getLong("projects[0].cursor_version")).isEqualTo(cursor + 1);
        assertThat(Hub.records(Topics.ACTIVITY, id)).hasSize(1);
    }

    @Test
    void aRevokedTokenStopsPollingWithTokenRejectedUntilANewTokenIsSetThenSyncResumes() {
        Map<String, Object> world = TrackerSimulatorResource.seed(702, 1, 30);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        long story = Hub.storyIds(token, p).get(0);
        Hub.tracker(token).body(Map.of("name", "While revoked")).put("/projects/{p}/stories/{s}", p, story).then().statusCode(200);
        Hub.faults(Map.of("revoked_tokens", List.of(token)));

        Hub.admin().post("/api/integrations/" + id + "/sync").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(Hub.integration(id).getString("state")));
        JsonPath stopped = Hub.integration(id);
        assertThat(stopped.getString("last_error")).startsWith("token rejected").contains("invalid_authentication");
        assertThat(stopped.getString("next_sync_at")).isNull();
        Hub.admin().post("/api/integrations/" + id + "/sync").then().statusCode(409).body("detail", containsString("new token"));
        assertThat(Hub.records(Topics.ACTIVITY, id)).isEmpty();

        // a bad token is refused with Tracker's own words and changes nothing
        Hub.admin().body(Map.of("api_token", token)).put("/api/integrations/" + id + "/token").then().statusCode(422)
                .body("detail", containsString("invalid_authentication"));
        Hub.clearFaults();
        Hub.admin().body(Map.of("api_token", token)).put("/api/integrations/" + id + "/token").then().statusCode(200);

        JsonPath resumed = Hub.awaitSettled(id, Duration.ofSeconds(60));
        assertThat(resumed.getString("state")).isEqualTo("ok");
        assertThat(resumed.getString("last_error")).isNull();
        assertThat(Hub.records(Topics.ACTIVITY, id)).hasSize(1);
    }

    @Test
    void whenTheActivityFeedNoLongerReachesTheCursorStoriesAreComparedAndTheStatusSaysSo() {
        Map<String, Object> world = TrackerSimulatorResource.seed(703, 1, 60);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        List<Long> ids = Hub.storyIds(token, p);
        long renamed = ids.get(5);
        long deleted = ids.get(6);
        Hub.tracker(token).body(Map.of("name", "Renamed while history was lost")).put("/projects/{p}/stories/{s}", p, renamed).then().statusCode(200);
        Hub.tracker(token).delete("/projects/{p}/stories/{s}", p, deleted).then().statusCode(204);
        Hub.tracker(token).body(Map.of("name", "Renamed again")).put("/projects/{p}/stories/{s}", p, ids.get(7)).then().statusCode(200);
        Hub.faults(Map.of("activity_history", 1));

        JsonPath view = Hub.forceSync(id);

        assertThat(view.getString("state")).isEqualTo("ok");
        assertThat(view.getString("projects[0].history_fallback_at")).isNotNull();
        assertThat(view.getString("projects[0].last_error")).contains("no longer available");
        List<Received> stories = Hub.records(Topics.STORIES, id);
        Received last = stories.stream().filter(r -> r.key().equals(String.valueOf(renamed))).reduce((a, b) -> b).orElseThrow();
        assertThat(JsonPath.from(last.value()).getString("name")).isEqualTo("Renamed while history was lost");
        Received tombstone = stories.stream().filter(r -> r.key().equals(String.valueOf(deleted))).reduce((a, b) -> b).orElseThrow();
        assertThat(tombstone.value()).isNull();
        assertThat(view.getLong("projects[0].cursor_version")).isEqualTo(Hub.projectVersion(token, p));
    }

    @Test
    void aProjectTheTokenMayNotReadIsReportedAndTheOtherProjectsGoOn() {
        Map<String, Object> world = TrackerSimulatorResource.seed(704, 1, 25);
        Map<String, Object> other = TrackerSimulatorResource.seed(705, 1, 5);
        String token = (String) world.get("api_token");
        long mine = Hub.projectIds(world).get(0);
        long notMine = Hub.projectIds(other).get(0);

        long id = Hub.link(token, List.of(mine, notMine));
        JsonPath view = Hub.awaitSettled(id, Duration.ofSeconds(60));

        assertThat(view.getString("state")).isEqualTo("ok");
        assertThat(view.getList("projects.state")).containsExactly("ok", "forbidden");
        assertThat(view.getString("projects[1].last_error")).contains("project " + notMine).contains("unauthorized_operation");
        assertThat(Hub.records(Topics.STORIES, id)).hasSize(Hub.storyIds(token, mine).size());
        assertThat(Hub.records(Topics.PROJECTS, id)).extracting(Received::key).containsExactly(String.valueOf(mine));
    }
}
