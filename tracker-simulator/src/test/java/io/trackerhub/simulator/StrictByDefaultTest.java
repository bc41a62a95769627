package io.trackerhub.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/** What the simulator does by default because recorded Tracker did it, and the fault that turns each behaviour off. */
@QuarkusTest
class StrictByDefaultTest {

    String token;
    long project;
    long story;
    long before;

    @BeforeEach
    void seed() {
        Map<String, Object> world = Sim.seed(31, 1, 60);
        token = (String) world.get("api_token");
        project = Sim.firstProject(world);
        story = tracker(token).get("/projects/{id}/stories?limit=1", project).jsonPath().getLong("[0].id");
        before = Sim.version(token, project);
    }

    @AfterEach
    void clear() {
        Sim.clearFaults();
    }

    @Test
    void activityFeedsAreNewestFirstWhateverSortOrderAsks() {
        for (int i = 0; i < 3; i++) {
            tracker(token).body(Map.of("name", "Renamed " + i)).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
        }
        List<Long> newestFirst = List.of(before + 3, before + 2, before + 1);
        for (String feed : List.of("/projects/" + project + "/activity", "/projects/" + project + "/stories/" + story + "/activity")) {
            assertThat(versions(feed + "?since_version=" + before + "&sort_order=asc")).containsExactlyElementsOf(newestFirst);
            assertThat(versions(feed + "?since_version=" + before)).containsExactlyElementsOf(newestFirst);
        }
        assertThat(versions("/my/activity?sort_order=asc&limit=3")).containsExactlyElementsOf(newestFirst);
        tracker(token).get("/projects/{id}/activity?sort_order=sideways", project).then().statusCode(400)
                .body("code", equalTo("invalid_parameter")).body("general_problem", containsString("sort_order"));

        Sim.faults(Map.of("honor_sort_order", true));
        assertThat(versions("/projects/" + project + "/activity?since_version=" + before + "&sort_order=asc"))
                .containsExactly(before + 1, before + 2, before + 3);
        assertThat(versions("/projects/" + project + "/activity?since_version=" + before)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filterWithAnyParameterButPagingIsTrackersInvalidParameter() {
        tracker(token).get("/projects/{id}/stories?filter=type:bug&with_state=started&fields=name", project).then().statusCode(400)
                .contentType("application/json").body("kind", equalTo("error")).body("code", equalTo("invalid_parameter"))
                .body("general_problem", containsString("fields, with_state"));
        tracker(token).get("/projects/{id}/stories?filter=includedone:true&updated_after=2025-01-01T00:00:00Z", project).then()
                .statusCode(400).body("general_problem", containsString("updated_after"));
        tracker(token).get("/projects/{id}/stories?filter=includedone:true&limit=5&offset=1&envelope=true&date_format=millis", project).then()
                .statusCode(200).body("data.size()", equalTo(5));
        tracker(token).get("/projects/{id}/stories?with_state=started&fields=name", project).then().statusCode(200);

        Sim.faults(Map.of("filter_with_others", true));
        Response allowed = tracker(token).get("/projects/{id}/stories?filter=type:bug&fields=name,story_type&limit=500", project);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.jsonPath().getList("story_type", String.class)).isNotEmpty().containsOnly("bug");
    }

    @Test
    void aSearchHasNoTotalButAPlainListingHasAnExactOne() {
        Response search = tracker(token).get("/projects/{id}/stories?filter=includedone:true&limit=7", project);
        search.then().statusCode(200).header("X-Tracker-Pagination-Limit", "7").header("X-Tracker-Pagination-Offset", "0")
                .header("X-Tracker-Pagination-Returned", "7");
        assertThat(search.headers().hasHeaderWithName("X-Tracker-Pagination-Total")).isFalse();
        tracker(token).get("/projects/{id}/stories?filter=includedone:true&limit=7&envelope=true", project).then().statusCode(200)
                .body("pagination", hasKey("total")).body("pagination.total", nullValue()).body("pagination.returned", equalTo(7));
        tracker(token).get("/projects/{id}/stories?limit=7", project).then().header("X-Tracker-Pagination-Total", "60");

        Sim.faults(Map.of("search_totals", "exact"));
        tracker(token).get("/projects/{id}/stories?filter=includedone:true&limit=7", project).then()
                .header("X-Tracker-Pagination-Total", "60");
    }

    @Test
    void aStaleSearchTotalStillCountsARecentlyDeletedMatch() {
        List<Long> zebras = List.of(create("Zebra crossing one"), create("Zebra crossing two"), create("Zebra crossing three"));
        tracker(token).delete("/projects/{id}/stories/{sid}", project, zebras.get(1)).then().statusCode(204);

        Sim.faults(Map.of("search_totals", "stale"));
        tracker(token).get("/projects/{id}/stories?filter=zebra", project).then().statusCode(200)
                .header("X-Tracker-Pagination-Total", "3").header("X-Tracker-Pagination-Returned", "2");
        tracker(token).get("/projects/{id}/stories?filter=zebra&envelope=true", project).then().body("pagination.total", equalTo(3));
        tracker(token).get("/projects/{id}/stories", project).then().header("X-Tracker-Pagination-Total", "62");
        Sim.admin().body(Map.of("search_totals", "sometimes")).put("/_sim/faults").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("search_totals"));
    }

    private long create(String name) {
        return tracker(token).body(Map.of("name", name)).post("/projects/{id}/stories", project).then().statusCode(200)
                .extract().jsonPath().getLong("id");
    }

    private List<Long> versions(String path) {
        return tracker(token).get(path).then().statusCode(200).extract().jsonPath().getList("project_version", Long.class);
    }
}
