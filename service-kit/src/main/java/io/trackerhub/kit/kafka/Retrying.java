package io.trackerhub.kit.kafka;

import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a consumer applies what it read when its database may be away: the same transaction is tried again, with
 * back-off from 100 ms to 5 s, until it commits, so nothing behind it overtakes it and nothing is lost. When the
 * service is stopping it gives up and the records stay unacknowledged: they are consumed again after the restart.
 */
public final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private Retrying() {
    }

    /** The transaction's result, or empty when the service began stopping before it committed. */
    public static <R> Optional<R> untilCommitted(String what, Supplier<R> transaction, BooleanSupplier stopping) {
        long wait = 100;
        while (true) {
            try {
                return Optional.of(transaction.get());
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    return Optional.empty();
                }
                LOG.warnf("%s not applied, trying again in %d ms: %s", what, wait, e.getMessage());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                wait = Math.min(wait * 2, 5_000);
            }
        }
    }
}
