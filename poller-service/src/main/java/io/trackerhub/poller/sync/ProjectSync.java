package io.trackerhub.poller.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.TrackedProject;
import io.trackerhub.poller.publish.RecordPublisher;
import io.trackerhub.poller.tracker.TrackerClient;
import io.trackerhub.poller.tracker.TrackerFailure;
import io.trackerhub.poller.tracker.TrackerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Syncs one project of one integration: the first import (project, labels, memberships, epics, every story), then each
 * cycle the activity after the cursor, the snapshots it touched and tombstones for what went away; a fallback when
 * the activity feed no longer reaches back to the cursor; and the backfill of a gap the ingest service saw.
 */
final class ProjectSync {

    static final int PAGE = TrackerHttp.MAX_LIMIT;
    private static final String PROJECT_FIELDS = "fields=" + enc(":default,labels,memberships,epics");
    private static final String ALL_STORIES = "filter=" + enc("includedone:true");
    private static final int IDS_PER_READ = 100;

    private final long integrationId;
    private final String replica;
    private final TrackerClient.Session tracker;
    private final RecordPublisher publisher;
    private final Integrations integrations;
    private final ExecutorService pages;
    private final Progress progress;
    private final Set<Long> polledProjects;
    private final Duration fallbackMargin;

    ProjectSync(long integrationId, String replica, TrackerClient.Session tracker, RecordPublisher publisher, Integrations integrations,
                ExecutorService pages, Progress progress, Set<Long> polledProjects, Duration fallbackMargin) {
        this.integrationId = integrationId;
        this.replica = replica;
        this.tracker = tracker;
        this.publisher = publisher;
        this.integrations = integrations;
        this.pages = pages;
        this.progress = progress;
        this.polledProjects = polledProjects;
        this.fallbackMargin = fallbackMargin;
    }

    /** One cycle of the project: import if it has no cursor yet, else the activity since the cursor. */
    void sync(TrackedProject project) {
        if (!project.imported()) {
            importProject(project.projectId());
        } else {
            incremental(project);
        }
    }

    // --- first import --------------------------------------------------------------------------------------------

    void importProject(long projectId) {
        RecordPublisher.Batch batch = publisher.batch();
        long version = publishProject(projectId, batch, true);
        // the cursor starts where the run (or an attempt cut short before it) first looked: no activity since is skipped
        long cursor = integrations.importVersion(integrationId, projectId, version);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        long[] lastVersion = {version};
        TrackerResponse first = tracker.get(storiesPath(projectId, ALL_STORIES, 0), projectId);
        publishStories(projectId, first, batch, seen, lastVersion);
        Pagination pagination = first.pagination().orElse(null);
        if (pagination != null && pagination.hasMore()) {
            int step = Math.max(1, pagination.limit());
            List<Future<?>> reads = new ArrayList<>();
            for (int offset = pagination.nextOffset(); offset < pagination.total(); offset += step) {
                int at = offset;
                reads.add(pages.submit(() -> {
                    progress.check();
                    publishStories(projectId, tracker.get(storiesPath(projectId, ALL_STORIES, at), projectId), batch, seen, lastVersion);
                }));
            }
            await(reads);
        }
        if (lastVersion[0] != version) {
            // The project changed while it was read by offset: a story may have slid past a page boundary.
            Set<Long> now = idScan(projectId);
            Set<Long> missing = new HashSet<>(now);
            missing.removeAll(seen);
            refreshStories(projectId, missing, batch, seen);
        }
        batch.awaitAcknowledged();
        progress.check();
        if (!integrations.advance(integrationId, projectId, cursor, replica, List.copyOf(seen), null, null)) {
            throw new Progress.RunStopped("the lease was lost");
        }
    }

    /**
     * Notes the version a project's first import starts from before the import waits for a worker, so that the
     * activity made while it waits, or while the poller is down, is published by the first cycle after the import.
     */
    void noteImportStart(TrackedProject project) {
        if (project.imported() || project.importVersion() != null) {
            return;
        }
        try {
            long version = tracker.get("/projects/" + project.projectId(), project.projectId()).projectVersion().orElse(0L);
            integrations.importVersion(integrationId, project.projectId(), version);
        } catch (TrackerFailure e) {
            if (e.kind() != TrackerFailure.Kind.PROJECT_FORBIDDEN) {
                throw e;
            }
            // the import itself reports the project as forbidden
        }
    }

    /** Publishes the project (with labels and memberships) and its epics; returns the project version it was read at. */
    private long publishProject(long projectId, RecordPublisher.Batch batch, boolean withEpics) {
        TrackerResponse response = tracker.get("/projects/" + projectId + "?" + PROJECT_FIELDS, projectId);
        long version = response.projectVersion().orElse(0L);
        ObjectNode project = (ObjectNode) response.json();
        JsonNode epics = project.remove("epics");
        batch.send(TrackerRecord.snapshot(SnapshotKind.PROJECT, projectId, projectId, project, version, Origin.POLL, integrationId));
        if (withEpics && epics != null) {
            for (JsonNode epic : epics) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.EPIC, epic.path("id").asLong(), projectId, epic, version, Origin.POLL, integrationId));
            }
        }
        if (project.hasNonNull("name")) {
            integrations.projectName(integrationId, projectId, project.get("name").asText());
        }
        return version;
    }

    private void publishStories(long projectId, TrackerResponse page, RecordPublisher.Batch batch, Set<Long> seen, long[] lastVersion) {
        long version = page.projectVersion().orElse(0L);
        synchronized (lastVersion) {
            lastVersion[0] = Math.max(lastVersion[0], version);
        }
        int count = 0;
        for (JsonNode story : page.json()) {
            long id = story.path("id").asLong();
            if (seen.add(id)) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, id, projectId, story, version, Origin.POLL, integrationId));
                count++;
            }
        }
        progress.storiesSeen.addAndGet(count);
    }

    /** Every story id of the project, read with {@code fields=id}. */
    private Set<Long> idScan(long projectId) {
        Set<Long> ids = new LinkedHashSet<>();
        int offset = 0;
        while (true) {
            progress.check();
            TrackerResponse page = tracker.get(storiesPath(projectId, ALL_STORIES + "&fields=id", offset), projectId);
            int before = ids.size();
            for (JsonNode story : page.json()) {
                ids.add(story.path("id").asLong());
            }
            Pagination p = page.pagination().orElse(null);
            if (p == null || !p.hasMore() || ids.size() == before) {
                return ids;
            }
            offset = p.nextOffset();
        }
    }

    // --- incremental -----------------------------------------------------------------------------------------------

    private void incremental(TrackedProject project) {
        long projectId = project.projectId();
        long cursor = project.cursorVersion();
        int offset = 0;
        while (true) {
            progress.check();
            TrackerResponse response = tracker.get(activityPath(projectId, cursor, offset), projectId);
            List<Activity> page = Activities.parseJsonList(response.body());
            long now = response.projectVersion().orElse(cursor);
            if (offset == 0 && (page.isEmpty() ? now > cursor : page.get(0).projectVersion() > cursor + 1)) {
                fallback(project, page.isEmpty() ? now : page.get(0).projectVersion());
                return;
            }
            if (page.isEmpty()) {
                if (offset == 0) {
                    integrations.upToDate(integrationId, projectId, replica);
                }
                return;
            }
            applyActivity(projectId, page);
            Pagination p = response.pagination().orElse(null);
            if (p == null || !p.hasMore()) {
                return;
            }
            offset = p.nextOffset();
        }
    }

    /** Publishes a page of activity in version order, then the snapshots it touched, then moves the cursor past it. */
    private void applyActivity(long projectId, List<Activity> page) {
        List<Activity> activities = new ArrayList<>(page);
        activities.sort(java.util.Comparator.comparing(Activity::projectVersion));
        RecordPublisher.Batch batch = publisher.batch();
        Set<Long> touched = new LinkedHashSet<>();
        Set<Long> deleted = new LinkedHashSet<>();
        Set<Long> epicsDeleted = new LinkedHashSet<>();
        boolean epics = false;
        boolean projectChanged = false;
        for (Activity activity : activities) {
            batch.send(TrackerRecord.activity(activity, Origin.POLL, integrationId));
            for (Change change : activity.changes() == null ? List.<Change>of() : activity.changes()) {
                String kind = change.kind() == null ? "" : change.kind();
                switch (kind) {
                    case "story" -> {
                        if (change.id() != null) {
                            if (Change.DELETE.equals(change.changeType())) {
                                deleted.add(change.id());
                            } else {
                                touched.add(change.id());
                            }
                        }
                    }
                    case "epic" -> {
                        epics = true;
                        if (Change.DELETE.equals(change.changeType()) && change.id() != null) {
                            epicsDeleted.add(change.id());
                        }
                    }
                    case "project", "label", "project_membership", "iteration" -> projectChanged = true;
                    default -> {
                    }
                }
            }
            for (Resource resource : activity.primaryResources() == null ? List.<Resource>of() : activity.primaryResources()) {
                if ("story".equals(resource.kind()) && resource.id() != null) {
                    touched.add(resource.id());
                } else if ("epic".equals(resource.kind())) {
                    epics = true;
                }
            }
        }
        touched.removeAll(deleted);
        Set<Long> found = new HashSet<>();
        long version = activities.get(activities.size() - 1).projectVersion();
        refreshStories(projectId, touched, batch, found);
        Set<Long> removed = new LinkedHashSet<>(deleted);
        for (Long id : touched) {
            if (!found.contains(id) && !movedWithinIntegration(id, batch)) {
                removed.add(id);
            }
        }
        for (Long id : removed) {
            batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, id, projectId, null, version, Origin.POLL, integrationId));
        }
        if (epics) {
            TrackerResponse response = tracker.get("/projects/" + projectId + "/epics", projectId);
            long at = response.projectVersion().orElse(version);
            for (JsonNode epic : response.json()) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.EPIC, epic.path("id").asLong(), projectId, epic, at, Origin.POLL, integrationId));
            }
            for (Long id : epicsDeleted) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.EPIC, id, projectId, null, version, Origin.POLL, integrationId));
            }
        }
        if (projectChanged) {
            publishProject(projectId, batch, false);
        }
        batch.awaitAcknowledged();
        progress.activities.addAndGet(activities.size());
        progress.check();
        if (!integrations.advance(integrationId, projectId, version, replica, null, List.copyOf(found), List.copyOf(removed))) {
            throw new Progress.RunStopped("the lease was lost");
        }
    }

    /** Reads the given stories in bulk ({@code filter=id:…}, 100 per request) and publishes their snapshots. */
    private void refreshStories(long projectId, Set<Long> ids, RecordPublisher.Batch batch, Set<Long> found) {
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_READ) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_READ));
            String filter = "filter=" + enc("id:" + String.join(",", chunk.stream().map(String::valueOf).toList()) + " includedone:true");
            TrackerResponse response = tracker.get(storiesPath(projectId, filter, 0), projectId);
            long version = response.projectVersion().orElse(0L);
            for (JsonNode story : response.json()) {
                long id = story.path("id").asLong();
                if (found.add(id)) {
                    batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, id, projectId, story, version, Origin.POLL, integrationId));
                    progress.storiesSeen.incrementAndGet();
                }
            }
        }
    }

    /**
     * A touched story that is no longer in the project: moved to another project this integration polls (its snapshot
     * is published from there, so no tombstone may overwrite it) or deleted / moved out of reach (tombstone).
     */
    private boolean movedWithinIntegration(long storyId, RecordPublisher.Batch batch) {
        try {
            TrackerResponse response = tracker.get("/stories/" + storyId, storyId);
            JsonNode story = response.json();
            long now = story.path("project_id").asLong();
            if (polledProjects.contains(now)) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, storyId, now, story, response.projectVersion().orElse(0L),
                        Origin.POLL, integrationId));
                return true;
            }
            return false;
        } catch (TrackerFailure e) {
            if (e.kind() == TrackerFailure.Kind.PROJECT_FORBIDDEN) {
                return false;
            }
            throw e;
        }
    }

    // --- fallback when the activity feed no longer reaches back ------------------------------------------------------

    /**
     * The feed starts after the cursor: that activity is gone from Tracker. Stories updated since the last sync
     * (with a margin) are read and published, a full id scan finds deletions, and the cursor moves to the project's
     * version. The project's status says so.
     */
    private void fallback(TrackedProject project, long feedStartsAt) {
        long projectId = project.projectId();
        if (project.syncedAt() == null) {
            importProject(projectId);
            return;
        }
        RecordPublisher.Batch batch = publisher.batch();
        long version = publishProject(projectId, batch, true);
        Instant since = project.syncedAt().minus(fallbackMargin);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        long[] last = {version};
        String updated = ALL_STORIES + "&updated_after=" + enc(Timestamps.format(since));
        int offset = 0;
        while (true) {
            progress.check();
            TrackerResponse page = tracker.get(storiesPath(projectId, updated, offset), projectId);
            int before = seen.size();
            publishStories(projectId, page, batch, seen, last);
            Pagination p = page.pagination().orElse(null);
            if (p == null || !p.hasMore() || seen.size() == before) {
                break;
            }
            offset = p.nextOffset();
        }
        Set<Long> now = idScan(projectId);
        List<Long> known = integrations.storyIds(integrationId, projectId);
        for (Long id : known) {
            if (!now.contains(id)) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, id, projectId, null, version, Origin.POLL, integrationId));
            }
        }
        batch.awaitAcknowledged();
        progress.check();
        if (!integrations.advance(integrationId, projectId, version, replica, List.copyOf(now), null, null)) {
            throw new Progress.RunStopped("the lease was lost");
        }
        integrations.historyFallback(integrationId, projectId, Instant.now());
        integrations.projectState(integrationId, projectId, "ok", "activity history before version " + feedStartsAt
                + " is no longer available from Tracker (cursor was " + project.cursorVersion() + "); stories were compared by "
                + "updated_after and a full id scan instead, the activity in between was not published");
    }

    // --- gap backfill ------------------------------------------------------------------------------------------------

    /**
     * Publishes exactly the activities whose versions are in {@code missing} (all above the cursor); returns how many.
     * When the gap starts right after the cursor, the activities up to the first hole are applied as a cycle would
     * (snapshots refreshed, cursor moved), so that the next cycle does not publish them again.
     */
    int backfill(TrackedProject project, SortedSet<Long> missing) {
        if (missing.isEmpty()) {
            return 0;
        }
        long projectId = project.projectId();
        long since = missing.first() - 1;
        int offset = 0;
        java.util.TreeMap<Long, Activity> found = new java.util.TreeMap<>();
        while (true) {
            progress.check();
            TrackerResponse response = tracker.get(activityPath(projectId, since, offset), projectId);
            List<Activity> page = Activities.parseJsonList(response.body());
            for (Activity activity : page) {
                if (missing.contains(activity.projectVersion())) {
                    found.put(activity.projectVersion(), activity);
                }
            }
            Pagination p = response.pagination().orElse(null);
            boolean past = !page.isEmpty() && page.get(page.size() - 1).projectVersion() >= missing.last();
            if (page.isEmpty() || past || p == null || !p.hasMore()) {
                break;
            }
            offset = p.nextOffset();
        }
        List<Activity> contiguous = new ArrayList<>();
        long next = project.cursorVersion() + 1;
        for (Activity activity : found.values()) {
            if (activity.projectVersion() != next) {
                break;
            }
            contiguous.add(activity);
            next++;
        }
        if (!contiguous.isEmpty()) {
            applyActivity(projectId, contiguous);
        }
        RecordPublisher.Batch batch = publisher.batch();
        found.tailMap(next).values().forEach(activity -> batch.send(TrackerRecord.activity(activity, Origin.POLL, integrationId)));
        int rest = batch.size();
        batch.awaitAcknowledged();
        progress.activities.addAndGet(rest);
        return found.size();
    }

    private static String storiesPath(long projectId, String query, int offset) {
        return "/projects/" + projectId + "/stories?" + query + "&limit=" + PAGE + "&offset=" + offset;
    }

    private static String activityPath(long projectId, long sinceVersion, int offset) {
        return "/projects/" + projectId + "/activity?since_version=" + sinceVersion + "&sort_order=asc&limit=" + PAGE + "&offset=" + offset;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void await(List<Future<?>> futures) {
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Progress.RunStopped("interrupted");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
