package io.trackerhub.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends due outbox deliveries through the {@link DeliveryHandler} of their channel: delivered, or retried with
 * exponential back-off and jitter (honouring Retry-After), or after {@code hub.outbox.max-attempts} attempts,
 * or when the receiver rejects it for good, {@code failed} — visible in {@code /admin/outbox} and the
 * {@code hub_outbox_deliveries} gauge, and retried only by hand.
 * <p>
 * One loop claims due rows (woken when a transaction that queued deliveries commits, when a run finishes, and at
 * least every {@code hub.outbox.poll-interval}); at most {@code hub.outbox.concurrency} runs are sent at once, each send
 * cut off after {@code hub.outbox.delivery-timeout}. An ordering key's deliveries are claimed as a run of up to
 * {@code hub.outbox.run-length}, oldest first, and sent one after another by one sender; nothing of the key is claimed
 * again before the run is done (order), and a run stops at its first delivery that is not delivered. A destination's
 * rate limit is kept per replica; a destination failing for longer than {@code hub.outbox.pause-after} is paused with
 * its reason. Several replicas share the table safely: a claim is a lease taken with {@code for update skip locked}.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final Duration LIMITS_REFRESH = Duration.ofSeconds(2);

    private final Outbox outbox;
    private final OutboxSignal signal;
    private final Map<String, DeliveryHandler> handlers = new HashMap<>();
    private final Backoff backoff;
    private final int batchSize;
    private final int runLength;
    private final Duration lease;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration deliveryTimeout;
    private final Duration pauseAfter;
    private final int pauseMinFailures;
    private final boolean loopEnabled;
    private final Duration deliveredRetention;
    private final MeterRegistry registry;
    private final AtomicReference<Map<Delivery.Status, Long>> counts = new AtomicReference<>(new EnumMap<>(Delivery.Status.class));
    private final AtomicLong pausedDestinations = new AtomicLong();
    private final RateLimits limits = new RateLimits();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();
    private volatile long limitsRefreshedAt = Long.MIN_VALUE;
    /** Deliveries sent but not yet marked: marked together, in one statement, before the next claim. */
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    private record Sent(long id, Integer httpStatus) {
    }

    private ExecutorService senders;
    private ScheduledExecutorService watchdog;
    private Semaphore slots;
    private Thread loop;
    private volatile boolean running;
    /** Set when the service stops: runs give back what they have not sent yet instead of sending it. */
    private volatile boolean stopping;

    public OutboxDispatcher(Outbox outbox, OutboxSignal signal, Instance<DeliveryHandler> handlers, MeterRegistry registry,
                            OutboxSettings settings) {
        this.outbox = outbox;
        this.signal = signal;
        handlers.forEach(h -> h.channels().forEach(channel -> this.handlers.put(channel, h)));
        this.backoff = new Backoff(settings.baseDelay(), settings.maxDelay());
        this.batchSize = settings.batchSize();
        this.runLength = Math.max(1, settings.runLength());
        // A claim must outlast one attempt (cut off after the delivery timeout) and the marking that follows; no more,
        // as after a crash the rows it held (and every row behind them in their ordering key) wait until it ends.
        this.lease = settings.lease().orElse(settings.deliveryTimeout().multipliedBy(2).plusSeconds(15));
        this.concurrency = Math.max(1, settings.concurrency());
        this.pollInterval = settings.pollInterval();
        this.deliveryTimeout = settings.deliveryTimeout();
        this.pauseAfter = settings.pauseAfter();
        this.pauseMinFailures = settings.pauseMinFailures();
        this.loopEnabled = settings.dispatcher().enabled();
        this.deliveredRetention = settings.deliveredRetention();
        this.registry = registry;
        for (Delivery.Status status : Delivery.Status.values()) {
            Gauge.builder("hub.outbox.deliveries", counts, c -> c.get().getOrDefault(status, 0L))
                    .tag("status", status.column())
                    .description("Outbox deliveries by status")
                    .register(registry);
        }
        Gauge.builder("hub.outbox.destinations.paused", pausedDestinations, AtomicLong::get)
                .description("Destinations paused because they kept failing").register(registry);
    }

    void start(@Observes StartupEvent started) {
        senders = Executors.newFixedThreadPool(concurrency, named("outbox-sender"));
        watchdog = Executors.newSingleThreadScheduledExecutor(named("outbox-watchdog"));
        slots = new Semaphore(concurrency);
        if (loopEnabled) {
            running = true;
            loop = named("outbox-dispatcher").newThread(this::run);
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopping = true;
        signal.wake();
        try {
            if (loop != null) {
                loop.join(5_000);
            }
            if (senders != null) {
                senders.shutdown();
                // sends in flight finish; one that does not is sent again when its lease ends
                senders.awaitTermination(10, TimeUnit.SECONDS);
            }
            markSent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGauges() {
        try {
            counts.set(outbox.countByStatus());
            pausedDestinations.set(outbox.destinations().stream().filter(Destination::paused).count());
        } catch (RuntimeException e) {
            LOG.debugf("outbox gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Keeps the table to what is pending, failed or recent: delivered rows go after {@code hub.outbox.delivered-retention}. */
    @Scheduled(every = "${hub.outbox.cleanup-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetDelivered() {
        try {
            int removed = 0;
            for (int n = outbox.forgetDelivered(deliveredRetention, 10_000); n > 0; n = outbox.forgetDelivered(deliveredRetention, 10_000)) {
                removed += n;
            }
            if (removed > 0) {
                LOG.infof("outbox forgot %d deliveries delivered more than %s ago", removed, deliveredRetention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox clean-up failed, will try again: %s", e.getMessage());
        }
    }

    private void run() {
        while (running) {
            try {
                markSent();
                refreshLimits(false);
                Instant wakeAt = Instant.now().plus(pollInterval);
                int free = slots.availablePermits();
                if (free > 0) {
                    Set<String> throttled = limits.throttled();
                    for (String name : throttled) {
                        wakeAt = earliest(wakeAt, limits.nextSendAt(name));
                    }
                    int wanted = Math.min(free, batchSize);
                    Instant claimedAt = Instant.now();
                    List<List<Delivery>> runs = runs(outbox.claimDue(wanted, runLength, lease, throttled));
                    for (List<Delivery> run : runs) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                send(run, claimedAt);
                            } finally {
                                slots.release();
                                signal.wake();
                            }
                        });
                    }
                    if (runs.size() == wanted) {
                        continue;
                    }
                }
                signal.await(Duration.between(Instant.now(), wakeAt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox dispatch failed, will try again: %s", e.getMessage());
                try {
                    signal.await(pollInterval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends every delivery due now and waits for the answers; returns how many attempts were made. */
    public int dispatchDue() {
        refreshLimits(true);
        int attempted = 0;
        while (true) {
            Instant claimedAt = Instant.now();
            List<Future<Integer>> sends = new ArrayList<>();
            for (List<Delivery> run : runs(outbox.claimDue(batchSize, runLength, lease, limits.throttled()))) {
                sends.add(senders.submit(() -> send(run, claimedAt)));
            }
            int made = 0;
            for (Future<Integer> send : sends) {
                try {
                    made += send.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return attempted + made;
                } catch (ExecutionException e) {
                    LOG.warnf("outbox send failed: %s", e.getCause().getMessage());
                }
            }
            attempted += made;
            markSent();
            if (made == 0) {
                return attempted;
            }
        }
    }

    /** The claimed deliveries as runs: those of one ordering key together in id order, each other delivery alone. */
    private static List<List<Delivery>> runs(List<Delivery> claimed) {
        Map<String, List<Delivery>> byKey = new java.util.LinkedHashMap<>();
        List<List<Delivery>> runs = new ArrayList<>();
        for (Delivery delivery : claimed) {
            if (delivery.orderingKey() == null) {
                runs.add(List.of(delivery));
            } else {
                byKey.computeIfAbsent(delivery.orderingKey(), key -> {
                    List<Delivery> run = new ArrayList<>();
                    runs.add(run);
                    return run;
                }).add(delivery);
            }
        }
        return runs;
    }

    /**
     * Sends a run one delivery after another, stopping at the first that is not delivered (its retry or failure holds
     * the key), at a destination's rate limit, when the lease could not cover one more attempt, or when the service
     * stops; what was not attempted is given back at once (not counted as an attempt). Returns the attempts made.
     */
    private int send(List<Delivery> run, Instant claimedAt) {
        Instant lastStart = claimedAt.plus(lease).minus(deliveryTimeout).minusSeconds(5);
        for (int i = 0; i < run.size(); i++) {
            Delivery delivery = run.get(i);
            if (i > 0 && (stopping || Instant.now().isAfter(lastStart))) {
                giveBack(run.subList(i, run.size()), Instant.now());
                return i;
            }
            if (!limits.tryTake(delivery.destination())) {
                giveBack(run.subList(i, run.size()), limits.nextSendAt(delivery.destination()));
                return i;
            }
            if (!attempt(delivery)) {
                giveBack(run.subList(i + 1, run.size()), Instant.now());
                return i + 1;
            }
        }
        return run.size();
    }

    private void giveBack(List<Delivery> rest, Instant notBefore) {
        try {
            outbox.release(rest.stream().map(Delivery::id).toList(), notBefore);
        } catch (RuntimeException e) {
            // they stay leased and are sent when the lease ends
            LOG.warnf("outbox could not give back %d deliveries, they wait for their lease: %s", rest.size(), e.getMessage());
        }
    }

    private void markSent() {
        if (sent.isEmpty()) {
            return;
        }
        List<Sent> batch = new ArrayList<>();
        for (Sent next = sent.poll(); next != null; next = sent.poll()) {
            batch.add(next);
        }
        try {
            outbox.markDelivered(batch.stream().map(Sent::id).toList(), batch.stream().map(Sent::httpStatus).toList());
        } catch (RuntimeException e) {
            // kept for the next round; should this replica stop first, the rows are sent again when their lease ends
            sent.addAll(batch);
            throw e;
        }
    }

    private void refreshLimits(boolean now) {
        long t = System.nanoTime();
        if (now || t - limitsRefreshedAt > LIMITS_REFRESH.toNanos() || limitsRefreshedAt == Long.MIN_VALUE) {
            limits.configure(outbox.destinations());
            limitsRefreshedAt = t;
        }
    }

    /** One attempt; true if it was delivered. */
    private boolean attempt(Delivery delivery) {
        DeliveryHandler handler = handlers.get(delivery.channel());
        DeliveryResult result = handler == null
                ? DeliveryResult.rejected("no handler for channel '" + delivery.channel() + "' in this service")
                : deliverWithin(handler, delivery);
        try {
            record(delivery, result);
        } catch (RuntimeException e) {
            // the row stays leased and is attempted again when the lease ends
            LOG.warnf("outbox could not record the outcome of delivery %d, it will be sent again: %s", delivery.id(), e.getMessage());
            return false;
        }
        return result.outcome() == DeliveryResult.Outcome.DELIVERED;
    }

    /** Calls the handler, interrupting it when it takes longer than the delivery timeout. */
    private DeliveryResult deliverWithin(DeliveryHandler handler, Delivery delivery) {
        Thread sender = Thread.currentThread();
        Object lock = new Object();
        boolean[] finished = {false};
        boolean[] timedOut = {false};
        ScheduledFuture<?> cutOff = watchdog.schedule(() -> {
            synchronized (lock) {
                if (!finished[0]) {
                    timedOut[0] = true;
                    sender.interrupt();
                }
            }
        }, deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        DeliveryResult result;
        try {
            result = handler.deliver(delivery);
        } catch (Exception e) {
            result = DeliveryResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            synchronized (lock) {
                finished[0] = true;
            }
            cutOff.cancel(false);
            Thread.interrupted();
        }
        if (timedOut[0]) {
            return DeliveryResult.retry("no answer within " + deliveryTimeout.toMillis() + " ms");
        }
        return result == null ? DeliveryResult.retry("the handler returned no result") : result;
    }

    private void record(Delivery delivery, DeliveryResult result) {
        switch (result.outcome()) {
            case DELIVERED -> {
                sent.add(new Sent(delivery.id(), result.httpStatus()));
                count(delivery, "delivered");
                lag(delivery);
                healthy(delivery.destination());
            }
            case REJECTED -> {
                outbox.markFailed(delivery.id(), result.detail(), result.httpStatus());
                count(delivery, "failed");
                LOG.warnf("outbox delivery %d (%s to %s) rejected for good: %s", delivery.id(), delivery.channel(), delivery.target(), result.detail());
                failing(delivery.destination(), result.detail());
            }
            case RETRY -> {
                if (result.httpStatus() != null && result.httpStatus() == 429) {
                    limits.holdOff(delivery.destination(), result.retryAfter());
                }
                if (delivery.attempts() >= delivery.maxAttempts()) {
                    outbox.markFailed(delivery.id(), "gave up after " + delivery.attempts() + " attempts: " + result.detail(), result.httpStatus());
                    count(delivery, "failed");
                    LOG.warnf("outbox delivery %d (%s to %s) failed after %d attempts: %s", delivery.id(), delivery.channel(),
                            delivery.target(), delivery.attempts(), result.detail());
                } else {
                    LOG.debugf("outbox delivery %d (%s to %s) retried after attempt %d: %s", delivery.id(), delivery.channel(),
                            delivery.target(), delivery.attempts(), result.detail());
                    Duration wait = backoff.delayAfter(delivery.attempts(), result.retryAfter());
                    outbox.markForRetry(delivery.id(), Instant.now().plus(wait), result.detail(), result.httpStatus());
                    count(delivery, "retried");
                }
                failing(delivery.destination(), result.detail());
            }
        }
    }

    private void healthy(String destination) {
        if (destination != null && failing.getOrDefault(destination, Boolean.TRUE)) {
            outbox.noteSuccess(destination);
            failing.put(destination, Boolean.FALSE);
        }
    }

    private void failing(String destination, String error) {
        if (destination == null) {
            return;
        }
        failing.put(destination, Boolean.TRUE);
        Destination state = outbox.noteFailure(destination, error, pauseAfter, pauseMinFailures);
        if (state.paused() && state.pausedAt().isAfter(Instant.now().minusSeconds(1))) {
            LOG.warnf("outbox destination %s paused: %s", destination, state.pauseReason());
        }
    }

    private void count(Delivery delivery, String outcome) {
        String destination = delivery.destination() == null ? "none" : delivery.destination();
        counters.computeIfAbsent(delivery.channel() + '\u0000' + destination + '\u0000' + outcome, key ->
                Counter.builder("hub.outbox.attempts").tag("channel", delivery.channel()).tag("destination", destination)
                        .tag("outcome", outcome).description("Outbox delivery attempts by outcome").register(registry)).increment();
    }

    private void lag(Delivery delivery) {
        String destination = delivery.destination() == null ? "none" : delivery.destination();
        lags.computeIfAbsent(destination, name -> Timer.builder("hub.outbox.lag").tag("destination", name)
                        .description("Time from queueing a delivery to its delivery").publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1)).register(registry))
                .record(Duration.between(delivery.createdAt(), Instant.now()));
    }

    private static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
