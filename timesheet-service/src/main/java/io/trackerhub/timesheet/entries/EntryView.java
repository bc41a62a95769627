package io.trackerhub.timesheet.entries;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** A time entry as the API shows it, with its user's and task's names; {@code source} is {@code timer} or {@code manual}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(long id, long userId, String userName, long taskId, String taskName, String taskPath, Long storyId,
                        boolean taskArchived, Instant start, Instant end, long durationSeconds, String note, boolean billable,
                        String source) {
}
