package io.trackerhub.kit.kafka;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Why a consumer's transaction failed, which decides what happens to its records: a {@link Kind#TRANSIENT} failure
 * (the database or the broker away or busy) is retried in place for as long as it lasts, nothing overtaking; a
 * {@link Kind#DATA} error (a value PostgreSQL refuses: SQLSTATE classes 22 and 23) can never succeed and is given up at
 * once; anything else (a handler that throws) is tried a few times before it is given up.
 */
public final class Failures {

    public enum Kind { TRANSIENT, DATA, OTHER }

    /**
     * SQLSTATEs that say "not now": connection exceptions (08), insufficient resources (53), operator intervention
     * (57: admin shutdown, cannot connect now, query or statement cancelled), serialization failure and deadlock
     * (40001, 40P01), lock not available (55P03).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private Failures() {
    }

    public static Kind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.length() < 2) {
                    // no state: the pool (e.g. Agroal's acquisition timeout) or the driver before any answer
                    return Kind.TRANSIENT;
                }
                String category = state.substring(0, 2);
                if (category.equals("22") || category.equals("23")) {
                    return Kind.DATA;
                }
                if (TRANSIENT_CLASSES.contains(category) || TRANSIENT_STATES.contains(state)
                        || sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
                    return Kind.TRANSIENT;
                }
            }
            if (t instanceof IOException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.OTHER;
    }

    /** The failure in one line for a dead letter's reason: its class and message, the innermost cause named. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? top : top + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
