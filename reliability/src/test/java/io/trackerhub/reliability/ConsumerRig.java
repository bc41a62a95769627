package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.kafka.Topics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The consumer services twice over, for tests that disturb one copy and keep the other as the reference: for each of
 * timesheet, notification and connector (write-back and read model) a "reference" instance that is never disturbed
 * and a "disturbed" one, each with its own database, its own consumer groups and its own third parties (a
 * {@link Receivers} each: a chat room and an outbound web hook receiver for notification, a Jira for connector). Both
 * read the same topics, so after the same stream their tables and what their receivers got must be the same.
 * <p>
 * The two connectors link the same Jira issues to the same Tracker story ids: the simulator's ids are sequences that
 * start again when its world is emptied, so the same imports after the same seed make the same stories.
 */
final class ConsumerRig implements AutoCloseable {

    enum Service {
        TIMESHEET(App.TIMESHEET, "timesheet", List.of("tracker-projects", "tracker-stories", "tracker-activity"), "timesheet.activity"),
        NOTIFICATION(App.NOTIFICATION, "notification", List.of("tracker-activity"), "notification.activity"),
        CONNECTOR(App.CONNECTOR, "connector", List.of("tracker-activity", "readmodel-projects", "readmodel-epics", "readmodel-stories",
                "readmodel-notifications", "readmodel-activity"), "connector.activity");

        final App app;
        final String schema;
        final List<String> channels;
        /** The inbox consumer of its main activity handler: how far it got. */
        final String activityConsumer;

        /** The topic a channel reads (the services name them from tracker-events' Topics the same way). */
        static String topic(String channel) {
            String name = channel.substring(channel.indexOf('-') + 1);
            return switch (name) {
                case "projects" -> Topics.PROJECTS;
                case "stories" -> Topics.STORIES;
                case "epics" -> Topics.EPICS;
                case "notifications" -> Topics.NOTIFICATIONS;
                default -> Topics.ACTIVITY;
            };
        }

        Service(App app, String schema, List<String> channels, String activityConsumer) {
            this.app = app;
            this.schema = schema;
            this.channels = channels;
            this.activityConsumer = activityConsumer;
        }
    }

    /** One running copy of a service and its third parties. */
    static final class Instance {
        final Service service;
        final ServiceProcess process;
        final Receivers receivers;

        Instance(Service service, ServiceProcess process, Receivers receivers) {
            this.service = service;
            this.process = process;
            this.receivers = receivers;
        }

        String name() {
            return process.instance;
        }
    }

    static final int LINKED_ISSUES = 10;
    static final String SLACK_PATH = "/slack/";
    static final String HOOK_PATH = "/hook/";

    final Map<Service, Instance> reference = new EnumMap<>(Service.class);
    final Map<Service, Instance> disturbed = new EnumMap<>(Service.class);
    final Set<String> jiraIssues = new LinkedHashSet<>();
    long simulatorProject;
    List<Long> linkedStories;
    private final Stack stack = Stack.get();
    private final ServiceProcess simulator;

    /** {@code prefix}: instance names start with it (e.g. {@code consumer-crash}); {@code -ref-} and {@code -hit-} follow. */
    ConsumerRig(String prefix) {
        IntStream.rangeClosed(1, LINKED_ISSUES).forEach(i -> jiraIssues.add("REL-" + i));
        simulator = stack.service(App.SIMULATOR, prefix + "-simulator").start();
        for (Service s : Service.values()) {
            reference.put(s, instance(s, prefix + "-ref-" + s.schema));
            disturbed.put(s, instance(s, prefix + "-hit-" + s.schema));
        }
        simulator.awaitReady(Duration.ofSeconds(120));
        for (Instance i : all()) {
            i.process.awaitReady(Duration.ofSeconds(180));
        }
    }

    private Instance instance(Service service, String name) {
        Receivers receivers = service == Service.TIMESHEET ? null : new Receivers(jiraIssues);
        return new Instance(service, stack.service(service.app, name, stack.groupsFromNow(name, service.channels)).start(), receivers);
    }

    List<Instance> all() {
        List<Instance> all = new ArrayList<>(reference.values());
        all.addAll(disturbed.values());
        return all;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /**
     * The chat room (Slack kind, the projects {@code chatProjects}, every publish option) and the outbound web hook
     * (v5, every project) of both notification instances; the Jira connector of both connector instances, with
     * {@link #LINKED_ISSUES} issues imported as stories of one simulator project.
     */
    void configure(List<Long> chatProjects) {
        for (Instance n : List.of(reference.get(Service.NOTIFICATION), disturbed.get(Service.NOTIFICATION))) {
            String key = stack.secret("rel" + Long.toHexString(new java.security.SecureRandom().nextLong()) + "room");
            String slack = "{\"type\": \"slack\", \"name\": \"#reliability\", \"project_ids\": " + chatProjects + ", "
                    + "\"publish\": [\"new_stories\", \"state_changes\", \"comments\"], \"rate_per_second\": 10000, "
                    + "\"config\": {\"url\": \"" + n.receivers.url() + SLACK_PATH + key + "\"}}";
            stack.admin("POST", n.process.url() + "/api/channels", slack, 201);
            String hook = "{\"type\": \"webhook\", \"name\": \"reliability hook\", \"config\": {\"url\": \"" + n.receivers.url() + HOOK_PATH
                    + key + "\", \"version\": \"v5\"}}";
            stack.admin("POST", n.process.url() + "/api/channels", hook, 201);
        }
        List<List<Long>> stories = new ArrayList<>();
        for (Instance c : List.of(reference.get(Service.CONNECTOR), disturbed.get(Service.CONNECTOR))) {
            simulatorCall("DELETE", "/_sim/world", null);  // its ids start again: the same imports make the same stories
            JsonNode world = simulatorCall("POST", "/_sim/seed", "{\"seed\": 11, \"projects\": 1, \"stories_per_project\": 2}");
            String token = stack.secret(world.get("api_token").asText());
            long project = world.get("project_ids").get(0).asLong();
            String jiraToken = stack.secret("jira-" + Long.toHexString(new java.security.SecureRandom().nextLong()) + "-token");
            String body = "{\"type\": \"jira\", \"name\": \"Reliability Jira\", \"tracker\": {\"base_url\": \"" + simulator.url()
                    + "/services/v5\", \"api_token\": \"" + token + "\", \"project_id\": " + project + "}, \"config\": {\"base_url\": \""
                    + c.receivers.url() + "\", \"username\": \"rel@example.com\", \"api_token\": \"" + jiraToken + "\", \"filter_id\": 10001}}";
            long connector = stack.admin("POST", c.process.url() + "/api/connectors", body, 201).get("id").asLong();
            List<Long> linked = new ArrayList<>();
            for (String issue : jiraIssues) {
                JsonNode link = stack.admin("POST", c.process.url() + "/api/connectors/" + connector + "/import",
                        "{\"external_id\": \"" + issue + "\", \"position\": \"backlog\"}", 201);
                linked.add(link.get("story_id").asLong());
            }
            stories.add(linked);
            if (simulatorProject != 0 && simulatorProject != project) {
                throw new AssertionError("the simulator made project " + project + " after the reset, " + simulatorProject + " before");
            }
            simulatorProject = project;
        }
        if (!stories.get(0).equals(stories.get(1))) {
            throw new AssertionError("the two connectors' imports made different stories: " + stories);
        }
        linkedStories = stories.get(0);
    }

    private JsonNode simulatorCall(String method, String path, String json) {
        var response = stack.call(method, simulator.url() + path, stack.simulatorAdminToken, json);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Stack.read(response.body());
    }

    // ------------------------------------------------------------------------------------------------ progress

    /** Distinct ids in the instance's inbox for {@code consumer}, or -1 while its database cannot be read. */
    long inbox(Instance i, String consumer) {
        try (Connection c = stack.database(i.name()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + i.service.schema + ".kit_inbox where consumer = '" + consumer + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Outbox rows not delivered or failed yet (pending or sending). */
    long unsent(Instance i) {
        try (Connection c = stack.database(i.name()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + i.service.schema + ".kit_outbox where status in ('pending', 'sending')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Waits until {@code done} holds for every instance, checking twice a second. */
    static void await(String what, Duration timeout, List<Instance> instances, Predicate<Instance> done, java.util.function.Function<Instance, String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (Instance i : instances) {
                if (!done.test(i)) {
                    waiting.add(i.name() + ": " + state.apply(i));
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout + "; still waiting for " + waiting);
            }
            ServiceProcess.sleep(500);
        }
    }

    // ------------------------------------------------------------------------------------------------ state

    /**
     * The tables that hold a service's effects, each as sorted rows of text. Left out, because they legitimately
     * differ between two runs of the same stream: generated ids (task.id, parent_id — the parent is named by its
     * Tracker id instead; outbox ids), the times of processing (created_at, updated_at, processed_at, delivered_at,
     * next_attempt_at, problem_at of links), an outbox row's attempts and last answer (a delivery cut off by a crash is
     * attempted again) and where a receiver listens (each instance has its own port).
     */
    Map<String, List<String>> state(Instance i) {
        String s = i.service.schema;
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("kit_inbox", "select consumer, ce_id from " + s + ".kit_inbox");
        switch (i.service) {
            case TIMESHEET -> queries.put("task", "select t.kind, t.integration_id, t.tracker_id, t.name, t.story_type, t.current_state, "
                    + "t.estimate, t.url, t.version, t.archived_reason, t.archived_at is not null as archived, p.kind as parent_kind, "
                    + "p.tracker_id as parent_tracker_id from timesheet.task t left join timesheet.task p on p.id = t.parent_id");
            case NOTIFICATION -> queries.put("kit_outbox", "select channel, dedup_key, payload, headers, status, destination, ordering_key "
                    + "from notification.kit_outbox");
            case CONNECTOR -> {
                queries.put("kit_outbox", "select channel, target, dedup_key, payload, headers, status, destination, ordering_key "
                        + "from connector.kit_outbox");
                queries.put("link", "select connector_id, project_id, story_id, external_id, external_url, title, problem from connector.link");
                queries.put("ledger", "select connector_id, kind, ref from connector.ledger");
                for (String table : List.of("rm_project", "rm_story", "rm_epic", "rm_notification", "rm_freshness")) {
                    queries.put(table, "select * from connector." + table);
                }
            }
        }
        UnaryOperator<String> normal = i.receivers == null ? UnaryOperator.identity() : text -> text.replace(i.receivers.url(), "{receiver}");
        Map<String, List<String>> state = new TreeMap<>();
        try (Connection c = stack.database(i.name()); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            row.append(col == 1 ? "" : " | ").append(rs.getString(col));
                        }
                        rows.add(normal.apply(row.toString()));
                    }
                }
                rows.sort(null);
                state.put(q.getKey(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tables of " + i.name() + ": " + e.getMessage(), e);
        }
        return state;
    }

    /** Where two states differ: per table, the row counts and the first rows only one of them has. */
    static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        for (String table : expected.keySet()) {
            List<String> a = expected.get(table);
            List<String> b = actual.getOrDefault(table, List.of());
            if (a.equals(b)) {
                continue;
            }
            List<String> onlyA = new ArrayList<>(a);
            b.forEach(onlyA::remove);
            List<String> onlyB = new ArrayList<>(b);
            a.forEach(onlyB::remove);
            differences.add(table + ": " + a.size() + " rows vs " + b.size() + "; only in the reference " + onlyA.size() + " "
                    + onlyA.stream().limit(3).toList() + "; only in the disturbed " + onlyB.size() + " " + onlyB.stream().limit(3).toList());
        }
        return differences;
    }

    // ------------------------------------------------------------------------------------------------ a run

    /** What is done to a disturbed instance mid-stream; it is started again afterwards. */
    interface Disruption {
        /** Stops the process; returns a note for the figures (e.g. how long it took). */
        String stop(ServiceProcess process);
    }

    /** What one service's pair did with the stream. */
    /**
     * {@code duplicated}: side effects that happened more than once for any other reason than {@code resent}, a delivery
     * sent again because a SIGKILL cut its first attempt short (the outbox row was attempted more than once: the
     * receiver got the call, the dead sender could not record it). The outbox is at least once there, as HTTP allows.
     */
    record Result(Service service, List<String> disruptions, long expectedEffects, long referenceEffects, long disturbedEffects,
                  long duplicated, long resent, long missing, List<String> stateDifferences, List<String> effectDifferences, String note) {
        boolean stateEqual() {
            return stateDifferences.isEmpty() && effectDifferences.isEmpty();
        }

        String figures(ConsumerStream stream, long seconds) {
            return "activities=" + stream.activityIds.size() + " duplicates sent=" + stream.duplicatesSent + " out of order="
                    + stream.outOfOrder + " disruptions=" + disruptions.size() + " " + disruptions + " side effects expected="
                    + expectedEffects + " reference got=" + referenceEffects + " disturbed got=" + disturbedEffects + " duplicated="
                    + duplicated + " re-sent after a kill cut the send short=" + resent + " missing=" + missing + " state equal=" + (stateEqual() ? "yes" : "no") + note + " time=" + seconds + " s";
        }
    }

    /**
     * Sends the stream's snapshots and waits until every instance applied them; then sends its activities at about
     * {@code perSecond} while each disturbed instance is stopped by {@code disruption} when its activity inbox passes
     * each of {@code at} (shares of the stream) and started again; waits until every instance applied every activity
     * and sent every delivery; compares.
     */
    Map<Service, Result> play(ConsumerStream stream, int perSecond, double[] at, Disruption disruption, Duration timeout) {
        Map<Service, List<String>> disruptions = run(stream, perSecond, at, disruption, timeout, i -> stream.activityIds.size());
        return compareAll(stream, disruptions);
    }

    /** Compares each service's pair after a run: tables and what their receivers got. */
    Map<Service, Result> compareAll(ConsumerStream stream, Map<Service, List<String>> disruptions) {
        Map<Service, Result> results = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            results.put(s, compare(s, stream, disruptions.getOrDefault(s, List.of())));
        }
        return results;
    }

    /**
     * {@link #play}'s run without the comparison: done when each instance applied {@code applied.applyAsLong(instance)}
     * activities (fewer than the stream's where it was made to give some up) and sent every delivery. Returns the
     * disruptions done per service.
     */
    Map<Service, List<String>> run(ConsumerStream stream, int perSecond, double[] at, Disruption disruption, Duration timeout,
                                   java.util.function.ToLongFunction<Instance> applied) {
        long snapshotsExpected = stream.projectSnapshotIds.size() + stream.storySnapshotIds.size();
        try (var producer = ConsumerStream.producer()) {
            stream.sendSnapshots(producer);
            List<Instance> readers = all().stream().filter(i -> i.service != Service.NOTIFICATION).toList();
            await("snapshots applied", timeout, readers, i -> snapshotsApplied(i) == snapshotsExpected,
                    i -> snapshotsApplied(i) + " of " + snapshotsExpected + " snapshots");

            Map<Service, List<String>> disruptions = new EnumMap<>(Service.class);
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> disturbers = new ArrayList<>();
            int n = stream.activityIds.size();
            for (Instance i : disturbed.values()) {
                List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
                disruptions.put(i.service, done);
                Thread t = new Thread(() -> {
                    try {
                        for (double share : at) {
                            long target = Math.round(share * n);
                            long deadline = System.nanoTime() + timeout.toNanos();
                            long progress;
                            while ((progress = inbox(i, i.service.activityConsumer)) < target && System.nanoTime() < deadline) {
                                ServiceProcess.sleep(50);
                            }
                            if (progress >= n) {
                                return; // all applied already: a stop now would not be mid-stream
                            }
                            String note = disruption.stop(i.process);
                            done.add(Math.round(100.0 * progress / n) + "%" + note);
                            ServiceProcess.sleep(300);
                            // not waiting for readiness: it consumes before it answers ready, and the next stop is due
                            // at a share of the stream, wherever it is by then
                            i.process.start();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "disturb-" + i.name());
                t.setDaemon(true);
                disturbers.add(t);
                t.start();
            }
            stream.sendActivities(producer, perSecond);
            for (Thread t : disturbers) {
                try {
                    t.join(timeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError("disturbing the consumers failed: " + failures.get(0), failures.get(0));
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
            awaitSettled(timeout, applied);
            return disruptions;
        }
    }

    /** Waits until each instance applied {@code applied.applyAsLong(instance)} activities and sent every delivery. */
    void awaitSettled(Duration timeout, java.util.function.ToLongFunction<Instance> applied) {
        await("every activity applied and every delivery sent", timeout, all(), i -> settled(i, applied.applyAsLong(i)),
                i -> progress(i, applied.applyAsLong(i)));
    }

    private long snapshotsApplied(Instance i) {
        return i.service == Service.TIMESHEET
                ? inbox(i, "timesheet.projects") + inbox(i, "timesheet.stories")
                : inbox(i, "connector.readmodel.projects") + inbox(i, "connector.readmodel.stories");
    }

    private boolean settled(Instance i, long n) {
        return switch (i.service) {
            case TIMESHEET -> inbox(i, "timesheet.activity") == n;
            case NOTIFICATION -> inbox(i, "notification.activity") == n && unsent(i) == 0;
            case CONNECTOR -> inbox(i, "connector.activity") == n && inbox(i, "connector.readmodel.activity") == n && unsent(i) == 0;
        };
    }

    private String progress(Instance i, long n) {
        return switch (i.service) {
            case TIMESHEET -> inbox(i, "timesheet.activity") + "/" + n + " activities";
            case NOTIFICATION -> inbox(i, "notification.activity") + "/" + n + " activities, " + unsent(i) + " unsent";
            case CONNECTOR -> inbox(i, "connector.activity") + "/" + n + " write-back, " + inbox(i, "connector.readmodel.activity") + "/" + n
                    + " read model, " + unsent(i) + " unsent";
        };
    }

    private Result compare(Service s, ConsumerStream stream, List<String> disruptions) {
        Instance ref = reference.get(s);
        Instance hit = disturbed.get(s);
        List<String> stateDifferences = differences(state(ref), state(hit));
        List<String> effectDifferences = new ArrayList<>();
        long expected;
        long refGot;
        long hitGot;
        long duplicated;
        long resent = 0;
        long missing;
        String note = "";
        switch (s) {
            case TIMESHEET -> {
                // its effects are rows: one task per project and story, never two for one Tracker id
                List<String> refTasks = state(ref).get("task");
                List<String> hitTasks = state(hit).get("task");
                expected = stream.projectSnapshotIds.size() + stream.storySnapshotIds.size() + stream.createdStories + 1;
                refGot = refTasks.size();
                hitGot = hitTasks.size();
                duplicated = duplicateTrackerIds(ref) + duplicateTrackerIds(hit);
                missing = Math.max(0, expected - hitGot) + Math.max(0, expected - refGot);
                note = " (effects: task rows)";
            }
            case NOTIFICATION -> {
                Map<String, Integer> refSlack = Receivers.counts(ref.receivers.received(p -> p.startsWith(SLACK_PATH)));
                Map<String, Integer> hitSlack = Receivers.counts(hit.receivers.received(p -> p.startsWith(SLACK_PATH)));
                Map<String, Integer> refHook = Receivers.counts(ref.receivers.received(p -> p.startsWith(HOOK_PATH)));
                Map<String, Integer> hitHook = Receivers.counts(hit.receivers.received(p -> p.startsWith(HOOK_PATH)));
                expected = stream.chatMessages + stream.activityIds.size();
                refGot = total(refSlack) + total(refHook);
                hitGot = total(hitSlack) + total(hitHook);
                duplicated = refGot - refSlack.size() - refHook.size();
                Set<String> attemptedAgain = attemptedAgain(hit);
                for (Map<String, Integer> counts : List.of(hitSlack, hitHook)) {
                    for (Map.Entry<String, Integer> e : counts.entrySet()) {
                        long extra = e.getValue() - 1;
                        boolean cutShort = attemptedAgain.contains(e.getKey().substring(e.getKey().indexOf(' ') + 1));
                        resent += cutShort ? extra : 0;
                        duplicated += cutShort ? 0 : extra;
                    }
                }
                missing = Math.max(0, expected - refSlack.size() - refHook.size()) + Math.max(0, expected - hitSlack.size() - hitHook.size());
                if (!refSlack.keySet().equals(hitSlack.keySet()) || !refHook.keySet().equals(hitHook.keySet())) {
                    effectDifferences.add("the two rooms or web hook receivers got different messages");
                }
                note = " (chat " + stream.chatMessages + " + web hooks " + stream.activityIds.size() + "; disturbed got chat "
                        + total(hitSlack) + ", web hooks " + total(hitHook) + ")";
            }
            default -> {
                Predicate<String> comment = p -> p.endsWith("/comment");
                Predicate<String> transition = p -> p.endsWith("/transitions");
                Map<String, Integer> refComments = Receivers.counts(post(ref, comment));
                Map<String, Integer> hitComments = Receivers.counts(post(hit, comment));
                long refTransitions = post(ref, transition).size();
                long hitTransitions = post(hit, transition).size();
                expected = stream.jiraComments + stream.jiraTransitions;
                refGot = total(refComments) + refTransitions;
                hitGot = total(hitComments) + hitTransitions;
                duplicated = total(refComments) - refComments.size() + Math.max(0, refTransitions - stream.jiraTransitions);
                long hitExtra = total(hitComments) - hitComments.size() + Math.max(0, hitTransitions - stream.jiraTransitions);
                // Jira bodies do not carry the outbox payload: at most as many as were attempted again can be resends
                resent = Math.min(hitExtra, attemptedAgain(hit).size());
                duplicated += hitExtra - resent;
                missing = Math.max(0, stream.jiraComments - refComments.size()) + Math.max(0, stream.jiraComments - hitComments.size())
                        + Math.max(0, stream.jiraTransitions - refTransitions) + Math.max(0, stream.jiraTransitions - hitTransitions);
                // the same calls; the killed one's extra ones are counted above (re-sent or duplicated)
                Map<String, Integer> refCalls = Receivers.counts(post(ref, transition));
                Map<String, Integer> hitCalls = Receivers.counts(post(hit, transition));
                if (!refComments.keySet().equals(hitComments.keySet()) || !refCalls.keySet().equals(hitCalls.keySet())
                        || refCalls.entrySet().stream().anyMatch(e -> hitCalls.get(e.getKey()) < e.getValue())) {
                    effectDifferences.add("the two Jiras got different calls");
                }
                note = " (Jira comments " + stream.jiraComments + " + transitions " + stream.jiraTransitions + "; read model compared too)";
            }
        }
        return new Result(s, disruptions, expected, refGot, hitGot, duplicated, resent, missing, stateDifferences, effectDifferences, note);
    }

    private static List<Receivers.Received> post(Instance i, Predicate<String> path) {
        return i.receivers.received(path).stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static long total(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The payloads of the outbox rows that were attempted more than once (receivers here never fail: a cut-short send). */
    private Set<String> attemptedAgain(Instance i) {
        Set<String> payloads = new java.util.HashSet<>();
        try (Connection c = stack.database(i.name()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select payload from " + i.service.schema + ".kit_outbox where attempts > 1")) {
            while (rs.next()) {
                payloads.add(rs.getString(1));
            }
            return payloads;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long duplicateTrackerIds(Instance i) {
        try (Connection c = stack.database(i.name()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(sum(n - 1), 0) from (select count(*) as n from timesheet.task "
                     + "where tracker_id is not null group by kind, tracker_id) t")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops every instance at once (each may take its 30 s), then their receivers and the simulator. */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (Instance i : all()) {
            Thread t = new Thread(() -> {
                try {
                    i.process.close();
                } finally {
                    if (i.receivers != null) {
                        i.receivers.close();
                    }
                }
            }, "stop-" + i.name());
            t.start();
            stopping.add(t);
        }
        simulator.close();
        for (Thread t : stopping) {
            try {
                t.join(40_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
