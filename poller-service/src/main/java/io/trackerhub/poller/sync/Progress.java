package io.trackerhub.poller.sync;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** How far a run got; written to its {@code sync_run} row while it lasts. Stops the run when the lease is lost. */
final class Progress {

    final AtomicInteger projectsDone = new AtomicInteger();
    final AtomicInteger projectsTotal = new AtomicInteger();
    final AtomicLong storiesSeen = new AtomicLong();
    final AtomicLong activities = new AtomicLong();
    private volatile String stopped;
    /** Writes the progress to the run's row; set by the run. */
    volatile Runnable heartbeat = () -> {
    };

    /** The run must not go on (its lease is gone, or the service is stopping). */
    public void stop(String why) {
        stopped = why;
    }

    /** Throws when the run was told to stop; called between pages and projects. */
    public void check() {
        String why = stopped;
        if (why != null) {
            throw new RunStopped(why);
        }
    }

    public static final class RunStopped extends RuntimeException {
        RunStopped(String why) {
            super(why);
        }
    }
}
