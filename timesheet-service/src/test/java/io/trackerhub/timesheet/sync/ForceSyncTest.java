package io.trackerhub.timesheet.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.SyncRequest;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.timesheet.Imported;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** "Force synchronization" puts a force request for the poller on hub.sync-requests. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ForceSyncTest {

    @Test
    void forceSynchronizationPublishesAForceRequestPerImportedIntegration() {
        Imported imported = Imported.project("Synced " + Hub.id(), "Sync me");
        Hub.Person ola = Hub.user("Ola");

        List<Long> ids = Hub.as(ola).body(Map.of("integration_id", imported.integration())).post("/api/sync").then().statusCode(202)
                .body("reason", equalTo("force")).extract().jsonPath().getList("integration_ids", Long.class);
        // read as longs: JSON numbers below 2^31 would otherwise come back as Integer and never equal a Long id
        assertThat(ids).contains(imported.integration());
        Hub.as(ola).body("{}").post("/api/sync").then().statusCode(202);

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            List<KafkaTestClient.Received> requests = kafka.consumeAll(Topics.SYNC_REQUESTS, Duration.ofSeconds(10)).stream()
                    .filter(r -> Long.toString(imported.integration()).equals(r.key())).toList();
            assertThat(requests).hasSize(2).allSatisfy(r -> {
                SyncRequest request = SyncRequest.parse(r.value().getBytes(StandardCharsets.UTF_8));
                assertThat(request.integrationId()).isEqualTo(imported.integration());
                assertThat(request.reason()).isEqualTo("force");
                assertThat(r.header(CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.SYNC_REQUEST_TYPE);
                assertThat(r.header(CloudEventHeaders.HUB_INTEGRATION)).isEqualTo(Long.toString(imported.integration()));
                assertThat(r.header(CloudEventHeaders.ID)).startsWith("sync_" + imported.integration() + "_");
            });
        }
        Hub.as(ola).body(Map.of("integration_id", 424242)).post("/api/sync").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("integration_id"));
    }
}
