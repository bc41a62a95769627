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
import io.trackerhub.events.vocabulary.ActivityKinds;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.TrackedProject;
import io.trackerhub.poller.publish.RecordPublisher;
import io.trackerhub.poller.tracker.TrackerClient;
import io.trackerhub.poller.tracker.TrackerFailure;
import io.trackerhub.poller.tracker.TrackerResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
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
    private static final String PROJECT_FIELDS = ":default,labels,memberships,epics";
    private static final int IDS_PER_READ = 100;
    /** Activities held at most while the feed after the cursor is read; a longer backlog is read a window at a time. */
    static final int WINDOW = 10 * PAGE;

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
            importProject(project.projectId);
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
        // a plain listing holds every story, accepted ones too (recorded: client_get_all_stories_with_pagination)
        TrackerResponse first = tracker.stories(projectId, null, null, PAGE, 0);
        publishStories(projectId, first, batch, seen, lastVersion);
        Pagination pagination = first.pagination().orElse(null);
        if (pagination != null && pagination.hasMore()) {
            // the total, when Tracker gives one, lets the pages be read side by side; it may be stale, so the reading
            // goes on after the last page planned for as long as pages come back full
            int step = Math.max(1, pagination.limit());
            List<Future<Pagination>> reads = new ArrayList<>();
            for (int offset = pagination.nextOffset(); offset < pagination.totalOr(0); offset += step) {
                int at = offset;
                reads.add(pages.submit(() -> {
                    progress.check();
                    TrackerResponse page = tracker.stories(projectId, null, null, PAGE, at);
                    publishStories(projectId, page, batch, seen, lastVersion);
                    return page.pagination().orElse(null);
                }));
            }
            Pagination last = pagination;
            for (Pagination read : await(reads)) {
                if (read != null && read.offset() > last.offset()) {
                    last = read;
                }
            }
            for (Pagination p = last; p != null && p.hasMore(); ) {
                progress.check();
                TrackerResponse page = tracker.stories(projectId, null, null, PAGE, p.nextOffset());
                int before = seen.size();
                publishStories(projectId, page, batch, seen, lastVersion);
                p = seen.size() == before ? null : page.pagination().orElse(null);
            }
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
        if (project.imported() || project.importVersion != null) {
            return;
        }
        try {
            long version = tracker.project(project.projectId, null).projectVersion().orElse(0L);
            integrations.importVersion(integrationId, project.projectId, version);
        } catch (TrackerFailure e) {
            if (e.kind() != TrackerFailure.Kind.PROJECT_FORBIDDEN) {
                throw e;
            }
            // the import itself reports the project as forbidden
        }
    }

    /** Publishes the project (with labels and memberships) and its epics; returns the project version it was read at. */
    private long publishProject(long projectId, RecordPublisher.Batch batch, boolean withEpics) {
        TrackerResponse response = tracker.project(projectId, PROJECT_FIELDS);
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
            TrackerResponse page = tracker.stories(projectId, null, "id", PAGE, offset);
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

    /**
     * The activity after the cursor, applied oldest first a page at a time. The feed is read whole before any of it is
     * applied (up to {@link #WINDOW} versions at a time): Tracker pages it newest first, so the oldest page comes last.
     */
    private void incremental(TrackedProject project) {
        long projectId = project.projectId;
        long cursor = project.cursorVersion;
        for (boolean first = true; ; first = false) {
            Feed feed = readFeed(projectId, cursor, cursor + WINDOW);
            if (feed.historyLost()) {
                fallback(project, feed.oldest());
                return;
            }
            if (feed.activities.isEmpty()) {
                if (first) {
                    integrations.upToDate(integrationId, projectId, replica);
                }
                return;
            }
            List<Activity> ordered = List.copyOf(feed.activities.values());
            for (int from = 0; from < ordered.size(); from += PAGE) {
                applyActivity(projectId, ordered.subList(from, Math.min(ordered.size(), from + PAGE)));
            }
            if (!feed.beyondWindow) {
                return;
            }
            cursor = ordered.get(ordered.size() - 1).projectVersion();
        }
    }

    /**
     * The activities with versions in {@code (since, upTo]}, by version, whatever order Tracker pages them in (every
     * recorded feed is newest first; nothing public confirms a {@code sort_order} on this endpoint, so none is sent).
     * Paging ends on an empty or short page, or once every version from {@code since + 1} to the last one wanted is
     * in hand: versions are contiguous per project. New activity arriving meanwhile shifts a newest-first feed down, which
     * repeats items (dropped by version), never skips one.
     */
    private Feed readFeed(long projectId, long since, long upTo) {
        Feed feed = new Feed(since);
        int offset = 0;
        while (true) {
            progress.check();
            TrackerResponse response = tracker.activity(projectId, since, PAGE, offset);
            List<Activity> page = Activities.parseJsonList(response.body());
            feed.head = Math.max(feed.head, response.projectVersion().orElse(since));
            for (Activity activity : page) {
                long version = activity.projectVersion();
                if (version > upTo) {
                    feed.beyondWindow = true;
                } else if (version > since) {
                    feed.activities.putIfAbsent(version, activity);
                }
            }
            long wanted = Math.min(feed.head, upTo) - since;
            boolean complete = wanted > 0 && feed.activities.size() >= wanted && feed.activities.firstKey() == since + 1;
            Pagination p = response.pagination().orElse(null);
            boolean more = p == null ? page.size() >= PAGE : p.hasMore();
            if (page.isEmpty() || complete || !more) {
                feed.beyondWindow |= feed.head > upTo;
                return feed;
            }
            offset = p == null ? offset + page.size() : p.nextOffset();
        }
    }

    /** What {@link #readFeed} found after {@code since}. */
    private static final class Feed {
        final long since;
        final TreeMap<Long, Activity> activities = new TreeMap<>();
        /** The project's version as Tracker last reported it. */
        long head;
        /** Versions above the window were seen or exist: another window follows. */
        boolean beyondWindow;

        Feed(long since) {
            this.since = since;
            this.head = since;
        }

        /** The feed no longer reaches back to {@code since + 1}: Tracker dropped that history. */
        boolean historyLost() {
            return activities.isEmpty() ? head > since : activities.firstKey() > since + 1;
        }

        long oldest() {
            return activities.isEmpty() ? head : activities.firstKey();
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
                            // a story moved out says "delete" (fixtures/tracker/moves): read it, it may be in a
                            // project polled here
                            if (Change.DELETE.equals(change.changeType()) && !ActivityKinds.STORY_MOVE_FROM.equals(activity.kind())) {
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
                    // label counts ride along with most story changes in real feeds (69 of the recorded 81): only
                    // a label made, removed or renamed changes the project's label list
                    case "label" -> projectChanged |= !countsOnly(change);
                    case "project", "project_membership", "iteration" -> projectChanged = true;
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
            TrackerResponse response = tracker.epics(projectId);
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

    /** A label update that changes only its story counts (and the time it did). */
    static boolean countsOnly(Change change) {
        if (!Change.UPDATE.equals(change.changeType()) || change.newValues() == null) {
            return false;
        }
        Iterator<String> names = change.newValues().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("counts") && !name.equals("updated_at")) {
                return false;
            }
        }
        return true;
    }

    /** Reads the given stories in bulk ({@code filter=id:…}, 100 per request) and publishes their snapshots. */
    private void refreshStories(long projectId, Set<Long> ids, RecordPublisher.Batch batch, Set<Long> found) {
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_READ) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_READ));
            String filter = "id:" + String.join(",", chunk.stream().map(String::valueOf).toList()) + " includedone:true";
            TrackerResponse response = tracker.search(projectId, filter, PAGE, 0);
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
            TrackerResponse response = tracker.story(storyId);
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
        long projectId = project.projectId;
        if (project.syncedAt == null) {
            importProject(projectId);
            return;
        }
        RecordPublisher.Batch batch = publisher.batch();
        long version = publishProject(projectId, batch, true);
        Instant since = project.syncedAt.minus(fallbackMargin);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        long[] last = {version};
        String updated = Timestamps.format(since);
        int offset = 0;
        while (true) {
            progress.check();
            // updated_after alone: filter= may not be combined with it (Tracker's documentation)
            TrackerResponse page = tracker.stories(projectId, updated, null, PAGE, offset);
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
            // gone from the project: deleted, or moved (to a project polled here, whose snapshot is published instead)
            if (!now.contains(id) && !movedWithinIntegration(id, batch)) {
                batch.send(TrackerRecord.snapshot(SnapshotKind.STORY, id, projectId, null, version, Origin.POLL, integrationId));
            }
        }
        batch.awaitAcknowledged();
        progress.check();
        if (!integrations.advance(integrationId, projectId, version, replica, List.copyOf(now), null, null)) {
            throw new Progress.RunStopped("the lease was lost");
        }
        integrations.historyFallback(integrationId, projectId, Instant.now());
        integrations.projectState(integrationId, projectId, TrackedProject.OK, "activity history before version " + feedStartsAt
                + " is no longer available from Tracker (cursor was " + project.cursorVersion + "); stories were compared by "
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
        long projectId = project.projectId;
        TreeMap<Long, Activity> found = new TreeMap<>(readFeed(projectId, missing.first() - 1, missing.last()).activities);
        found.keySet().retainAll(missing);
        List<Activity> contiguous = new ArrayList<>();
        long next = project.cursorVersion + 1;
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

    private static <T> List<T> await(List<Future<T>> futures) {
        RuntimeException failure = null;
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
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
        return results;
    }
}
