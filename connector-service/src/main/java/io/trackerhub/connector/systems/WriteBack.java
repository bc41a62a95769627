package io.trackerhub.connector.systems;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.events.vocabulary.StoryStates;

/**
 * One story comment or state change to write to a linked ticket: the payload of an outbox delivery (no credential in
 * it; they are opened at send time). {@code action} is {@code comment} or {@code state}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WriteBack(long connectorId, long linkId, String externalId, long storyId, String storyName, String storyUrl,
                        String action, Long commentId, String text, String author, String fromState, String toState) {

    public static final String COMMENT = "comment";
    public static final String STATE = "state";

    public boolean comment() {
        return COMMENT.equals(action);
    }

    public boolean stateChange() {
        return STATE.equals(action);
    }

    /** A story that was rejected and is started again. */
    public boolean restarted() {
        return StoryStates.STARTED.equals(toState) && StoryStates.REJECTED.equals(fromState);
    }

    /** The comment as written to the ticket: who wrote it in Tracker, and where. */
    public String commentText() {
        return (author == null ? "Someone" : author) + " commented on Tracker story \"" + storyName + "\":\n\n" + text
                + (storyUrl == null ? "" : "\n\n" + storyUrl);
    }

    /** A state change as a note on the ticket. */
    public String stateText() {
        String verb = restarted() ? "restarted" : toState;
        return (author == null ? "Someone" : author) + " " + verb + " Tracker story \"" + storyName + "\" (" + fromState + " → "
                + toState + ")" + (storyUrl == null ? "" : ": " + storyUrl);
    }
}
