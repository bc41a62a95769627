package io.trackerhub.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends due outbox deliveries through the {@link DeliveryHandler} of their channel: delivered, or retried with
 * exponential back-off and jitter (honouring Retry-After), or after {@code hub.outbox.max-attempts} attempts,
 * or when the receiver rejects it for good, {@code failed} — visible in {@code /admin/outbox} and the
 * {@code hub_outbox_deliveries} gauge, and retried only by hand. Several replicas share the table safely:
 * a claim is a lease taken with {@code for update skip locked}.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Map<String, DeliveryHandler> handlers = new HashMap<>();
    private final Backoff backoff;
    private final int batchSize;
    private final Duration lease;
    private final MeterRegistry registry;
    private final AtomicReference<Map<Delivery.Status, Long>> counts = new AtomicReference<>(new EnumMap<>(Delivery.Status.class));

    public OutboxDispatcher(Outbox outbox, Instance<DeliveryHandler> handlers, MeterRegistry registry,
                            @ConfigProperty(name = "hub.outbox.base-delay", defaultValue = "PT1S") Duration baseDelay,
                            @ConfigProperty(name = "hub.outbox.max-delay", defaultValue = "PT15M") Duration maxDelay,
                            @ConfigProperty(name = "hub.outbox.batch-size", defaultValue = "50") int batchSize,
                            @ConfigProperty(name = "hub.outbox.lease", defaultValue = "PT5M") Duration lease) {
        this.outbox = outbox;
        handlers.forEach(h -> this.handlers.put(h.channel(), h));
        this.backoff = new Backoff(baseDelay, maxDelay);
        this.batchSize = batchSize;
        this.lease = lease;
        this.registry = registry;
        for (Delivery.Status status : Delivery.Status.values()) {
            Gauge.builder("hub.outbox.deliveries", counts, c -> c.get().getOrDefault(status, 0L))
                    .tag("status", status.column())
                    .description("Outbox deliveries by status")
                    .register(registry);
        }
    }

    @Scheduled(every = "${hub.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warnf("outbox dispatch failed, will try again: %s", e.getMessage());
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGauges() {
        try {
            counts.set(outbox.countByStatus());
        } catch (RuntimeException e) {
            LOG.debugf("outbox gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Sends every delivery due now; returns how many attempts were made. */
    public int dispatchDue() {
        int attempted = 0;
        List<Delivery> batch;
        do {
            batch = outbox.claimDue(batchSize, lease);
            for (Delivery delivery : batch) {
                attempt(delivery);
                attempted++;
            }
        } while (batch.size() == batchSize);
        return attempted;
    }

    private void attempt(Delivery delivery) {
        DeliveryHandler handler = handlers.get(delivery.channel());
        DeliveryResult result;
        if (handler == null) {
            result = DeliveryResult.rejected("no handler for channel '" + delivery.channel() + "' in this service");
        } else {
            try {
                result = handler.deliver(delivery);
            } catch (Exception e) {
                result = DeliveryResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        record(delivery, result);
    }

    private void record(Delivery delivery, DeliveryResult result) {
        switch (result.outcome()) {
            case DELIVERED -> {
                outbox.markDelivered(delivery.id(), result.httpStatus());
                count(delivery, "delivered");
            }
            case REJECTED -> {
                outbox.markFailed(delivery.id(), result.detail(), result.httpStatus());
                count(delivery, "failed");
                LOG.warnf("outbox delivery %d (%s to %s) rejected for good: %s", delivery.id(), delivery.channel(), delivery.target(), result.detail());
            }
            case RETRY -> {
                if (delivery.attempts() >= delivery.maxAttempts()) {
                    outbox.markFailed(delivery.id(), "gave up after " + delivery.attempts() + " attempts: " + result.detail(), result.httpStatus());
                    count(delivery, "failed");
                    LOG.warnf("outbox delivery %d (%s to %s) failed after %d attempts: %s", delivery.id(), delivery.channel(),
                            delivery.target(), delivery.attempts(), result.detail());
                } else {
                    Duration wait = backoff.delayAfter(delivery.attempts(), result.retryAfter());
                    outbox.markForRetry(delivery.id(), Instant.now().plus(wait), result.detail(), result.httpStatus());
                    count(delivery, "retried");
                }
            }
        }
    }

    private void count(Delivery delivery, String outcome) {
        Counter.builder("hub.outbox.attempts").tag("channel", delivery.channel()).tag("outcome", outcome)
                .description("Outbox delivery attempts by outcome").register(registry).increment();
    }
}
