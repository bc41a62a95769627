package io.trackerhub.kit.kafka;

import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a consumer applies what it read when its database may be away: the same transaction is tried again, with
 * back-off from 100 ms to 5 s, until it commits, so nothing behind it overtakes it and nothing is lost; then the
 * records are acknowledged. When the service is stopping it gives up and leaves them unacknowledged: they are consumed
 * again after the restart.
 * <pre>
 * return Retrying.untilCommitted("activity " + event.id(), () -> service.apply(event), outcome -> message.ack());
 * </pre>
 */
public final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);
    /** Set by {@link ShutdownWatch} while the application stops (and cleared when one starts in the same JVM). */
    static volatile boolean stopping;

    private Retrying() {
    }

    /**
     * Runs {@code transaction} until it commits, then {@code acknowledge} with its result. While the service is
     * stopping, a stage that never completes: the records stay unacknowledged.
     */
    public static <R> CompletionStage<Void> untilCommitted(String what, Supplier<R> transaction,
                                                           Function<R, CompletionStage<Void>> acknowledge) {
        long wait = 100;
        while (true) {
            R result;
            try {
                result = transaction.get();
            } catch (RuntimeException e) {
                if (stopping) {
                    return new CompletableFuture<>();
                }
                LOG.warnf("%s not applied, trying again in %d ms: %s", what, wait, e.getMessage());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new CompletableFuture<>();
                }
                wait = Math.min(wait * 2, 5_000);
                continue;
            }
            return acknowledge.apply(result);
        }
    }
}
