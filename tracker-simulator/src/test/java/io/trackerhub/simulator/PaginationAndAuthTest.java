package io.trackerhub.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PaginationAndAuthTest {

    String token;
    long project;

    @BeforeEach
    void seed() {
        Map<String, Object> world = Sim.seed(7, 2, 620);
        token = (String) world.get("api_token");
        project = Sim.firstProject(world);
    }

    @Test
    void limitOver500IsCappedSilently() {
        tracker(token).get("/projects/{id}/stories?limit=900", project).then().statusCode(200)
                .header("X-Tracker-Pagination-Limit", "500").header("X-Tracker-Pagination-Returned", "500")
                .header("X-Tracker-Pagination-Total", "620").header("X-Tracker-Pagination-Offset", "0");
    }

    @Test
    void defaultPageIs100AndOffsetPastTheEndIsEmpty() {
        tracker(token).get("/projects/{id}/stories", project).then().statusCode(200)
                .header("X-Tracker-Pagination-Limit", "100").header("X-Tracker-Pagination-Returned", "100");
        tracker(token).get("/projects/{id}/stories?offset=10000", project).then().statusCode(200)
                .header("X-Tracker-Pagination-Offset", "10000").header("X-Tracker-Pagination-Returned", "0")
                .body("size()", equalTo(0));
    }

    @Test
    void negativeLimitOrOffsetIsTrackersInvalidParameter() {
        for (String query : new String[] {"limit=-1", "offset=-5", "limit=abc"}) {
            tracker(token).get("/projects/{id}/stories?" + query, project).then().statusCode(400)
                    .contentType("application/json").body("kind", equalTo("error")).body("code", equalTo("invalid_parameter"))
                    .body("general_problem", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void envelopeWrapsDataWithStatusVersionAndPagination() {
        Response r = tracker(token).get("/projects/{id}/stories?limit=3&envelope=true", project);
        r.then().statusCode(200).body("http_status", equalTo("200")).body("pagination.total", equalTo(620))
                .body("pagination.returned", equalTo(3)).body("data.size()", equalTo(3));
        assertThat(r.jsonPath().getLong("project_version")).isEqualTo(Long.parseLong(r.header("X-Tracker-Project-Version")));
    }

    @Test
    void dateFormatMillisTurnsTimestampsIntoIntegers() {
        Response iso = tracker(token).get("/projects/{id}/stories?limit=1", project);
        Response millis = tracker(token).get("/projects/{id}/stories?limit=1&date_format=millis", project);
        String created = iso.jsonPath().getString("[0].created_at");
        assertThat(created).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(millis.jsonPath().getLong("[0].created_at")).isEqualTo(java.time.Instant.parse(created).toEpochMilli());
    }

    @Test
    void nullFieldsAreOmittedAndFieldsSelects() {
        tracker(token).get("/projects/{id}/stories?with_story_type=chore&limit=1", project).then().statusCode(200)
                .body("[0]", not(hasKey("estimate"))).body("[0]", not(hasKey("deadline")));
        tracker(token).get("/projects/{id}/stories?fields=name,story_type&limit=1", project).then().statusCode(200)
                .body("[0].keySet()", org.hamcrest.Matchers.containsInAnyOrder("id", "name", "story_type"));
        tracker(token).get("/projects/{id}/stories?fields=:default,owners,label_ids&limit=1&with_state=started", project).then()
                .statusCode(200).body("[0]", hasKey("owners")).body("[0]", hasKey("label_ids")).body("[0]", hasKey("kind"));
    }

    @Test
    void filtersNarrowTheStories() {
        Response releases = tracker(token).get("/projects/{id}/stories?with_story_type=release&limit=500", project);
        assertThat(releases.jsonPath().getList("story_type", String.class)).isNotEmpty().containsOnly("release");
        assertThat(releases.jsonPath().getList("deadline", String.class)).doesNotContainNull();
        Response started = tracker(token).get("/projects/{id}/stories?filter=state:started type:feature&limit=500", project);
        assertThat(started.jsonPath().getList("current_state", String.class)).isNotEmpty().containsOnly("started");
        Response notDone = tracker(token).get("/projects/{id}/stories?filter=type:bug&limit=500", project);
        assertThat(notDone.jsonPath().getList("current_state", String.class)).isNotEmpty().doesNotContain("accepted");
        Response done = tracker(token).get("/projects/{id}/stories?filter=type:bug includedone:true&limit=500", project);
        assertThat(done.jsonPath().getList("current_state", String.class)).contains("accepted");
    }

    @Test
    void missingOrWrongTokenIs401InvalidAuthentication() {
        io.restassured.RestAssured.given().get("/services/v5/me").then().statusCode(401).body("code", equalTo("invalid_authentication"))
                .body("kind", equalTo("error"));
        tracker("not-a-token").get("/projects/{id}", project).then().statusCode(401).body("code", equalTo("invalid_authentication"));
    }

    @Test
    void projectOfOtherPeopleIs403AndUnknownThingsAre404() {
        Map<String, Object> other = Sim.seed(8, 1, 5);
        tracker(token).get("/projects/{id}/stories", Sim.firstProject(other)).then().statusCode(403)
                .body("code", equalTo("unauthorized_operation"));
        tracker(token).get("/projects/{id}", 9_999_999).then().statusCode(404).body("code", equalTo("unfound_resource"));
        tracker(token).get("/projects/{id}/stories/{sid}", project, 1).then().statusCode(404).body("code", equalTo("unfound_resource"));
        tracker(token).get("/projects//epics").then().statusCode(404).body("code", equalTo("unfound_resource"));
    }

    @Test
    void everyProjectResponseCarriesTheProjectVersion() {
        for (String path : new String[] {"", "/stories", "/epics", "/labels", "/memberships", "/iterations", "/activity", "/webhooks"}) {
            tracker(token).get("/projects/{id}" + path, project).then().statusCode(200)
                    .header("X-Tracker-Project-Version", org.hamcrest.Matchers.matchesPattern("\\d+"));
        }
    }
}
