package io.trackerhub.ingest.webhooks;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.StoppableKafkaBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.trackerhub.ingest.webhooks.WebhookBodies.randomId;
import static io.trackerhub.ingest.webhooks.WebhookBodies.started;
import static io.trackerhub.ingest.webhooks.WebhookBodies.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Kafka goes away and comes back: nothing is reported stored that was not, and nothing acknowledged is lost. */
@QuarkusTest
@WithTestResource(StoppableKafkaBroker.class)
class BrokerLossTest {

    @Test
    void brokerDownMeans503WithRetryAfterAndRecoveryLosesNothingAcknowledged() {
        long integration = randomId();
        long project = randomId();
        List<String> acknowledged = new ArrayList<>();
        long version = 1;

        given().body(started(project, version)).post(url(integration)).then().statusCode(200);
        acknowledged.add(project + "_" + version);

        StoppableKafkaBroker.stopBroker();
        try {
            version++;
            Response refused = given().body(started(project, version)).post(url(integration));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.jsonPath().getString("detail")).contains("not stored");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
        } finally {
            StoppableKafkaBroker.startBroker();
        }

        long[] next = {version};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            next[0]++;
            Response response = given().body(started(project, next[0])).post(url(integration));
            if (response.statusCode() == 200) {
                acknowledged.add(project + "_" + next[0]);
                return true;
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
            return false;
        });
        for (int i = 0; i < 5; i++) {
            next[0]++;
            given().body(started(project, next[0])).post(url(integration)).then().statusCode(200).body(containsString(project + "_" + next[0]));
            acknowledged.add(project + "_" + next[0]);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        try (KafkaTestClient kafka = new KafkaTestClient(StoppableKafkaBroker.bootstrapServers())) {
            Set<String> stored = kafka.consumeAll(Topics.ACTIVITY, Duration.ofSeconds(30)).stream()
                    .filter(r -> Long.toString(integration).equals(r.header(CloudEventHeaders.HUB_INTEGRATION)))
                    .map(r -> r.header(CloudEventHeaders.ID))
                    .collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
        }
    }
}
