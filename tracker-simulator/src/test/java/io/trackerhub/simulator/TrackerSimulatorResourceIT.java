package io.trackerhub.simulator;

import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The packaged jar as another service's tests get it from testkit: started on a free port, seeded, answering. */
class TrackerSimulatorResourceIT {

    @Test
    void startsThePackagedSimulatorAndGivesItsBaseUrl() {
        Map<String, String> config = new TrackerSimulatorResource().start();
        assertThat(config.get("hub.tracker.base-url")).startsWith("http://127.0.0.1:").endsWith("/services/v5");
        Map<String, Object> world = TrackerSimulatorResource.seed(1, 1, 25);
        given().baseUri(config.get("hub.tracker.base-url")).header("X-TrackerToken", world.get("api_token"))
                .get("/projects/{id}/stories", ((java.util.List<?>) world.get("project_ids")).get(0))
                .then().statusCode(200).header("X-Tracker-Pagination-Total", "25");
        given().baseUri(TrackerSimulatorResource.url()).get("/_sim/stats").then().statusCode(401);
        given().baseUri(TrackerSimulatorResource.url()).header("Authorization", "Bearer " + TrackerSimulatorResource.adminToken())
                .get("/_sim/stats").then().statusCode(200).body("projects", equalTo(1));
    }
}
