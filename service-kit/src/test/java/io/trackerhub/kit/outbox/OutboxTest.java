package io.trackerhub.kit.outbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class OutboxTest {

    static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    static WireMockServer receiver;

    @Inject
    Outbox outbox;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    private String path() {
        return "/hooks/" + UUID.randomUUID();
    }

    private long enqueue(String path, String payload) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(
                Delivery.Request.of("test-http", receiver.baseUrl() + path, payload).withHeaders(Map.of("Content-Type", "application/json")))).orElseThrow();
    }

    @Test
    void deliveryQueuedWithItsEffectIsSentAfterTheCommit() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));

        long id = enqueue(path, "{\"text\":\"Leo Franchi started this feature\"}");
        assertThat(outbox.find(id)).get().extracting(Delivery::status).isEqualTo(Delivery.Status.PENDING);
        dispatcher.dispatchDue();

        receiver.verify(1, postRequestedFor(urlEqualTo(path))
                .withRequestBody(equalToJson("{\"text\":\"Leo Franchi started this feature\"}"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo("Bearer added-at-send-time")));
        Delivery done = outbox.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.deliveredAt()).isNotNull();
    }

    @Test
    void rolledBackEffectQueuesNothing() throws Exception {
        String target = receiver.baseUrl() + path();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.enqueue(Delivery.Request.of("test-http", target, "{}"));
                throw new IllegalStateException("effect failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from kit_outbox where target = '" + target + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void sameDedupKeyIsQueuedOnce() {
        String key = "807213_78/" + UUID.randomUUID();
        Delivery.Request request = Delivery.Request.of("test-http", receiver.baseUrl() + path(), "{}").dedupedBy(key);

        Optional<Long> first = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(request));
        Optional<Long> second = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(request));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
    }

    @Test
    void batchQueuedDeliveriesAreSentOnceEachWithTheirStatus() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(202)));
        String key = "807213_" + UUID.randomUUID();
        List<Delivery.Request> requests = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> Delivery.Request.of("test-http", receiver.baseUrl() + path, "{\"n\":" + i + "}").dedupedBy(key + "/" + i))
                .toList();

        int queued = QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(requests));
        int again = QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(requests.subList(3, 5)));
        dispatcher.dispatchDue();

        assertThat(queued).isEqualTo(5);
        assertThat(again).isZero();
        receiver.verify(5, postRequestedFor(urlEqualTo(path)));
        assertThat(outbox.list(Delivery.Status.DELIVERED, 1000).stream().filter(d -> d.target().endsWith(path)))
                .hasSize(5).allSatisfy(d -> assertThat(d.lastStatus()).isEqualTo(202));
    }

    @Test
    void pausedDestinationKeepsItsDeliveriesUntilResumed() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
        String destination = "connector/" + UUID.randomUUID();
        long id = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(
                Delivery.Request.of("test-http", receiver.baseUrl() + path, "{}").to(destination))).orElseThrow();

        outbox.pause(destination, "credentials rejected: 401 Unauthorized");
        dispatcher.dispatchDue();
        receiver.verify(0, postRequestedFor(urlEqualTo(path)));
        assertThat(outbox.destination(destination).pauseReason()).isEqualTo("credentials rejected: 401 Unauthorized");
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(Delivery.Status.PENDING);

        assertThat(outbox.resume(destination)).isTrue();
        dispatcher.dispatchDue();
        receiver.verify(1, postRequestedFor(urlEqualTo(path)));
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
    }

    @Test
    void deliveredRowsAreForgottenAfterTheirRetentionFailedOnesAreKept() throws Exception {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
        long delivered = enqueue(path, "{}");
        long failed = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(Delivery.Request.of("no-such-channel", receiver.baseUrl() + path, "{}"))).orElseThrow();
        dispatcher.dispatchDue();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update kit_outbox set delivered_at = now() - interval '8 days', updated_at = now() - interval '8 days' where id in (" + delivered + ", " + failed + ")");
        }

        int removed = outbox.forgetDelivered(java.time.Duration.ofDays(7), 10_000);

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(outbox.find(delivered)).isEmpty();
        assertThat(outbox.find(failed)).get().extracting(Delivery::status).isEqualTo(Delivery.Status.FAILED);
    }

    @Test
    void busyReceiverIsRetriedNoSoonerThanItsRetryAfter() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120").withBody("maintenance")));

        long id = enqueue(path, "{}");
        Instant before = Instant.now();
        dispatcher.dispatchDue();

        Delivery delivery = outbox.find(id).orElseThrow();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatus()).isEqualTo(503);
        assertThat(delivery.lastError()).contains("maintenance");
        assertThat(delivery.nextAttemptAt()).isAfterOrEqualTo(before.plusSeconds(119));
    }

    @Test
    void rejectedDeliveryFailsAtOnceAndIsVisibleToOperators() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad channel\"}")));

        long id = enqueue(path, "{}");
        dispatcher.dispatchDue();

        assertThat(outbox.find(id)).get().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
            assertThat(d.lastError()).contains("HTTP 400").contains("bad channel");
        });
        given().header("Authorization", ADMIN).get("/admin/outbox?status=failed").then().statusCode(200)
                .body("id", hasItem((int) id))
                .body("find { it.id == " + id + " }.payload", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void failingReceiverIsRetriedWithBackOffThenFailedThenRetriedByHand() {
        String path = path();
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(500)));
        long id = enqueue(path, "{}");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return outbox.find(id).orElseThrow().status() == Delivery.Status.FAILED;
        });
        Delivery failed = outbox.find(id).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).startsWith("gave up after 3 attempts");
        receiver.verify(3, postRequestedFor(urlEqualTo(path)));

        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
        given().header("Authorization", ADMIN).post("/admin/outbox/" + id + "/retry").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("pending"));
        dispatcher.dispatchDue();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);

        given().header("Authorization", ADMIN).post("/admin/outbox/" + id + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("only a failed delivery"));
    }

    @Test
    void unreachableReceiverIsRetried() {
        long id = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(Delivery.Request.of("test-http", "http://127.0.0.1:9/nothing", "{}"))).orElseThrow();
        dispatcher.dispatchDue();
        assertThat(outbox.find(id).orElseThrow()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.lastError()).contains("could not reach 127.0.0.1");
        });
    }

    @Test
    void deliveryForAChannelNobodyHandlesFailsWithAReason() {
        long id = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(Delivery.Request.of("carrier-pigeon", "coop 3", "{}"))).orElseThrow();
        dispatcher.dispatchDue();
        assertThat(outbox.find(id).orElseThrow().lastError()).isEqualTo("no handler for channel 'carrier-pigeon' in this service");
    }

    @Test
    void adminApiNeedsTheTokenAndChecksItsParameters() {
        given().get("/admin/outbox").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", ADMIN).get("/admin/outbox?status=lost").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("status"));
        given().header("Authorization", ADMIN).get("/admin/outbox/999999999").then().statusCode(404).contentType("application/problem+json");
    }
}
