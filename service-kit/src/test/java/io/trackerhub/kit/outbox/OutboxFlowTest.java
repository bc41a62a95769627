package io.trackerhub.kit.outbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Order per key, bounded concurrency, rate limits, pausing and timeouts, against a real receiver and database. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class OutboxFlowTest {

    static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    static WireMockServer receiver;

    @Inject
    Outbox outbox;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(32));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    private long enqueue(Delivery.Request request) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(request)).orElseThrow();
    }

    private Delivery.Request to(String path, String payload) {
        return Delivery.Request.of("test-http", receiver.baseUrl() + path, payload);
    }


    @Test
    void deliveriesOfOneKeyArriveInQueueOrderWhileKeysRunConcurrently() {
        String run = "/order/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathMatching(run + "/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(5)));
        List<String> keys = List.of("a", "b", "c", "d");
        for (int i = 1; i <= 15; i++) {
            for (String key : keys) {
                enqueue(to(run + "/" + key, key + i).inOrderOf(run + key));
            }
        }

        dispatcher.dispatchDue();

        for (String key : keys) {
            List<String> expected = IntStream.rangeClosed(1, 15).mapToObj(i -> key + i).toList();
            // one key's deliveries never overlap, so their arrival order is their send order
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo(run + "/" + key))).stream()
                    .sorted(Comparator.comparing(r -> r.getLoggedDate())).map(r -> r.getBodyAsString()).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aLaterDeliveryOfAKeyWaitsForTheRetryOfAnEarlierOne() {
        String run = "/wait/" + UUID.randomUUID();
        receiver.stubFor(post(run + "/first").willReturn(aResponse().withStatus(503)));
        receiver.stubFor(post(run + "/second").willReturn(aResponse().withStatus(200)));
        long first = enqueue(to(run + "/first", "1").inOrderOf(run));
        long second = enqueue(to(run + "/second", "2").inOrderOf(run));

        dispatcher.dispatchDue();
        assertThat(outbox.find(first).orElseThrow().status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(outbox.find(second).orElseThrow().attempts()).isZero();
        receiver.verify(0, postRequestedFor(urlEqualTo(run + "/second")));

        receiver.stubFor(post(run + "/first").willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return outbox.find(second).orElseThrow().status() == Delivery.Status.DELIVERED;
        });
        assertThat(outbox.find(first).orElseThrow().deliveredAt()).isBefore(outbox.find(second).orElseThrow().deliveredAt());
    }

    @Test
    void aRateLimitedDestinationIsSentNoFasterThanItsRate() {
        String run = "/rate/" + UUID.randomUUID();
        String destination = "rate-" + UUID.randomUUID();
        receiver.stubFor(post(run).willReturn(aResponse().withStatus(200)));
        QuarkusTransaction.requiringNew().run(() -> outbox.limitRate(destination, 0.5));
        List<Long> ids = IntStream.range(0, 3).mapToObj(i -> enqueue(to(run, "m" + i).to(destination))).toList();

        dispatcher.dispatchDue();

        receiver.verify(1, postRequestedFor(urlEqualTo(run)));
        assertThat(ids.stream().map(id -> outbox.find(id).orElseThrow()).filter(d -> d.status() == Delivery.Status.PENDING))
                .hasSize(2).allSatisfy(d -> assertThat(d.attempts()).isZero());

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return ids.stream().allMatch(id -> outbox.find(id).orElseThrow().status() == Delivery.Status.DELIVERED);
        });
        List<java.util.Date> times = receiver.findAll(postRequestedFor(urlEqualTo(run))).stream().map(r -> r.getLoggedDate()).sorted().toList();
        assertThat(times).hasSize(3);
        for (int i = 1; i < times.size(); i++) {
            // one every 2 s at 0.5/s; slack for the time between taking a token and the request arriving
            assertThat(times.get(i).getTime() - times.get(i - 1).getTime()).isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    void aDestinationFailingForLongIsPausedWithItsReasonAndResumedByAnOperator() {
        String run = "/pause/" + UUID.randomUUID();
        String destination = "pause-" + UUID.randomUUID();
        receiver.stubFor(post(run).willReturn(aResponse().withStatus(502).withBody("bad gateway")));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            enqueue(to(run, "x").to(destination));
            dispatcher.dispatchDue();
            return outbox.destination(destination).paused();
        });
        Destination paused = outbox.destination(destination);
        assertThat(paused.pauseReason()).startsWith("failing since ").contains("HTTP 502: bad gateway");

        int requestsBefore = receiver.findAll(postRequestedFor(urlEqualTo(run))).size();
        long waiting = enqueue(to(run, "after the pause").to(destination));
        dispatcher.dispatchDue();
        receiver.verify(requestsBefore, postRequestedFor(urlEqualTo(run)));
        assertThat(outbox.find(waiting).orElseThrow().status()).isEqualTo(Delivery.Status.PENDING);

        receiver.stubFor(post(run).willReturn(aResponse().withStatus(200)));
        given().header("Authorization", ADMIN).post("/admin/outbox/destinations/" + destination + "/resume").then().statusCode(200)
                .body("pausedAt", nullValue());
        dispatcher.dispatchDue();
        assertThat(outbox.find(waiting).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
        given().header("Authorization", ADMIN).post("/admin/outbox/destinations/" + destination + "/resume").then().statusCode(409)
                .contentType("application/problem+json").body("detail", equalTo("destination " + destination + " is not paused"));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        String run = "/slow/" + UUID.randomUUID();
        receiver.stubFor(post(run).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        long id = enqueue(to(run, "{}"));

        dispatcher.dispatchDue();

        Delivery delivery = outbox.find(id).orElseThrow();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(delivery.lastError()).isEqualTo("no answer within 1000 ms");
    }
}
