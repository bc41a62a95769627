package io.trackerhub.kit.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Token buckets, one per rate-limited destination, in this replica: a destination limited to r deliveries per second
 * gets a burst of max(1, r) and one more every 1/r seconds. A receiver's own {@code Retry-After} on 429 empties
 * the bucket until then, since such a limit is the receiver's, not one delivery's. Limits are per replica.
 */
final class RateLimits {

    private record Bucket(double perSecond, double tokens, long updatedNanos) {
        double capacity() {
            return Math.max(1.0, perSecond);
        }

        Bucket refilled(long now) {
            if (perSecond <= 0) {
                return this;
            }
            double added = (now - updatedNanos) / 1e9 * perSecond;
            return new Bucket(perSecond, Math.min(capacity(), tokens + added), now);
        }
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> blockedUntil = new HashMap<>();

    /** Takes the current limits (from the destination table); unlimited destinations are dropped. */
    synchronized void configure(List<Destination> destinations) {
        long now = System.nanoTime();
        Map<String, Double> limits = destinations.stream().filter(d -> d.ratePerSecond() != null)
                .collect(Collectors.toMap(Destination::name, Destination::ratePerSecond));
        buckets.keySet().retainAll(limits.keySet());
        limits.forEach((name, rate) -> {
            Bucket old = buckets.get(name);
            if (old == null) {
                buckets.put(name, new Bucket(rate, Math.max(1.0, rate), now));
            } else if (old.perSecond() != rate) {
                buckets.put(name, new Bucket(rate, Math.min(old.tokens(), Math.max(1.0, rate)), now));
            }
        });
    }

    /** Takes one token; false when the destination must wait. Destinations without a limit always may send. */
    synchronized boolean tryTake(String destination) {
        if (destination == null) {
            return true;
        }
        long now = System.nanoTime();
        Long blocked = blockedUntil.get(destination);
        if (blocked != null) {
            if (blocked - now > 0) {
                return false;
            }
            blockedUntil.remove(destination);
        }
        Bucket bucket = buckets.get(destination);
        if (bucket == null) {
            return true;
        }
        bucket = bucket.refilled(now);
        if (bucket.tokens() < 1.0) {
            buckets.put(destination, bucket);
            return false;
        }
        buckets.put(destination, new Bucket(bucket.perSecond(), bucket.tokens() - 1.0, now));
        return true;
    }

    /** When the destination may send again (now if it may). */
    synchronized Instant nextSendAt(String destination) {
        long now = System.nanoTime();
        long waitNanos = 0;
        Long blocked = blockedUntil.get(destination);
        if (blocked != null) {
            waitNanos = Math.max(waitNanos, blocked - now);
        }
        Bucket bucket = buckets.get(destination);
        if (bucket != null) {
            Bucket refilled = bucket.refilled(now);
            if (refilled.tokens() < 1.0) {
                waitNanos = Math.max(waitNanos, (long) ((1.0 - refilled.tokens()) / refilled.perSecond() * 1e9));
            }
        }
        return Instant.now().plusNanos(waitNanos);
    }

    /** The receiver asked us to hold off (429 with Retry-After). */
    synchronized void holdOff(String destination, Duration wait) {
        if (destination != null && wait != null && !wait.isNegative() && !wait.isZero()) {
            blockedUntil.merge(destination, System.nanoTime() + wait.toNanos(), Math::max);
        }
    }

    /** Destinations that may not send right now: left out of the next claim. */
    synchronized Set<String> throttled() {
        long now = System.nanoTime();
        Set<String> names = blockedUntil.entrySet().stream().filter(e -> e.getValue() - now > 0).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        buckets.forEach((name, bucket) -> {
            if (bucket.refilled(now).tokens() < 1.0) {
                names.add(name);
            }
        });
        return names;
    }
}
