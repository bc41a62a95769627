package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest killed with SIGKILL while Tracker posts: every web hook answered 200 is on tracker.activity. */
@Order(10)
class IngestCrashTest {

    private static final long FIRST_PROJECT = 9_100_000;
    private static final int CONNECTIONS = 16;

    @Test
    @Timeout(300)
    void everyAcknowledgedWebhookSurvivesSigkill() {
        Stack stack = Stack.get();
        ServiceProcess ingest = stack.service(App.INGEST, "ingest-crash").startReady();
        String url = ingest.url() + stack.webhookPath(41);
        WebhookLoad load = new WebhookLoad(url, CONNECTIONS, FIRST_PROJECT).start();
        int kills = 3;
        try {
            for (int i = 0; i < kills; i++) {
                load.awaitAcked(400, Duration.ofSeconds(90));
                ingest.kill();
                ServiceProcess.sleep(500); // Tracker keeps posting at a dead address
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
        long twice = stored.values().stream().filter(n -> n > 1).count();
        Figures.record("ingest SIGKILL ×" + kills + " under load (" + CONNECTIONS + " connections)",
                "sent=" + load.sent() + " acked=" + acked.size() + " stored=" + stored.size() + " lost=" + lost.size()
                        + " stored twice=" + twice + " outcomes=" + load.outcomes());
        assertThat(lost).as("web hooks answered 200 but not on tracker.activity").isEmpty();
        assertThat(load.count("500")).as("5xx answers").isZero();
        ingest.terminate();
    }
}
