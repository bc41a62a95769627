package io.trackerhub.simulator.world;

import java.util.EnumMap;
import java.util.Map;

/** Id sequences per kind of object, in the ranges real Tracker used (stories 8–9 digits, projects 7). */
public final class Ids {

    public enum Kind {
        PROJECT(2_000_000L), PERSON(3_000_000L), STORY(100_000_000L), EPIC(4_000_000L), LABEL(14_000_000L),
        COMMENT(180_000_000L), TASK(56_000_000L), MEMBERSHIP(5_000_000L), NOTIFICATION(350_000_000L), WEBHOOK(600_000L);

        final long first;

        Kind(long first) {
            this.first = first;
        }
    }

    private final Map<Kind, Long> next = new EnumMap<>(Kind.class);

    public synchronized long next(Kind kind) {
        long id = next.getOrDefault(kind, kind.first);
        next.put(kind, id + 1);
        return id;
    }

    /** Moves a sequence forward to at least {@code atLeast}: a seeded world starts where its seed says, never below an id already given. */
    public synchronized void advanceTo(Kind kind, long atLeast) {
        next.merge(kind, Math.max(atLeast, kind.first), Math::max);
    }

    /** Keeps loaded ids (the recorded world) from being handed out again. */
    public synchronized void claim(Kind kind, long id) {
        advanceTo(kind, id + 1);
    }

    public synchronized void reset() {
        next.clear();
    }
}
