package io.trackerhub.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(ActivityRetentionTest.KeepThree.class)
class ActivityRetentionTest {

    public static class KeepThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sim.activity.max-per-project", "3");
        }
    }

    @Test
    void aLimitedFeedNoLongerReachesBackToTheFirstVersion() {
        Map<String, Object> world = Sim.seed(21, 1, 10);
        String token = (String) world.get("api_token");
        long project = Sim.firstProject(world);
        long story = tracker(token).get("/projects/{id}/stories?limit=1", project).jsonPath().getLong("[0].id");
        long before = Long.parseLong(tracker(token).get("/projects/{id}", project).header("X-Tracker-Project-Version"));
        for (int i = 0; i < 5; i++) {
            tracker(token).body(Map.of("name", "Renamed " + i)).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
        }
        List<Integer> versions = tracker(token).get("/projects/{id}/activity?since_version=" + before, project).then().statusCode(200)
                .header("X-Tracker-Pagination-Total", "3").extract().jsonPath().getList("project_version", Integer.class);
        assertThat(versions).containsExactly((int) before + 5, (int) before + 4, (int) before + 3);
    }
}
