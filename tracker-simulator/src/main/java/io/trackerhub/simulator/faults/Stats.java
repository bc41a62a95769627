package io.trackerhub.simulator.faults;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What {@code GET /_sim/stats} reports: Tracker API requests by status, web hooks sent, dropped and failed. */
@ApplicationScoped
public class Stats {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder webhooksSent = new LongAdder();
    private final LongAdder webhooksDropped = new LongAdder();
    private final LongAdder webhooksFailed = new LongAdder();

    public void served(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void webhookSent() {
        webhooksSent.increment();
    }

    public void webhookDropped() {
        webhooksDropped.increment();
    }

    public void webhookFailed() {
        webhooksFailed.increment();
    }

    public Map<String, Long> requestsByStatus() {
        Map<String, Long> out = new TreeMap<>();
        byStatus.forEach((status, count) -> out.put(String.valueOf(status), count.sum()));
        return out;
    }

    public long requests() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> webhooks() {
        return Map.of("sent", webhooksSent.sum(), "dropped", webhooksDropped.sum(), "failed", webhooksFailed.sum());
    }
}
