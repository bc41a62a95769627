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
 * The ingest stopped with SIGTERM (a rolling update) while Tracker posts, three times: it exits within the 30 s a
 * pod has, answers what is in flight, and every 200 it gave is on tracker.activity.
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
        WebhookLoad load = new WebhookLoad(ingest.url() + stack.webhookPath(43), CONNECTIONS, FIRST_PROJECT).start();
        List<Long> stopMillis = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                load.awaitAcked(400, Duration.ofSeconds(90));
                long t0 = System.nanoTime();
                ingest.terminate();
                stopMillis.add((System.nanoTime() - t0) / 1_000_000);
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
                        + " stop took " + stopMillis + " ms; answers=" + load.outcomes());
        assertThat(lost).as("answered 200 but not on tracker.activity").isEmpty();
        assertThat(load.count("500")).as("500 answers").isZero();
        ingest.terminate();
    }
}
