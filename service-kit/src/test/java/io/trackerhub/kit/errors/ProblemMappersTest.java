package io.trackerhub.kit.errors;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ProblemMappersTest {

    @Test
    void domainErrorKeepsItsStatusAndDetail() {
        given().get("/kit-probe/conflict").then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("story 63495972 is already linked to JIRA-7"))
                .body("instance", equalTo("/kit-probe/conflict"));
    }

    @Test
    void invalidFieldsAreEachNamed() {
        given().contentType("application/json").body("{\"name\":\"\",\"estimate\":-1}")
                .post("/kit-probe/stories").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("estimate"))
                .body("detail", containsString("estimate"));
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        given().contentType("application/json").body("{\"name\": \"x\",\n \"estimate\": ")
                .post("/kit-probe/stories").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("line 2"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType("application/json").body("{\"name\":\"x\",\"estimate\":\"three\"}")
                .post("/kit-probe/stories").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("estimate"));
    }

    @Test
    void trackerBodyThatIsNotAnActivitySaysWhatAndWhere() {
        given().contentType("application/xml").body("{\"kind\":\"story_update_activity\",\"project_version\":\"seventy\"}")
                .post("/kit-probe/activity").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("project_version"));
        given().contentType("application/json").body("{\"kind\": ")
                .post("/kit-probe/activity").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("unexpected end of input at line 1, column 10"));
        given().contentType("application/json").body(io.trackerhub.testkit.Fixtures.read("webhook-v5/zulip_v5_started.json"))
                .post("/kit-probe/activity").then().statusCode(200).body("guid", equalTo("807213_78"));
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeItIsRead() {
        given().contentType("application/json").body("{\"name\":\"" + "x".repeat(64 * 1024) + "\"}")
                .post("/kit-probe/stories").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 65536 are accepted"));
    }

    @Test
    void chunkedBodyOverTheLimitIsAProblemToo() {
        given().contentType("application/json").body(new java.io.ByteArrayInputStream(("{\"name\":\"" + "x".repeat(128 * 1024) + "\"}").getBytes()))
                .post("/kit-probe/stories").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void fieldGivenTwiceIsABadRequest() {
        given().contentType("application/json").body("{\"name\":0,\"name\":\"x\",\"estimate\":1}")
                .post("/kit-probe/stories").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Duplicate field 'name'"));
    }

    @Test
    void valueTheDatabaseRefusesIsABadRequest() {
        given().get("/kit-probe/refused-value").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("must not contain NUL"));
    }

    @Test
    void aRowAConcurrentRequestMadeFirstIsAConflictNotAFailure() {
        given().get("/kit-probe/raced").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("exists already")).body("detail", org.hamcrest.Matchers.not(containsString("a@b.c")));
    }

    @Test
    void unavailableSaysWhenToComeBack() {
        given().get("/kit-probe/unavailable").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("detail", equalTo("Kafka did not acknowledge in time"));
    }

    @Test
    void unexpectedErrorHidesItsInternals() {
        given().get("/kit-probe/boom").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("quote reference"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("at internal.Thing")));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        given().get("/nowhere").then().statusCode(404).contentType("application/problem+json").body("detail", containsString("/nowhere"));
        given().delete("/kit-probe/conflict").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().contentType("text/plain").body("hello").post("/kit-probe/stories").then().statusCode(415)
                .contentType("application/problem+json");
    }
}
