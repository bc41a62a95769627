package io.trackerhub.connector.systems;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.trackerhub.events.vocabulary.StoryTypes;

/**
 * A ticket, issue, bug or topic of an external system as the import panel shows it. {@code type} is the system's own
 * (Jira issue type, Zendesk ticket type, Get Satisfaction style…); {@code description} and {@code storyType} are used
 * when it is imported.
 */
public record ExternalItem(String id, String title, String type, String requester, String created, String url,
                           @JsonIgnore String description, @JsonIgnore String storyType, @JsonIgnore Double estimate) {

    /** Tracker's story type for a system's item type: bugs and problems are bugs, tasks chores, the rest features. */
    public static String storyTypeOf(String externalType) {
        String t = externalType == null ? "" : externalType.toLowerCase(java.util.Locale.ROOT);
        if (t.contains("bug") || t.contains("problem") || t.contains("incident") || t.contains("defect")) {
            return StoryTypes.BUG;
        }
        if (t.contains("chore") || t.contains("task")) {
            return StoryTypes.CHORE;
        }
        return StoryTypes.FEATURE;
    }
}
