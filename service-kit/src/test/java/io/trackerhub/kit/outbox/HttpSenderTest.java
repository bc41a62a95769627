package io.trackerhub.kit.outbox;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's HTTP client against a real local server: many short answers, long answers, errors without the URL's key. */
class HttpSenderTest {

    static Vertx vertx;
    static HttpServer server;
    static final AtomicInteger received = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/short", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/long", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(503, 0);
            for (int i = 0; i < 1024; i++) {
                exchange.getResponseBody().write(chunk);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void everyShortAnswerIsReadOnceFromManyThreads() throws Exception {
        // a body-less 200 can end before a callback registered from a foreign thread sets its handlers; the exchange
        // runs on the event loop so that it cannot (it failed as "Response already ended" and was sent again)
        try (HttpSender sender = new HttpSender(vertx, Duration.ofSeconds(5), 8)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            int before = received.get();
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                results.add(threads.submit(() -> sender.post(uri("/short"), "{}", Map.of("Content-Type", "application/json"), Map.of())));
            }
            for (Future<DeliveryResult> result : results) {
                assertThat(result.get().outcome()).as(String.valueOf(result.get().detail())).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            }
            threads.shutdown();
            assertThat(received.get() - before).isEqualTo(4000);
        }
    }

    @Test
    void aLongAnswerIsCutAndAnUnreachableReceiverIsNamedByItsHostOnly() throws Exception {
        try (HttpSender sender = new HttpSender(vertx, Duration.ofSeconds(5), 2)) {
            HttpSender.Answer answer = sender.exchange(uri("/long"), "{}", Map.of(), Map.of());
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).hasSize(HttpSender.BODY_LIMIT);

            DeliveryResult unreachable = sender.post(URI.create("http://127.0.0.1:1/services/T000/B000/secret-key?token=abc"), "{}",
                    Map.of(), Map.of());
            assertThat(unreachable.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
            assertThat(unreachable.detail()).startsWith("could not reach 127.0.0.1").doesNotContain("secret-key").doesNotContain("abc");
        }
    }
}
