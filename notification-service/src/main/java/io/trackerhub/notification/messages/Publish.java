package io.trackerhub.notification.messages;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a channel publishes, as Tracker's Campfire options: new stories, state changes, comments. */
public enum Publish {
    NEW_STORIES, STATE_CHANGES, COMMENTS;

    /** The options' wire names, for messages. */
    public static final String NAMES = "new_stories, state_changes, comments";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Publish> of(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
    }
}
