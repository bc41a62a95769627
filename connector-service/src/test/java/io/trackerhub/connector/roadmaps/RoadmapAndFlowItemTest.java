package io.trackerhub.connector.roadmaps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.TrackerFeed;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.trackerhub.connector.TrackerFeed.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Roadmunk's roadmap items and Planview Viz's flow items, from the same stories. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class RoadmapAndFlowItemTest {

    long p, epic, label, feature, bug, release;

    void world() throws Exception {
        p = id();
        epic = id();
        label = id();
        feature = id();
        bug = id();
        release = id();
        TrackerFeed.publishAndWait(SnapshotKind.PROJECT, p, p, TrackerFeed.project(p, n -> n.put("name", "Mobile app")), 40);
        TrackerFeed.publishAndWait(SnapshotKind.EPIC, epic, p, TrackerFeed.epic(epic, p, n -> ((ObjectNode) n.get("label")).put("id", label)), 40);
        // the feature: planned, started (web hook activity), then accepted (the poller's next snapshot)
        TrackerFeed.publishAndWait(SnapshotKind.STORY, feature, p, TrackerFeed.story(feature, p, n -> n.put("story_type", "feature")
                .put("current_state", "unstarted").put("updated_at", "2014-01-08T00:00:00Z")), 41);
        TrackerFeed.awaitApplied(TrackerFeed.publishActivity(TrackerFeed.activity("zulip_v5_started.json", p, feature, 42)));
        TrackerFeed.publishAndWait(SnapshotKind.STORY, feature, p, TrackerFeed.story(feature, p, n -> {
            n.put("story_type", "feature").put("current_state", "accepted").put("name", "Sign in with SSO").put("estimate", 3)
                    .put("created_at", "2024-02-01T09:00:00Z").put("accepted_at", "2024-03-15T17:00:00Z").put("deadline", "2024-03-31T00:00:00Z")
                    .put("updated_at", "2024-03-15T17:00:00Z");
            n.putArray("labels").addObject().put("kind", "label").put("id", label).put("project_id", p).put("name", "admin");
        }), 45);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, bug, p, TrackerFeed.story(bug, p, n -> n.put("name", "Crash on launch")
                .put("created_at", "2024-02-10T09:00:00Z").put("updated_at", "2024-02-11T09:00:00Z")), 43);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, release, p, TrackerFeed.story(release, p, n -> n.put("story_type", "release")
                .put("current_state", "unstarted").put("name", "1.0").put("updated_at", "2024-02-12T09:00:00Z")), 44);
        // the bug is linked to a Zendesk ticket through a connector (issue 7)
        try (Connection c = PostgresDatabase.database().connect()) {
            long connector;
            try (PreparedStatement s = c.prepareStatement("insert into connector.connector (type, name, tracker_base_url, tracker_project_id, "
                    + "tracker_token, config) values ('satisfaction', 'Support', 'http://tracker.invalid', ?, 'not-used', '{}') returning id")) {
                s.setLong(1, p);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    connector = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into connector.link (connector_id, project_id, story_id, external_id, external_url, title) "
                    + "values (?, ?, ?, 'topic-881', 'https://getsatisfaction.com/acme/topics/topic-881', 'Crash on launch')")) {
                s.setLong(1, connector);
                s.setLong(2, p);
                s.setLong(3, bug);
                s.executeUpdate();
            }
        }
    }

    @Test
    void roadmapItemsTakeStartAndEndFromTheChosenDateFieldsAndLinkBackToTheStory() throws Exception {
        world();
        String body = TrackerFeed.reader().get("/api/roadmaps/" + p + "/items?states=accepted").then().statusCode(200).extract().asString();
        JsonNode answer = TrackerJson.readTree(body);
        assertThat(answer.get("start_field").asText()).isEqualTo("created_at");
        assertThat(answer.get("data")).containsExactly(TrackerJson.readTree("""
                {"external_id": "%d", "external_url": "https://www.pivotaltracker.com/story/show/%d", "title": "Sign in with SSO",
                 "start": "2024-02-01T09:00:00Z", "end": "2024-03-15T17:00:00Z", "state": "accepted", "type": "feature", "estimate": 3,
                 "labels": ["admin"], "epic": "Admin Users", "linked_ticket": null,
                 "fields": {"updated_at": "2024-03-15T17:00:00Z", "started_at": "2014-01-08T22:08:18Z", "deadline": "2024-03-31T00:00:00Z"}}"""
                .formatted(feature, feature)));

        JsonNode other = TrackerJson.readTree(TrackerFeed.reader().get("/api/roadmaps/" + p
                + "/items?start_field=started_at&end_field=deadline&fields=current_state,owner_ids").then().statusCode(200).extract().asString()).get("data");
        assertThat(other).hasSize(3);
        JsonNode sso = other.get(2);
        assertThat(sso.get("start").asText()).isEqualTo("2014-01-08T22:08:18Z");
        assertThat(sso.get("end").asText()).isEqualTo("2024-03-31T00:00:00Z");
        assertThat(sso.get("fields")).isEqualTo(TrackerJson.readTree("{\"current_state\": \"accepted\", \"owner_ids\": \"1266314;1266316\"}"));
        JsonNode crash = other.get(0);
        assertThat(crash.get("title").asText()).isEqualTo("Crash on launch");
        assertThat(crash.get("start").isNull()).isTrue();
        assertThat(crash.get("linked_ticket").asText()).isEqualTo("topic-881");

        TrackerFeed.reader().get("/api/roadmaps/" + p + "/items?end_field=due").then().statusCode(400).body("errors[0].field", equalTo("end_field"))
                .body("errors[0].problem", equalTo("'due' is not a date field; use one of created_at, updated_at, started_at, accepted_at, deadline"));
    }

    @Test
    void flowItemsAreFeaturesBugsAndChoresWithTypedFields() throws Exception {
        world();
        JsonNode items = TrackerJson.readTree(TrackerFeed.reader().get("/api/flow-items?project_id=" + p).then().statusCode(200)
                .extract().asString()).get("data");
        assertThat(items).extracting(i -> i.get("id").asText()).containsExactly(String.valueOf(bug), String.valueOf(feature));
        assertThat(items.get(0)).isEqualTo(TrackerJson.readTree("""
                {"id": "%d", "type": "bug", "flow_type": "Defect", "state": "started", "created_at": "2024-02-10T09:00:00Z",
                 "started_at": null, "accepted_at": null, "updated_at": "2024-02-11T09:00:00Z", "fields": [
                  {"name": "name", "type": "string", "value": "Crash on launch"},
                  {"name": "description", "type": "string", "value": "+++++++++"},
                  {"name": "url", "type": "string", "value": "https://www.pivotaltracker.com/story/show/%d"},
                  {"name": "integration_url", "type": "string", "value": "https://getsatisfaction.com/acme/topics/topic-881"},
                  {"name": "external_id", "type": "string", "value": "topic-881"},
                  {"name": "deadline", "type": "string", "value": null},
                  {"name": "project", "type": "single-select", "value": "Mobile app"},
                  {"name": "story_type", "type": "single-select", "value": "bug"},
                  {"name": "current_state", "type": "single-select", "value": "started"},
                  {"name": "estimate", "type": "single-select", "value": null},
                  {"name": "requested_by_id", "type": "single-select", "value": "1266314"},
                  {"name": "labels", "type": "multi-select", "value": ["label1", "label2"]},
                  {"name": "epics", "type": "multi-select", "value": []},
                  {"name": "owner_ids", "type": "multi-select", "value": ["1266314", "1266316"]},
                  {"name": "estimated", "type": "boolean", "value": false},
                  {"name": "linked", "type": "boolean", "value": true}]}""".formatted(bug, bug)));
        JsonNode sso = items.get(1);
        assertThat(sso.get("flow_type").asText()).isEqualTo("Feature");
        assertThat(sso.get("started_at").asText()).isEqualTo("2014-01-08T22:08:18Z");
        assertThat(sso.get("accepted_at").asText()).isEqualTo("2024-03-15T17:00:00Z");
        assertThat(sso.get("fields").get(9)).isEqualTo(TrackerJson.readTree("{\"name\": \"estimate\", \"type\": \"single-select\", \"value\": \"3\"}"));
        assertThat(sso.get("fields").get(12)).isEqualTo(TrackerJson.readTree("{\"name\": \"epics\", \"type\": \"multi-select\", \"value\": [\"Admin Users\"]}"));

        TrackerFeed.reader().get("/api/flow-items").then().statusCode(400).body("errors[0].field", equalTo("project_id"));
    }
}
