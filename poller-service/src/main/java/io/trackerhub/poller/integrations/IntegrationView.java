package io.trackerhub.poller.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/** An integration as the API shows it: never its token. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IntegrationView(long id, String name, String baseUrl, List<Long> projectIds, String syncInterval, String state,
                              String webhookUrl, Instant lastSyncAt, Instant nextSyncAt, String lastError, Progress progress,
                              List<ProjectView> projects) {

    /** The latest run: running now, or how the last one ended. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(boolean running, String reason, String outcome, int projectsDone, int projectsTotal, long storiesSeen,
                           long activities, int requests, Instant startedAt, Instant finishedAt, String replica, String error) {
        static Progress of(SyncRun run) {
            return run == null ? null : new Progress(run.finishedAt == null, run.reason, run.outcome, run.projectsDone,
                    run.projectsTotal, run.storiesSeen, run.activities, run.requests, run.startedAt, run.finishedAt,
                    run.replica, run.error);
        }
    }

    /** A polled project: its cursor and anything wrong with it (a 403, history no longer reaching back). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProjectView(long id, String name, String state, Long cursorVersion, Instant syncedAt, String lastError,
                              Instant historyFallbackAt) {
        static ProjectView of(TrackedProject p) {
            return new ProjectView(p.projectId, p.name, p.state, p.cursorVersion, p.syncedAt, p.lastError, p.historyFallbackAt);
        }
    }

    static IntegrationView of(Integration i, String webhookUrl, SyncRun latest, List<TrackedProject> projects) {
        return new IntegrationView(i.id, i.name, i.baseUrl, List.copyOf(i.projectIds), i.syncInterval.toString(), i.state.wire(), webhookUrl,
                i.lastSyncAt, i.state == Integration.State.OK || i.state == Integration.State.IMPORTING ? i.nextSyncAt : null,
                i.lastError, Progress.of(latest), projects.stream().map(ProjectView::of).toList());
    }
}
