package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A task as the API shows it: {@code path} reads "Pivotal Tracker / Project / Story"; {@code archived} is true when
 * the task or its project is archived.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(long id, String kind, Long parentId, long integrationId, Long trackerId, String name, String path,
                       String storyType, String currentState, Double estimate, String url, boolean archived,
                       String archivedReason, Instant archivedAt, Instant updatedAt) {

    /** The task with its parent and grandparent (either may be null). */
    static TaskView of(Task t, Task parent, Task grandparent) {
        String path = Stream.of(grandparent, parent, t).filter(Objects::nonNull).map(x -> x.name).filter(Objects::nonNull)
                .collect(Collectors.joining(" / "));
        boolean archived = t.archivedAt != null || (parent != null && parent.archivedAt != null);
        return new TaskView(t.id, t.kind, t.parentId, t.integrationId, t.trackerId, t.name, path, t.storyType, t.currentState,
                t.estimate, t.url, archived, t.archivedReason, t.archivedAt, t.updatedAt);
    }

    public boolean isStory() {
        return Task.STORY.equals(kind);
    }

    /** The Tracker story id of a story; null for a root or project. */
    public Long storyId() {
        return isStory() ? trackerId : null;
    }
}
