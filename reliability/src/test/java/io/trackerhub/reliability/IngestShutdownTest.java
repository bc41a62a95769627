package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest stopped with SIGTERM (a rolling update) while Tracker posts through a load balancer, three times: its
 * readiness goes down at once and it keeps serving for its shutdown delay, so the balancer takes it out of rotation
 * before it stops taking requests; no request is cut off, it exits within the 30 s a pod has, answers what is in
 * flight, and every 200 it gave is on tracker.activity.
 */
@Order(12)
class IngestShutdownTest {

    private static final long FIRST_PROJECT = 9_150_000;
    private static final int CONNECTIONS = 16;

    @Test
    @Timeout(300)
    void sigtermUnderLoadLosesNothingAcknowledged() {
        Stack stack = Stack.get();
        ServiceProcess ingest = stack.service(App.INGEST, "ingest-sigterm").startReady();
        WebhookLoad load = new WebhookLoad(ingest.url() + stack.webhookPath(43), CONNECTIONS, FIRST_PROJECT)
                .routedByReadiness(ingest).start();
        List<Long> stopMillis = new ArrayList<>();
        List<Long> outMillis = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                load.awaitAcked(400, Duration.ofSeconds(90));
                long t0 = System.nanoTime();
                ingest.terminate(); // fails unless it exits within 30 s
                stopMillis.add((System.nanoTime() - t0) / 1_000_000);
                outMillis.add(load.takenOutMillisAfter(t0));
                ingest.startReady();
            }
            load.awaitAcked(200, Duration.ofSeconds(90));
        } finally {
            load.close();
        }
        WebhookLoad.Settled settled = load.settle();
        Set<String> acked = settled.acked();
        Map<String, Integer> stored = settled.stored();
        Set<String> lost = settled.lost();
        Figures.record("ingest SIGTERM ×3 under load (" + CONNECTIONS + " connections)",
                "acked=" + acked.size() + " stored=" + stored.size() + " lost=" + lost.size()
                        + " cut off=" + load.count("cut off") + "; out of rotation " + outMillis + " ms after SIGTERM,"
                        + " stop took " + stopMillis + " ms (limit 30 s); Connection: close answers="
                        + load.closedByServer() + "; answers=" + load.outcomes());
        assertThat(lost).as("answered 200 but not on tracker.activity").isEmpty();
        assertThat(load.count("500")).as("500 answers").isZero();
        assertThat(load.count("cut off")).as("requests cut off without an answer").isZero();
        for (int i = 0; i < outMillis.size(); i++) {
            assertThat(outMillis.get(i)).as("stop %d: taken out of rotation (ms after SIGTERM) before it stopped", i + 1)
                    .isBetween(0L, stopMillis.get(i));
        }
        ingest.terminate();
    }
}
