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
import java.time.Instant;
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
    void aKeysDeliveriesAreClaimedAsOneRunWithoutGapsAndNothingOfTheKeyIsClaimedWhileItIsLeased() {
        String run = "/claim/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathMatching(run + "/.*")).willReturn(aResponse().withStatus(200)));
        List<Long> ids = IntStream.rangeClosed(1, 40).mapToObj(i -> enqueue(to(run + "/" + i, "m" + i).inOrderOf(run))).toList();
        try {
            List<Delivery> claimed = mine(outbox.claimDue(100, 32, Duration.ofMinutes(1), List.of()), run);
            assertThat(claimed).extracting(Delivery::id).isEqualTo(ids.subList(0, 32));
            assertThat(claimed).allSatisfy(d -> assertThat(d.status()).isEqualTo(Delivery.Status.SENDING));
            // the rest waits behind the leased run
            assertThat(mine(outbox.claimDue(100, 32, Duration.ofMinutes(1), List.of()), run)).isEmpty();

            // a run ends before a delivery that is not due (here: given back for two seconds), never skipping it
            outbox.release(ids.subList(4, 32), Instant.now().plus(Duration.ofSeconds(2)));
            outbox.release(ids.subList(0, 4), Instant.now());
            assertThat(mine(outbox.claimDue(100, 32, Duration.ofMinutes(1), List.of()), run)).extracting(Delivery::id)
                    .isEqualTo(ids.subList(0, 4));
            // given back, a delivery's claim does not count as an attempt
            assertThat(outbox.find(ids.get(10)).orElseThrow().attempts()).isZero();
        } finally {
            outbox.release(ids, Instant.now());
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return outbox.find(ids.get(39)).orElseThrow().status() == Delivery.Status.DELIVERED;
        });
        assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED));
        assertThat(receivedInOrder(run + "/")).isEqualTo(IntStream.rangeClosed(1, 40).mapToObj(i -> run + "/" + i).toList());
    }

    /** The URLs the receiver was sent under {@code prefix}, oldest first (its journal lists the newest first). */
    private static List<String> receivedInOrder(String prefix) {
        List<String> urls = new java.util.ArrayList<>(receiver.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .filter(url -> url.startsWith(prefix)).toList());
        java.util.Collections.reverse(urls);
        return urls;
    }

    /** The deliveries of this test's key; others' (claimed as well, the table is shared) are given back untouched. */
    private List<Delivery> mine(List<Delivery> claimed, String key) {
        outbox.release(claimed.stream().filter(d -> !key.equals(d.orderingKey())).map(Delivery::id).toList(), Instant.now());
        return claimed.stream().filter(d -> key.equals(d.orderingKey())).toList();
    }

    @Test
    void aRunStopsAtItsFirstUndeliveredDeliveryAndGivesTheRestBackUnattempted() {
        String run = "/stop/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathMatching(run + "/.*")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(run + "/2").willReturn(aResponse().withStatus(503)));
        List<Long> ids = IntStream.rangeClosed(1, 6).mapToObj(i -> enqueue(to(run + "/" + i, "m" + i).inOrderOf(run))).toList();

        dispatcher.dispatchDue();

        assertThat(outbox.find(ids.get(0)).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
        Delivery second = outbox.find(ids.get(1)).orElseThrow();
        assertThat(second.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(ids.subList(2, 6)).allSatisfy(id -> {
            Delivery d = outbox.find(id).orElseThrow();
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.attempts()).isZero();
        });
        for (int i = 3; i <= 6; i++) {
            receiver.verify(0, postRequestedFor(urlEqualTo(run + "/" + i)));
        }

        receiver.stubFor(post(run + "/2").willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return outbox.find(ids.get(5)).orElseThrow().status() == Delivery.Status.DELIVERED;
        });
        List<String> received = receivedInOrder(run + "/");
        assertThat(received.stream().distinct().toList()).isEqualTo(IntStream.rangeClosed(1, 6).mapToObj(i -> run + "/" + i).toList());
        assertThat(received.stream().filter(url -> !url.equals(run + "/2"))).hasSize(5);
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
        // both may be marked in one statement (same delivered_at): the receiver's journal tells the order
        List<String> received = receivedInOrder(run + "/");
        assertThat(received.get(received.size() - 1)).isEqualTo(run + "/second");
        assertThat(received.subList(0, received.size() - 1)).containsOnly(run + "/first");
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
