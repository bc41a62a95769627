package io.trackerhub.testkit;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every Tracker Hub service promises operators, checked over the real broker and database. A service's
 * test extends it with {@code @QuarkusTest} and its test resources, and names the readiness checks it must have
 * ({@code "Kafka"}, {@code "Database"}).
 */
public abstract class ServiceContract {

    /** Substrings of readiness check names this service must report, e.g. {@code List.of("Kafka", "Database")}. */
    protected abstract List<String> readinessChecks();

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyOnlyWithItsDependenciesChecked() {
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        List<String> names = ready.jsonPath().getList("checks.name", String.class);
        for (String expected : readinessChecks()) {
            assertThat(names).as("readiness checks").anySatisfy(name -> assertThat(name).containsIgnoringCase(expected));
        }
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    @Test
    void answersAnUnknownPathWithProblemJson() {
        given().get("/no/such/path").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
