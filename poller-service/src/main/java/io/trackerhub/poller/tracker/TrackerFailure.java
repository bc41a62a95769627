package io.trackerhub.poller.tracker;

/**
 * Tracker answered something a sync cannot go on with. {@link Kind} says what the poller does about it: a rejected
 * token stops the integration, a forbidden or unknown project is skipped, an unavailable Tracker ends the cycle
 * (tried again at the next), a refused request is a bug or a server that is not Tracker-compatible.
 */
public class TrackerFailure extends RuntimeException {

    public enum Kind {
        /** 401 or 403 on the token itself: poll no more until a new token is set. */
        TOKEN_REJECTED,
        /** 403 or 404 on one project: not a member (any more), or the project is gone. */
        PROJECT_FORBIDDEN,
        /** 429s, 5xx or timeouts beyond the retries of one request. */
        UNAVAILABLE,
        /** Any other answer (400, unreadable body). */
        REFUSED
    }

    private final Kind kind;
    private final int status;

    public TrackerFailure(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }
}
