package io.trackerhub.connector.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.TrackerFeed;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.trackerhub.connector.TrackerFeed.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The datasets API as Domo and other BI tools use it: filters, fields, increments, CSV, paging. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class DatasetsApiTest {

    static void story(long id, long project, String type, String state, String createdAt, String updatedAt) {
        TrackerFeed.publishAndWait(SnapshotKind.STORY, id, project, TrackerFeed.story(id, project, n -> n.put("story_type", type)
                .put("current_state", state).put("created_at", createdAt).put("updated_at", updatedAt).put("name", "Story " + id)), 5);
    }

    static List<Long> ids(String query) {
        JsonNode data = TrackerJson.readTree(TrackerFeed.reader().get("/api/datasets/stories?" + query).then().statusCode(200)
                .extract().asString()).get("data");
        List<Long> ids = new ArrayList<>();
        data.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    static ValidatableResponse refused(String path, String field) {
        return TrackerFeed.reader().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void filtersByProjectStateAndTypeAndGivesOnlyTheFieldsAskedFor() {
        long p = id(), bug = id(), feature = id(), chore = id(), release = id(), other = id();
        story(bug, p, "bug", "started", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z");
        story(feature, p, "feature", "accepted", "2020-01-01T00:00:00Z", "2020-01-01T00:00:02Z");
        story(chore, p, "chore", "unstarted", "2020-01-01T00:00:00Z", "2020-01-01T00:00:03Z");
        story(release, p, "release", "unstarted", "2020-01-01T00:00:00Z", "2020-01-01T00:00:04Z");
        story(other, id(), "bug", "started", "2020-01-01T00:00:00Z", "2020-01-01T00:00:05Z");

        assertThat(ids("project_id=" + p)).containsExactly(bug, feature, chore, release);
        assertThat(ids("project_id=" + p + "&state=started,accepted")).containsExactly(bug, feature);
        assertThat(ids("project_id=" + p + "&story_type=chore,release")).containsExactly(chore, release);
        assertThat(ids("project_id=" + p + "&story_type=bug&state=accepted")).isEmpty();

        String body = TrackerFeed.reader().get("/api/datasets/stories?project_id=" + p + "&fields=name,id&story_type=bug").then().statusCode(200)
                .extract().asString();
        assertThat(TrackerJson.readTree(body).get("data")).containsExactly(TrackerJson.readTree("{\"id\": " + bug + ", \"name\": \"Story " + bug + "\"}"));

        refused("/api/datasets/stories?fields=id,title", "fields").body("errors[0].problem", startsWith("'title' is not a field of stories; the fields are id, project_id"));
        refused("/api/datasets/stories?state=doing", "state").body("errors[0].problem",
                equalTo("'doing' is not one of unscheduled, unstarted, planned, started, finished, delivered, accepted, rejected"));
        refused("/api/datasets/epics?story_type=bug", "story_type").body("errors[0].problem", equalTo("is not a filter of the epics dataset"));
        refused("/api/datasets/stories?created_days_back=week", "created_days_back");
        refused("/api/datasets/stories?updated_since=yesterday", "updated_since");
        refused("/api/datasets/stories?project_id=abc", "project_id");
        refused("/api/datasets/stories?cursor=bm9wZQ", "cursor");
        refused("/api/datasets/stories?limit=5000", "limit");
        TrackerFeed.reader().get("/api/datasets/users").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no dataset 'users'; the datasets are projects, epics, stories, notifications"));
    }

    @Test
    void createdDaysBackCutsOffAtTheStartOfTheDayNDaysAgo() {
        long p = id(), onCutOff = id(), justBefore = id(), today = id();
        Instant cutOff = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        story(onCutOff, p, "bug", "started", cutOff.toString(), "2020-01-01T00:00:01Z");
        story(justBefore, p, "bug", "started", cutOff.minusMillis(1).toString(), "2020-01-01T00:00:02Z");
        story(today, p, "bug", "started", Instant.now().toString(), "2020-01-01T00:00:03Z");

        assertThat(ids("project_id=" + p + "&created_days_back=3")).containsExactly(onCutOff, today);
        assertThat(ids("project_id=" + p + "&created_days_back=4")).containsExactly(onCutOff, justBefore, today);
        assertThat(ids("project_id=" + p + "&created_days_back=0")).containsExactly(today);
    }

    @Test
    void updatedSinceGivesOnlyWhatChangedForAppendLoads() {
        long p = id(), a = id(), b = id();
        story(a, p, "bug", "started", "2021-01-01T00:00:00Z", "2021-03-01T10:00:00Z");
        story(b, p, "bug", "started", "2021-01-01T00:00:00Z", "2021-03-02T10:00:00Z");
        assertThat(ids("project_id=" + p + "&updated_since=2021-03-02T10:00:00Z")).containsExactly(b);

        // a changes later in Tracker: the next load from the same point has it too, after b
        TrackerFeed.publishAndWait(SnapshotKind.STORY, a, p, TrackerFeed.story(a, p, n -> n.put("updated_at", "2021-03-03T08:00:00Z")
                .put("current_state", "finished")), 9);
        assertThat(ids("project_id=" + p + "&updated_since=2021-03-02T10:00:00Z")).containsExactly(b, a);
        assertThat(ids("project_id=" + p + "&updated_since=2021-03-03T08:00:00.001Z")).isEmpty();
    }

    @Test
    void csvIsRfc4180WithAStableHeaderAndOneRowPerStory() {
        long p = id(), comma = id(), quote = id(), lines = id();
        TrackerFeed.publishAndWait(SnapshotKind.STORY, comma, p, TrackerFeed.story(comma, p, n -> n.put("name", "Cart, checkout").put("updated_at", "2022-01-01T00:00:01Z")), 3);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, quote, p, TrackerFeed.story(quote, p, n -> n.put("name", "Say \"hi\"").put("updated_at", "2022-01-01T00:00:02Z")), 3);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, lines, p, TrackerFeed.story(lines, p, n -> {
            n.put("name", "Two\nlines").put("updated_at", "2022-01-01T00:00:03Z").put("estimate", 1.5);
            n.putArray("labels").add(TrackerJson.readTree("{\"id\": 1, \"name\": \"a\"}")).add(TrackerJson.readTree("{\"id\": 2, \"name\": \"b, c\"}"));
        }), 3);

        String csv = TrackerFeed.reader().header("Accept", "text/csv").get("/api/datasets/stories?project_id=" + p
                        + "&fields=id,name,estimate,labels,owner_ids,deadline,updated_at")
                .then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", "attachment; filename=\"stories.csv\"")
                .extract().asString();
        assertThat(csv).isEqualTo("id,name,estimate,labels,owner_ids,deadline,updated_at\r\n"
                + comma + ",\"Cart, checkout\",,label1;label2,1266314;1266316,,2022-01-01T00:00:01Z\r\n"
                + quote + ",\"Say \"\"hi\"\"\",,label1;label2,1266314;1266316,,2022-01-01T00:00:02Z\r\n"
                + lines + ",\"Two\nlines\",1.5,\"a;b, c\",1266314;1266316,,2022-01-01T00:00:03Z\r\n");
        // format=csv does the same for tools that cannot set headers; the whole header when no fields are chosen
        assertThat(TrackerFeed.reader().get("/api/datasets/stories?format=csv&project_id=" + p).then().statusCode(200).extract().asString())
                .startsWith("id,project_id,project_name,name,description,story_type,current_state,estimate,labels,epics,owner_ids,"
                        + "requested_by_id,url,external_id,integration_url,deadline,started_at,accepted_at,created_at,updated_at\r\n");
        // a CSV client asking for something wrong still gets the problem, not a broken file
        TrackerFeed.reader().header("Accept", "text/csv").get("/api/datasets/stories?state=doing").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
    }

    @Test
    void pagesStayStableWhileNewDataArrives() {
        long p = id();
        List<Long> stories = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long s = id();
            stories.add(s);
            story(s, p, "feature", "unstarted", "2023-01-01T00:00:00Z", "2023-01-01T00:00:0" + i + "Z");
        }

        List<Long> seen = new ArrayList<>();
        var page = TrackerFeed.reader().get("/api/datasets/stories?limit=2&fields=id&project_id=" + p).then().statusCode(200).extract().jsonPath();
        page.getList("data.id", Long.class).forEach(seen::add);
        String cursor = page.getString("next_cursor");

        // meanwhile: a new story and a change to the first one
        long added = id();
        story(added, p, "bug", "unstarted", "2023-01-02T00:00:00Z", "2023-01-02T00:00:00Z");
        TrackerFeed.publishAndWait(SnapshotKind.STORY, stories.get(0), p, TrackerFeed.story(stories.get(0), p, n -> n
                .put("updated_at", "2023-01-03T00:00:00Z")), 9);

        while (cursor != null) {
            page = TrackerFeed.reader().get("/api/datasets/stories?limit=2&fields=id&project_id=" + p + "&cursor=" + cursor)
                    .then().statusCode(200).extract().jsonPath();
            page.getList("data.id", Long.class).forEach(seen::add);
            cursor = page.getString("next_cursor");
        }
        // nothing that was there is skipped; the new story and the changed one come at the end
        assertThat(seen).containsExactly(stories.get(0), stories.get(1), stories.get(2), stories.get(3), stories.get(4), added, stories.get(0));
    }
}
