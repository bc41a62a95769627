package io.trackerhub.connector.systems;

import io.trackerhub.kit.outbox.DeliveryResult;

import java.time.Duration;

/**
 * An external system (or Tracker) did not do what was asked: its credentials were rejected, it failed for now (5xx,
 * 429, timeouts, unreachable), it refused the request for good (other 4xx), or it answered something unreadable.
 */
public class SystemFailure extends RuntimeException {

    public enum Kind { CREDENTIALS, TRANSIENT, REJECTED, MALFORMED }

    private final Kind kind;
    private final Integer status;
    private final transient Duration retryAfter;

    public SystemFailure(Kind kind, String message, Integer status, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public static SystemFailure malformed(String system, String what, String why) {
        return new SystemFailure(Kind.MALFORMED, system + " answered " + what + " with something unreadable: " + why, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public Integer status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** How the outbox takes it; credentials are handled by the caller first (connector state, pause). */
    public DeliveryResult result() {
        return switch (kind) {
            case REJECTED -> new DeliveryResult(DeliveryResult.Outcome.REJECTED, getMessage(), status, null);
            case CREDENTIALS, TRANSIENT, MALFORMED -> new DeliveryResult(DeliveryResult.Outcome.RETRY, getMessage(), status, retryAfter);
        };
    }
}
