package io.trackerhub.timesheet.tasks;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.timesheet.Imported;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** TimeCamp's assignment rules: everyone on the "Pivotal Tracker" root by default; admins narrow it down. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class AssignmentTest {

    private static List<Map<String, Object>> search(Hub.Person person, String term) {
        return Hub.as(person).queryParam("search", term).get("/api/tasks").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aNewUserMayTrackOnEveryImportedStory() {
        String name = "Everyone " + Hub.id();
        Imported project = Imported.project(name, "Open to all");
        Hub.Person gus = Hub.user("Gus");
        assertThat(search(gus, name)).extracting(t -> t.get("kind")).containsExactly("project");
        assertThat(search(gus, Long.toString(project.storyIds()[0]))).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("name", "Open to all"));
        assertThat(search(gus, "#" + project.storyIds()[0])).hasSize(1);
        Hub.admin().get("/api/users/" + gus.id() + "/assignments").then().statusCode(200).body("all_tracker_roots", equalTo(true));
        Hub.as(gus).body(Map.of("task_id", project.story(0))).post("/api/timer/start").then().statusCode(200);
        Hub.as(gus).post("/api/timer/stop").then().statusCode(200);
    }

    @Test
    void aUserUnassignedFromTheRootTracksOnlyWhereAssigned() {
        Imported allowed = Imported.project("Allowed " + Hub.id(), "Allowed story one", "Allowed story two");
        Imported other = Imported.project("Elsewhere " + Hub.id(), "Not for Hal");
        Hub.Person hal = Hub.user("Hal");
        long root = ((Number) Hub.admin().get("/api/tasks/" + allowed.projectTask()).then().extract().path("parent_id")).longValue();

        List<Integer> otherRoots = Hub.admin().delete("/api/users/" + hal.id() + "/assignments/" + root).then().statusCode(200)
                .body("all_tracker_roots", equalTo(false)).body("tasks.kind", org.hamcrest.Matchers.everyItem(equalTo("root")))
                .extract().jsonPath().getList("tasks.id");
        assertThat(otherRoots).as("the other integrations' roots stay assigned").doesNotContain((int) root).isNotEmpty();
        for (int otherRoot : otherRoots) {
            Hub.admin().delete("/api/users/" + hal.id() + "/assignments/" + otherRoot).then().statusCode(200);
        }
        Hub.admin().get("/api/users/" + hal.id() + "/assignments").then().statusCode(200).body("tasks", org.hamcrest.Matchers.empty());
        assertThat(search(hal, "Allowed story")).isEmpty();
        Hub.as(hal).body(Map.of("task_id", allowed.story(0))).post("/api/timer/start").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("not assigned"));

        Hub.admin().put("/api/users/" + hal.id() + "/assignments/" + allowed.projectTask()).then().statusCode(200)
                .body("tasks.id", org.hamcrest.Matchers.hasItem((int) allowed.projectTask()));
        assertThat(search(hal, "Allowed story")).extracting(t -> t.get("name")).containsExactlyInAnyOrder("Allowed story one", "Allowed story two");
        assertThat(search(hal, "Not for Hal")).isEmpty();
        Hub.as(hal).body(Map.of("task_id", allowed.story(1))).post("/api/timer/start").then().statusCode(200);
        Hub.as(hal).body(Map.of("task_id", other.story(0), "start", "2026-01-05T09:00:00Z", "duration_seconds", 600)).post("/api/entries")
                .then().statusCode(422).body("errors[0].field", equalTo("task_id"));
        Hub.as(hal).get("/api/tasks/" + other.story(0)).then().statusCode(404);
        Hub.as(hal).post("/api/timer/stop").then().statusCode(200);

        // one story only
        Hub.admin().delete("/api/users/" + hal.id() + "/assignments/" + allowed.projectTask()).then().statusCode(200);
        Hub.admin().put("/api/users/" + hal.id() + "/assignments/" + other.story(0)).then().statusCode(200);
        assertThat(search(hal, "")).extracting(t -> t.get("name")).containsExactly("Not for Hal");

        Hub.admin().put("/api/users/" + hal.id() + "/assignments/all-tracker-roots").then().statusCode(200).body("all_tracker_roots", equalTo(true));
        assertThat(search(hal, "Allowed story")).hasSize(2);
    }

    @Test
    void onlyAdminsManageUsersAndAssignments() {
        Hub.Person ivy = Hub.user("Ivy");
        Hub.as(ivy).get("/api/users").then().statusCode(403).contentType("application/problem+json");
        Hub.as(ivy).body(Map.of("email", "x@example.com", "name", "X", "password", "long enough", "role", "admin")).post("/api/users")
                .then().statusCode(403);
        Hub.as(ivy).put("/api/users/" + ivy.id() + "/assignments/1").then().statusCode(403);
        Hub.admin().body(Map.of("email", ivy.email().toUpperCase(), "name", "Ivy again", "password", "long enough", "role", "user"))
                .post("/api/users").then().statusCode(409).body("detail", containsString("exists already"));
        Hub.admin().body(Map.of("email", "not-an-email", "name", "N", "password", "long enough", "role", "user"))
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("email"));
        Hub.admin().body(Map.of("email", "short@example.com", "name", "S", "password", "short", "role", "user"))
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("password"));
        Hub.admin().body(Map.of("email", "role@example.com", "name", "R", "password", "long enough", "role", "owner"))
                .post("/api/users").then().statusCode(400).body("errors[0].field", equalTo("role"));
        Hub.admin().get("/api/users").then().statusCode(200).body("email", org.hamcrest.Matchers.hasItems("admin@localhost", ivy.email()))
                .body("password", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                .body("password_hash", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }
}
