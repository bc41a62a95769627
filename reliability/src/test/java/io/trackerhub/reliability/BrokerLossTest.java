package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker gone for 10 s while Tracker posts: the ingest answers 503 (never 200 for an activity it could not
 * store), is not ready while the broker is away, recovers by itself, and every 200 is on tracker.activity.
 */
@Order(15)
class BrokerLossTest {

    private static final long FIRST_PROJECT = 9_200_000;
    private static final int CONNECTIONS = 16;

    @Test
    @Timeout(300)
    void ingestAnswers503WithoutTheBrokerAndLosesNothingItAcked() {
        Stack stack = Stack.get();
        ServiceProcess ingest = stack.service(App.INGEST, "ingest-broker-loss").startReady();
        WebhookLoad load = new WebhookLoad(ingest.url() + stack.webhookPath(42), CONNECTIONS, FIRST_PROJECT).start();
        Map<String, Long> during;
        boolean unreadySeen = false;
        long recoveredMillis;
        try {
            load.awaitAcked(300, Duration.ofSeconds(60));
            Map<String, Long> before = load.outcomes();
            stack.stopBroker();
            long stopped = System.nanoTime();
            while (System.nanoTime() - stopped < Duration.ofSeconds(10).toNanos()) {
                unreadySeen |= ingest.readiness() != 200;
                ServiceProcess.sleep(200);
            }
            during = minus(load.outcomes(), before);
            stack.startBroker();
            long restarted = System.nanoTime();
            load.awaitAcked(300, Duration.ofSeconds(120)); // by itself: nobody restarts the ingest
            recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;
            ingest.awaitReady(Duration.ofSeconds(60));
        } finally {
            load.close();
        }
        WebhookLoad.Settled settled = load.settle();
        Set<String> acked = settled.acked();
        Map<String, Integer> stored = settled.stored();
        Set<String> lost = settled.lost();
        Figures.record("Kafka broker stopped 10 s under load (" + CONNECTIONS + " connections)",
                "acked=" + acked.size() + " stored=" + stored.size() + " lost=" + lost.size()
                        + " answers while the broker was gone=" + during + " readiness went down=" + unreadySeen
                        + " first 300 acks after restart within " + recoveredMillis + " ms; all answers=" + load.outcomes());
        assertThat(lost).as("answered 200 but not on tracker.activity").isEmpty();
        assertThat(during).as("answers while the broker was gone").containsKey("503");
        assertThat(unreadySeen).as("/q/health/ready went down while the broker was gone").isTrue();
        assertThat(load.count("500")).as("500 answers").isZero();
        ingest.terminate();
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new HashMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }
}
