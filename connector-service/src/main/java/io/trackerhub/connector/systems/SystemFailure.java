package io.trackerhub.connector.systems;

import io.trackerhub.kit.outbox.DeliveryResult;

import java.time.Duration;

/**
 * An external system (or Tracker) did not do what was asked: its credentials were rejected, it failed for now (5xx,
 * 429, timeouts, unreachable), it refused the request for good (other 4xx), or it answered something unreadable.
 * {@code words} are the system's own (its error message), {@code body} what it answered, for a system's own reading of
 * its error codes (Bugzilla's); neither ever holds a credential we sent.
 */
public class SystemFailure extends RuntimeException {

    public enum Kind { CREDENTIALS, TRANSIENT, REJECTED, MALFORMED }

    private final Kind kind;
    private final Integer status;
    private final transient Duration retryAfter;
    private final transient String words;
    private final transient String body;

    public SystemFailure(Kind kind, String message, Integer status, Duration retryAfter) {
        this(kind, message, status, retryAfter, null, null);
    }

    SystemFailure(Kind kind, String message, Integer status, Duration retryAfter, String words, String body) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.words = words;
        this.body = body;
    }

    public static SystemFailure malformed(String system, String what, String why) {
        return new SystemFailure(Kind.MALFORMED, system + " answered " + what + " with something unreadable: " + why, null, null);
    }

    /** An HTTP answer that is not a success, before the call it answered is named ({@link #about}). */
    static SystemFailure http(Kind kind, String system, int status, Duration retryAfter, String words, String body) {
        return new SystemFailure(kind, system + " answered with HTTP " + status + (words.isEmpty() ? "" : ": " + words), status,
                retryAfter, words, body);
    }

    /** The same failure, its message naming the call: "Jira answered the search of filter 7 with HTTP 500: …". */
    public SystemFailure about(String system, String what) {
        if (status == null || words == null) {
            return this;
        }
        return new SystemFailure(kind, system + " answered " + what + " with HTTP " + status + (words.isEmpty() ? "" : ": " + words),
                status, retryAfter, words, body);
    }

    /** The same failure read another way (a system that says more in its body than in its status). */
    public SystemFailure as(Kind newKind, Integer newStatus) {
        return new SystemFailure(newKind, getMessage(), newStatus, retryAfter, words, body);
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

    /** What the system answered, when it answered (at most 64 KiB), else null. */
    public String body() {
        return body;
    }

    /** How the outbox takes it; credentials are handled by the caller first (connector state, pause). */
    public DeliveryResult result() {
        return switch (kind) {
            case REJECTED -> new DeliveryResult(DeliveryResult.Outcome.REJECTED, getMessage(), status, null);
            case CREDENTIALS, TRANSIENT, MALFORMED -> new DeliveryResult(DeliveryResult.Outcome.RETRY, getMessage(), status, retryAfter);
        };
    }
}
