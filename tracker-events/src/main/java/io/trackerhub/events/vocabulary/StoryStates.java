package io.trackerhub.events.vocabulary;

import java.util.List;

/** Tracker's story states ({@code current_state}), as API v5 spells them, in workflow order. */
public final class StoryStates {

    public static final String UNSCHEDULED = "unscheduled";
    public static final String UNSTARTED = "unstarted";
    public static final String PLANNED = "planned";
    public static final String STARTED = "started";
    public static final String FINISHED = "finished";
    public static final String DELIVERED = "delivered";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    /** Every state, in workflow order (the order of Tracker's own state filters). */
    public static final List<String> ALL = List.of(UNSCHEDULED, UNSTARTED, PLANNED, STARTED, FINISHED, DELIVERED,
            ACCEPTED, REJECTED);

    /** The states a story reaches by someone's work (a transition a write-back or a chat message reports). */
    public static final List<String> WORKED = List.of(STARTED, FINISHED, DELIVERED, ACCEPTED, REJECTED);

    private StoryStates() {
    }
}
