package io.trackerhub.kit.kafka;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A poll with records that can never be applied, consumed as the services consume (a batch in one transaction against
 * a real PostgreSQL): the poll is applied record by record, exactly the poison records go to the dead-letter topic
 * with their reason and coordinates, everything else is applied once, and the partition goes on.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class PoisonRecordTest {

    /** Applies activities into a table whose check PostgreSQL enforces; a message "throw" makes the handler throw. */
    @ApplicationScoped
    static class Applier {
        @Inject
        AgroalDataSource dataSource;

        final TrackerConsumer<ActivityRecord, Integer> consumer =
                TrackerConsumer.ofPolls(TrackerMessages::activity, items -> "test activities", this::applyAll);

        @Incoming("kit-test-poison")
        java.util.concurrent.CompletionStage<Void> on(KafkaRecordBatch<String, byte[]> records) {
            return consumer.consume(records);
        }

        int applyAll(List<ActivityRecord> items) {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection();
                     PreparedStatement insert = c.prepareStatement("insert into kit_test_applied (ce_id, version) values (?, ?)")) {
                    for (ActivityRecord item : items) {
                        if ("throw".equals(item.activity().message())) {
                            throw new IllegalArgumentException("a field the handler cannot take");
                        }
                        insert.setString(1, item.id());
                        insert.setLong(2, item.activity().projectVersion());
                        insert.executeUpdate();
                    }
                    return items.size();
                }
            });
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private final Activity started = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_started.json"));

    @Test
    void onlyThePoisonRecordsAreDeadLetteredAndTheRestIsAppliedOnce() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists kit_test_applied (ce_id text primary key, version bigint not null check (version < 1000000))");
        }
        long integration = 1 + new Random().nextInt(1_000_000_000);
        List<String> expected = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            for (int v = 1; v <= 12; v++) {
                // version 4: PostgreSQL refuses it (check constraint, SQLSTATE 23514); version 9: the handler throws
                long version = v == 4 ? 4_000_000 : v;
                Activity activity = withVersion(version, v == 9 ? "throw" : started.message());
                TrackerRecord record = TrackerRecord.activity(activity, Origin.WEBHOOK, integration);
                kafka.produce("kit-test.poison", record.key(), new String(record.value(), StandardCharsets.UTF_8), record.headers());
                if (v != 4 && v != 9) {
                    expected.add(activity.guid());
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(integration).size() == expected.size());
            List<KafkaTestClient.Received> dead = await().atMost(Duration.ofSeconds(30)).until(() -> kafka
                    .consumeAll("kit-test.poison-deadletter", Duration.ofSeconds(5)).stream()
                    .filter(r -> Long.toString(integration).equals(r.header(CloudEventHeaders.HUB_INTEGRATION))).toList(), list -> list.size() >= 2);

            assertThat(dead).hasSize(2);
            KafkaTestClient.Received refused = dead.stream().filter(r -> r.header(CloudEventHeaders.ID).endsWith("_4000000")).findFirst().orElseThrow();
            assertThat(refused.header(CloudEventHeaders.HUB_ERROR_KIND)).isEqualTo("data");
            assertThat(refused.header(CloudEventHeaders.HUB_ERROR)).contains("kit_test_applied_version_check");
            assertThat(refused.header(CloudEventHeaders.HUB_ATTEMPTS)).isEqualTo("1");
            KafkaTestClient.Received thrown = dead.stream().filter(r -> r.header(CloudEventHeaders.ID).endsWith("_9")).findFirst().orElseThrow();
            assertThat(thrown.header(CloudEventHeaders.HUB_ERROR_KIND)).isEqualTo("failing");
            assertThat(thrown.header(CloudEventHeaders.HUB_ERROR)).contains("IllegalArgumentException: a field the handler cannot take");
            assertThat(thrown.header(CloudEventHeaders.HUB_ATTEMPTS)).isEqualTo(Integer.toString(Retrying.ATTEMPTS));
            for (KafkaTestClient.Received r : dead) {
                assertThat(r.header(CloudEventHeaders.HUB_GROUP)).isEqualTo("kit-test-poison-group");
                assertThat(r.header(CloudEventHeaders.HUB_SOURCE_TOPIC)).isEqualTo("kit-test.poison");
                assertThat(r.header(CloudEventHeaders.HUB_SOURCE_PARTITION)).isNotBlank();
                assertThat(Long.parseLong(r.header(CloudEventHeaders.HUB_SOURCE_OFFSET))).isNotNegative();
                assertThat(r.header(CloudEventHeaders.HUB_FIRST_FAILURE)).isNotBlank();
            }
        }
        assertThat(applied(integration)).containsExactlyInAnyOrderElementsOf(expected);

        // an operator lists them, discards the one that can never apply and, once the cause is removed, replays the rest
        List<Map<String, Object>> listed = admin().get("/admin/deadletters?group=kit-test-poison-group").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.state == 'dead' }");
        assertThat(listed).extracting(d -> d.get("kind")).containsExactlyInAnyOrder("data", "failing");
        String thrownId = listed.stream().filter(d -> d.get("kind").equals("failing")).findFirst().orElseThrow().get("id").toString();
        String refusedCeId = listed.stream().filter(d -> d.get("kind").equals("data")).findFirst().orElseThrow().get("ce_id").toString();
        admin().body(Map.of("reason", "the handler cannot take it; reported upstream")).post("/admin/deadletters/" + thrownId + "/discard")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("discarded"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table kit_test_applied drop constraint kit_test_applied_version_check");
        }
        admin().post("/admin/deadletters/replay?group=kit-test-poison-group").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].state", org.hamcrest.Matchers.equalTo("replayed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(integration).contains(refusedCeId));
        // applied once: a second replay-all finds nothing waiting
        admin().post("/admin/deadletters/replay?group=kit-test-poison-group").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        assertThat(applied(integration)).hasSize(expected.size() + 1).doesNotHaveDuplicates();
        admin().get("/admin/deadletters?group=no-such-group").then().statusCode(400).contentType("application/problem+json");
        given().get("/admin/deadletters").then().statusCode(401);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hub_consumer_dead_letters_total{group=\"kit-test-poison-group\",reason=\"data\""))
                .body(containsString("hub_consumer_dead_letters_total{group=\"kit-test-poison-group\",reason=\"failing\""));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer dev-admin-token-not-for-production-0000").contentType("application/json");
    }

    private Activity withVersion(long version, String message) {
        var tree = Activities.toTree(started);
        long project = 700_000_000L + new Random().nextInt(100_000_000);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("project")).put("id", project);
        tree.put("project_version", version).put("guid", project + "_" + version).put("message", message);
        return Activities.parseJson(tree.toString());
    }

    private List<String> applied(long integration) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select ce_id from kit_test_applied")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
