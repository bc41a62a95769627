package io.trackerhub.timesheet.tasks;

import java.time.Instant;
import java.util.List;

/**
 * Tasks just archived (a CDI event, observed synchronously in the same transaction): no more time on them, so the
 * timers running on them stop. An event keeps the import free of the timers that depend on tasks.
 */
public record TasksArchived(List<Long> taskIds, Instant at, String reason) {
}
