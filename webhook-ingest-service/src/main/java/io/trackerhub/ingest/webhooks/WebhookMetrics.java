package io.trackerhub.ingest.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code hub_webhooks_total{outcome, status}} (accepted, duplicate, rejected), {@code hub_webhook_seconds}
 * (a histogram of the time to answer) and {@code hub_webhook_gaps_total}.
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Counter gaps;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gaps = Counter.builder("hub.webhook.gaps").description("Gaps in a project's versions seen by web hook").register(registry);
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void accepted(Timer.Sample sample) {
        record(sample, "accepted", 200);
    }

    void duplicate(Timer.Sample sample) {
        record(sample, "duplicate", 200);
    }

    void rejected(Timer.Sample sample, int status) {
        record(sample, "rejected", status);
    }

    void gap() {
        gaps.increment();
    }

    private void record(Timer.Sample sample, String outcome, int status) {
        // Meters are looked up once per outcome and status, not built on every request.
        counters.computeIfAbsent(outcome + "/" + status, key -> Counter.builder("hub.webhooks")
                .description("Web hooks by outcome and HTTP status")
                .tag("outcome", outcome).tag("status", Integer.toString(status)).register(registry)).increment();
        sample.stop(timers.computeIfAbsent(outcome, key -> Timer.builder("hub.webhook").description("Time to answer a web hook")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry)));
    }
}
