package io.trackerhub.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Id sequences per kind of object, never handing out an id that an earlier run of the simulator handed out.
 *
 * <p>Each kind counts up from its own first id (projects 2000000, stories 100000000, … as Tracker's ranges looked)
 * plus this run's offset: the milliseconds from {@link #EPOCH} to the start of the run, times
 * {@link #IDS_PER_MILLISECOND}. A restart therefore starts every sequence above the ids of every earlier run, as long
 * as no run handed out more than a million ids of one kind per second it ran (seeding makes some 16,000 stories a
 * second) and the wall clock did not go back. No state on disk: the simulator is started as a plain process by
 * {@code ./hub}, testkit and the reliability suite, without a directory of its own. The ids are 14 digits today,
 * positive, and stay below 2^53 (exact in JavaScript and JSON parsers that read doubles) for some 280 years.
 *
 * <p>Within a run the sequences only go up, and ids loaded from the recordings are {@link #claim claimed} (they lie
 * below every run's offset anyway). {@link #reset} ({@code DELETE /_sim/world}) starts this run's sequences again from
 * this run's offset, so that the same seed gives the same world again in the same run; a restart never does.
 */
public final class Ids {

    /** Tracker's last days; runs count their offset from here. */
    static final Instant EPOCH = Instant.parse("2025-04-28T00:00:00Z");
    /** How fast the offset of a later start grows: 1000 ids a millisecond, a million a second. */
    static final long IDS_PER_MILLISECOND = 1000;

    public enum Kind {
        PROJECT(2_000_000L), PERSON(3_000_000L), STORY(100_000_000L), EPIC(4_000_000L), LABEL(14_000_000L),
        COMMENT(180_000_000L), TASK(56_000_000L), MEMBERSHIP(5_000_000L), NOTIFICATION(350_000_000L), WEBHOOK(600_000L);

        final long first;

        Kind(long first) {
            this.first = first;
        }
    }

    private final long offset;
    private final Map<Kind, Long> next = new EnumMap<>(Kind.class);

    /** The sequences of a run starting now. */
    public Ids() {
        this(Instant.now());
    }

    /** The sequences of a run started at {@code start} (a clock before {@link #EPOCH} gives offset 0). */
    public Ids(Instant start) {
        this.offset = Math.max(0, Duration.between(EPOCH, start).toMillis()) * IDS_PER_MILLISECOND;
    }

    /** The first id of the kind in this run. */
    public long first(Kind kind) {
        return kind.first + offset;
    }

    public synchronized long next(Kind kind) {
        long id = next.getOrDefault(kind, first(kind));
        next.put(kind, id + 1);
        return id;
    }

    /** Moves a sequence forward to at least {@code atLeast}, never below this run's first id of the kind. */
    public synchronized void advanceTo(Kind kind, long atLeast) {
        next.merge(kind, Math.max(atLeast, first(kind)), Math::max);
    }

    /** Keeps loaded ids (the recorded world) from being handed out again. */
    public synchronized void claim(Kind kind, long id) {
        advanceTo(kind, id + 1);
    }

    /** Starts this run's sequences again at their first ids ({@code DELETE /_sim/world}): never below the run's offset. */
    public synchronized void reset() {
        next.clear();
    }
}
