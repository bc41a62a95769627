package io.trackerhub.simulator;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** The simulator as its tests drive it: the admin API with the test admin token, the Tracker API with a seeded token. */
final class Sim {

    static final String ADMIN_TOKEN = "dev-admin-token-not-for-production-0000";

    private Sim() {
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    static RequestSpecification tracker(String token) {
        return given().header("X-TrackerToken", token).contentType(ContentType.JSON).basePath("/services/v5");
    }

    /** Seeds a generated world and returns the answer ({@code api_token}, {@code person_id}, {@code project_ids}). */
    static Map<String, Object> seed(long seed, int projects, int stories) {
        return admin().body(Map.of("seed", seed, "projects", projects, "stories_per_project", stories))
                .post("/_sim/seed").then().statusCode(201).extract().jsonPath().getMap("");
    }

    static Map<String, Object> seedRecorded() {
        return admin().body(Map.of("recorded", true)).post("/_sim/seed").then().statusCode(201).extract().jsonPath().getMap("");
    }

    static long firstProject(Map<String, Object> world) {
        return ((Number) ((java.util.List<?>) world.get("project_ids")).get(0)).longValue();
    }

    /** The project's version now ({@code X-Tracker-Project-Version}). */
    static long version(String token, long project) {
        return Long.parseLong(tracker(token).get("/projects/{id}", project).header("X-Tracker-Project-Version"));
    }

    static void faults(Map<String, Object> faults) {
        admin().body(faults).put("/_sim/faults").then().statusCode(200);
    }

    static void clearFaults() {
        admin().body("{}").put("/_sim/faults").then().statusCode(200);
    }
}
