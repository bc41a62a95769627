package io.trackerhub.timesheet.entries;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.timesheet.Imported;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The timer and time entries: one running timer, the entry rules, and whose entries a person sees. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class TimeTrackingTest {

    static Imported shop;

    /** Once per class, in the first test (RestAssured knows the test port only then). */
    @BeforeEach
    void importProject() {
        if (shop != null) {
            return;
        }
        shop = Imported.project("Time shop " + Hub.id(), "Search by color", "Wish lists", "Coupons");
    }

    private static String at(int daysAgo, int hour, int minute) {
        return OffsetDateTime.now(ZoneOffset.ofHours(2)).truncatedTo(ChronoUnit.DAYS).minusDays(daysAgo).withHour(hour).withMinute(minute).toString();
    }

    @Test
    void startingATimerStopsTheRunningOneSoThereIsOnlyEverOne() {
        Hub.Person ada = Hub.user("Ada");
        Hub.as(ada).get("/api/timer").then().statusCode(204);
        Hub.as(ada).body(Map.of("task_id", shop.story(0), "note", "colours")).post("/api/timer/start").then().statusCode(200)
                .body("timer.task_id", equalTo((int) shop.story(0))).body("timer.note", equalTo("colours"));

        Hub.as(ada).body(Map.of("task_id", shop.story(1))).post("/api/timer/start").then().statusCode(200)
                .body("timer.task_id", equalTo((int) shop.story(1))).body("stopped.task_id", equalTo((int) shop.story(0)))
                .body("stopped.note", equalTo("colours")).body("stopped.source", equalTo("timer"));
        Hub.as(ada).get("/api/timer").then().statusCode(200).body("task_id", equalTo((int) shop.story(1)))
                .body("task_path", containsString("Wish lists")).body("started_at", notNullValue());

        // many clicks at once still leave one timer
        List<CompletableFuture<Integer>> clicks = IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                Hub.as(ada).body(Map.of("task_id", shop.story(i % 3))).post("/api/timer/start").statusCode())).toList();
        assertThat(clicks).allSatisfy(c -> assertThat(c.join()).isEqualTo(200));

        Hub.as(ada).post("/api/timer/stop").then().statusCode(200).body("source", equalTo("timer"));
        Hub.as(ada).get("/api/timer").then().statusCode(204);
        Hub.as(ada).post("/api/timer/stop").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no timer is running"));
        List<Map<String, Object>> entries = Hub.as(ada).get("/api/entries").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(entries).hasSize(8).allSatisfy(e -> assertThat(e).containsEntry("user_id", (int) ada.id()));
    }

    @Test
    void anEntryOverlappingAnotherOfTheSameUserIsRejectedNamingIt() {
        Hub.Person bob = Hub.user("Bob");
        Hub.Person eve = Hub.user("Eve");
        int first = Hub.as(bob).body(Map.of("task_id", shop.story(0), "start", at(1, 9, 0), "end", at(1, 10, 30), "note", "pairing"))
                .post("/api/entries").then().statusCode(201).body("duration_seconds", equalTo(5400)).body("billable", equalTo(true))
                .extract().path("id");

        Hub.as(bob).body(Map.of("task_id", shop.story(1), "start", at(1, 10, 0), "duration_seconds", 3600)).post("/api/entries")
                .then().statusCode(409).contentType("application/problem+json").body("overlapping_entry_id", equalTo(first))
                .body("detail", containsString("overlaps your entry " + first));
        // touching is not overlapping, and another person's time never overlaps
        Hub.as(bob).body(Map.of("task_id", shop.story(1), "start", at(1, 10, 30), "end", at(1, 11, 0), "billable", false))
                .post("/api/entries").then().statusCode(201).body("billable", equalTo(false));
        Hub.as(eve).body(Map.of("task_id", shop.story(1), "start", at(1, 9, 30), "end", at(1, 10, 0))).post("/api/entries").then().statusCode(201);
        // moving an entry onto another is rejected too
        Hub.as(bob).body(Map.of("start", at(1, 10, 45))).patch("/api/entries/" + first).then().statusCode(400);
        int second = Hub.as(bob).get("/api/entries").then().extract().jsonPath().getInt("[1].id");
        Hub.as(bob).body(Map.of("start", at(1, 10, 0))).patch("/api/entries/" + second).then().statusCode(409)
                .body("overlapping_entry_id", equalTo(first));
        // the running timer counts as time taken from its start on
        Hub.as(bob).body(Map.of("task_id", shop.story(2))).post("/api/timer/start").then().statusCode(200);
        Hub.as(bob).body(Map.of("task_id", shop.story(1), "start", Instant.now().minusSeconds(60).toString(), "duration_seconds", 3600))
                .post("/api/entries").then().statusCode(409).body("detail", containsString("running timer"));
        Hub.as(bob).post("/api/timer/stop").then().statusCode(200);
    }

    @Test
    void badEntriesGetProblemsThatSayWhatIsWrong() {
        Hub.Person cy = Hub.user("Cy");
        Hub.as(cy).body(Map.of("task_id", shop.story(0), "start", at(2, 10, 0), "end", at(2, 9, 0))).post("/api/entries").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("end"))
                .body("detail", containsString("is not after start"));
        Hub.as(cy).body(Map.of("task_id", shop.story(0), "start", at(3, 8, 0), "duration_seconds", 25 * 3600)).post("/api/entries").then()
                .statusCode(400).body("detail", containsString("at most 24 hours"));
        Hub.as(cy).body(Map.of("task_id", shop.story(0), "start", "yesterday at nine", "duration_seconds", 60)).post("/api/entries").then()
                .statusCode(400).body("errors[0].field", equalTo("start")).body("detail", containsString("ISO-8601"));
        Hub.as(cy).body(Map.of("task_id", shop.story(0), "start", "2026-11-20T09:00:00", "duration_seconds", 60)).post("/api/entries").then()
                .statusCode(400).body("errors[0].field", equalTo("start"));
        Hub.as(cy).body(Map.of("start", at(2, 9, 0), "duration_seconds", 60)).post("/api/entries").then()
                .statusCode(400).body("errors[0].field", equalTo("task_id"));
        Hub.as(cy).body(Map.of("task_id", 999_999_999, "start", at(2, 9, 0), "duration_seconds", 60)).post("/api/entries").then()
                .statusCode(400).body("detail", containsString("there is no task 999999999"));
        Hub.as(cy).body("{\"task_id\": \"soon\"}").post("/api/entries").then().statusCode(400).contentType("application/problem+json");
        Hub.as(cy).body(Map.of("task_id", shop.story(0), "start", at(2, 9, 0), "end", at(2, 10, 0), "duration_seconds", 60))
                .post("/api/entries").then().statusCode(400).body("detail", containsString("not both"));
        assertThat(Hub.as(cy).get("/api/entries").then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void peopleSeeAndChangeOnlyTheirOwnEntriesWhileAdminsSeeAll() {
        Hub.Person dan = Hub.user("Dan");
        Hub.Person fay = Hub.user("Fay");
        int dans = Hub.as(dan).body(Map.of("task_id", shop.story(0), "start", at(4, 9, 0), "duration_seconds", 1800)).post("/api/entries")
                .then().statusCode(201).extract().path("id");
        int fays = Hub.as(fay).body(Map.of("task_id", shop.story(0), "start", at(4, 9, 0), "duration_seconds", 900)).post("/api/entries")
                .then().statusCode(201).extract().path("id");

        assertThat(Hub.as(dan).get("/api/entries").then().statusCode(200).extract().jsonPath().<Integer>getList("id")).containsExactly(dans);
        Hub.as(dan).queryParam("user", fay.id()).get("/api/entries").then().statusCode(403).contentType("application/problem+json");
        Hub.as(dan).get("/api/entries/" + fays).then().statusCode(404);
        Hub.as(dan).body(Map.of("note", "mine now")).patch("/api/entries/" + fays).then().statusCode(404);
        Hub.as(dan).delete("/api/entries/" + fays).then().statusCode(404);
        Hub.as(dan).queryParam("user", fay.id()).queryParam("from", at(5, 0, 0).substring(0, 10)).queryParam("to", at(0, 0, 0).substring(0, 10))
                .get("/api/reports/time").then().statusCode(403);

        Hub.admin().queryParam("user", fay.id()).get("/api/entries").then().statusCode(200).body("id", org.hamcrest.Matchers.contains(fays))
                .body("[0].user_name", equalTo("Fay"));
        assertThat(Hub.admin().get("/api/entries").then().statusCode(200).extract().jsonPath().<Integer>getList("id")).contains(dans, fays);

        Hub.as(fay).body(Map.of("note", "reviewed", "duration_seconds", 1200)).patch("/api/entries/" + fays).then().statusCode(200)
                .body("note", equalTo("reviewed")).body("duration_seconds", equalTo(1200));
        Hub.as(fay).delete("/api/entries/" + fays).then().statusCode(204);
        Hub.as(fay).get("/api/entries/" + fays).then().statusCode(404);
    }

    @Test
    void theHubAdminTokenReadsEverythingButIsNotAPersonWithATimer() {
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).get("/api/users").then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).get("/api/entries").then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).contentType("application/json")
                .body(Map.of("task_id", shop.story(0))).post("/api/timer/start").then().statusCode(403)
                .body("detail", containsString("log in as a user"));
    }
}
