package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.Fixtures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * A deterministic stream of what the poller and the ingest publish, as they publish it (tracker-events'
 * {@link TrackerRecord} factories): project and story snapshots first, then {@code activities} distinct activities
 * made from the real web hook fixtures (fixtures/tracker/webhook-v5) moved into the stream's projects and stories, a
 * share of them sent a second time later (same record, same {@code ce_id}) and some sent out of version order.
 * <p>
 * Every story name and comment text carries the activity's guid, so that every chat message, outbound web hook and
 * Jira comment the stream causes is distinct: a receiver that gets one body twice got a duplicate. The stream also
 * says how many of each side effect it should cause.
 */
final class ConsumerStream {

    static final long INTEGRATION = 1;
    private static final long FIRST_VERSION = 1000;
    private static final long TIME_ZERO = 1_700_000_000_000L;
    /** The fixtures the stream is made of: what each does (chat: posted to a room with every publish option; jira: calls). */
    private static final List<Kind> KINDS = List.of(
            new Kind("zulip_v5_started.json", true, 0, 1),
            new Kind("zulip_v5_finished.json", true, 0, 1),     // accepted: "Resolve Issue"
            new Kind("zulip_v5_delivered.json", true, 0, 0),    // delivered: nothing to write to Jira
            new Kind("zulip_v5_rejected.json", true, 1, 1),     // a comment and "Reopen Issue"
            new Kind("zulip_v5_commented.json", true, 1, 0),
            new Kind("zulip_pivotal_v5_created_estimate.json", false, 0, 0),
            new Kind("zulip_v5_type_changed.json", false, 0, 0),
            new Kind("zulip_v5_created.json", true, 0, 0));     // a new story

    private record Kind(String fixture, boolean chat, int jiraComments, int jiraTransitions) {
    }

    /** Where the activity goes: its project and the stories it may touch; {@code chat}: the room takes the project. */
    record Project(long id, List<Long> stories, boolean chat, double share) {
    }

    final List<TrackerRecord> snapshots = new ArrayList<>();
    final List<TrackerRecord> activitiesToSend = new ArrayList<>();
    final Set<String> activityIds = new LinkedHashSet<>();
    final Set<String> projectSnapshotIds = new HashSet<>();
    final Set<String> storySnapshotIds = new HashSet<>();
    int duplicatesSent;
    int outOfOrder;
    int chatMessages;
    int createdStories;
    int jiraComments;
    int jiraTransitions;

    /**
     * {@code projects}: the stream's projects; {@code linked}: the project whose stories are linked to Jira issues
     * (their write-backs are counted). Activities are spread over the projects by their {@code share}.
     */
    ConsumerStream(long seed, List<Project> projects, long linkedProject, int activities, double duplicateShare, double swapShare) {
        Random random = new Random(seed);
        ObjectNode projectFixture = (ObjectNode) cassetteBody("rest-v5/cassettes/get_project.json", "/projects/1027488");
        ObjectNode storyFixture = (ObjectNode) cassetteBody("rest-v5/cassettes/get_story.json", "/stories/66728004");
        for (Project p : projects) {
            ObjectNode project = projectFixture.deepCopy().put("id", p.id()).put("name", "Reliability project " + p.id())
                    .put("version", FIRST_VERSION);
            snapshots.add((TrackerRecord.snapshot(SnapshotKind.PROJECT, p.id(), p.id(), project, FIRST_VERSION, Origin.POLL, INTEGRATION)));
            for (long story : p.stories()) {
                ObjectNode s = storyFixture.deepCopy().put("id", story).put("project_id", p.id()).put("name", "Story " + story)
                        .put("current_state", "unstarted").put("url", "https://www.pivotaltracker.com/story/show/" + story);
                snapshots.add((TrackerRecord.snapshot(SnapshotKind.STORY, story, p.id(), s, FIRST_VERSION, Origin.POLL, INTEGRATION)));
            }
        }
        for (TrackerRecord r : snapshots) {
            (r.topic().equals(SnapshotKind.PROJECT.topic()) ? projectSnapshotIds : storySnapshotIds).add(r.headers().get("ce_id"));
        }
        // a snapshot delivered twice (the poller's at-least-once) changes nothing either
        List<TrackerRecord> again = new ArrayList<>();
        for (TrackerRecord r : snapshots) {
            if (random.nextDouble() < duplicateShare) {
                again.add(r);
            }
        }
        snapshots.addAll(again);

        // each project's activity in version order, then some neighbours swapped (sent out of order)
        double total = projects.stream().mapToDouble(Project::share).sum();
        List<List<TrackerRecord>> perProject = new ArrayList<>();
        long nextStory = 940_000_000L + seed % 1000 * 100_000;
        long nextComment = 950_000_000L + seed % 1000 * 100_000;
        int made = 0;
        for (int i = 0; i < projects.size(); i++) {
            Project p = projects.get(i);
            int count = i == projects.size() - 1 ? activities - made : (int) Math.round(activities * p.share() / total);
            made += count;
            List<TrackerRecord> list = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                long version = FIRST_VERSION + n + 1;
                Kind kind = KINDS.get(random.nextInt(KINDS.size()));
                boolean created = kind.fixture().equals("zulip_v5_created.json");
                long story = created ? nextStory++ : p.stories().get(random.nextInt(p.stories().size()));
                ObjectNode a = activity(kind.fixture(), p.id(), story, version, nextComment++);
                TrackerRecord r = (TrackerRecord.activity(Activities.parseJson(a.toString()), Origin.WEBHOOK, INTEGRATION));
                list.add(r);
                activityIds.add(r.headers().get("ce_id"));
                if (created) {
                    createdStories++;
                }
                if (p.chat() && kind.chat()) {
                    chatMessages++;
                }
                if (p.id() == linkedProject && !created) {
                    jiraComments += kind.jiraComments();
                    jiraTransitions += kind.jiraTransitions();
                }
            }
            for (int n = 0; n + 1 < list.size(); n++) {
                if (random.nextDouble() < swapShare) {
                    TrackerRecord first = list.get(n);
                    list.set(n, list.get(n + 1));
                    list.set(n + 1, first);
                    outOfOrder++;
                    n++;
                }
            }
            perProject.add(list);
        }
        // interleaved as Tracker's projects would be, each a share of the time; duplicates re-sent up to 300 records later
        record Slot(double at, TrackerRecord record) {
        }
        List<Slot> slots = new ArrayList<>();
        int[] next = new int[perProject.size()];
        int position = 0;
        while (position < activities) {
            int i = pick(random, projects, total);
            if (next[i] >= perProject.get(i).size()) {
                continue;
            }
            TrackerRecord r = perProject.get(i).get(next[i]++);
            slots.add(new Slot(position, r));
            if (random.nextDouble() < duplicateShare) {
                slots.add(new Slot(position + 1 + random.nextInt(300) + 0.5, r));
                duplicatesSent++;
            }
            position++;
        }
        slots.sort(Comparator.comparingDouble(Slot::at));
        slots.forEach(s -> activitiesToSend.add(s.record()));
    }

    private static int pick(Random random, List<Project> projects, double total) {
        double x = random.nextDouble() * total;
        for (int i = 0; i < projects.size(); i++) {
            x -= projects.get(i).share();
            if (x <= 0) {
                return i;
            }
        }
        return projects.size() - 1;
    }

    /** A real web hook body moved into {@code project}, {@code story} and {@code version}; names and texts carry the guid. */
    private static ObjectNode activity(String fixture, long project, long story, long version, long commentId) {
        ObjectNode a = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/" + fixture));
        String guid = project + "_" + version;
        a.put("guid", guid).put("project_version", version).put("occurred_at", TIME_ZERO + version * 1000);
        ((ObjectNode) a.get("project")).put("id", project).put("name", "Reliability project " + project);
        for (JsonNode r : a.get("primary_resources")) {
            ObjectNode resource = (ObjectNode) r;
            resource.put("id", story).put("url", "http://www.pivotaltracker.com/story/show/" + story)
                    .put("name", "Story " + story + " at " + guid);
        }
        for (JsonNode c : a.get("changes")) {
            ObjectNode change = (ObjectNode) c;
            ObjectNode values = change.get("new_values") instanceof ObjectNode v ? v : null;
            if ("comment".equals(change.path("kind").asText())) {
                change.put("id", commentId);
                if (values != null) {
                    values.put("id", commentId).put("story_id", story).put("text", values.path("text").asText() + " (" + guid + ")");
                }
                continue;
            }
            change.put("id", story);
            if (change.has("name")) {
                change.put("name", "Story " + story + " at " + guid);
            }
            if (values != null) {
                if (values.has("id")) {
                    values.put("id", story);
                }
                if (values.has("project_id")) {
                    values.put("project_id", project);
                }
                if (values.has("name")) {
                    values.put("name", "Story " + story + " at " + guid);
                }
                values.remove("before_id");
                values.remove("after_id");
            }
        }
        return a;
    }

    private static JsonNode cassetteBody(String cassette, String uriEnd) {
        for (JsonNode interaction : TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions")) {
            if (interaction.at("/request/uri").asText().endsWith(uriEnd)) {
                return TrackerJson.readTree(interaction.at("/response/body/string").asText());
            }
        }
        throw new IllegalArgumentException(cassette + " has no request ending with " + uriEnd);
    }

    /** {@code count} activities sent exactly once (no duplicate), picked at random after the first tenth of the stream. */
    List<String> sentOnce(int count, long seed) {
        Map<String, Integer> sends = new java.util.HashMap<>();
        activitiesToSend.forEach(r -> sends.merge(r.headers().get("ce_id"), 1, Integer::sum));
        List<String> once = activitiesToSend.stream().skip(activitiesToSend.size() / 10).map(r -> r.headers().get("ce_id"))
                .filter(id -> sends.get(id) == 1).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        java.util.Collections.shuffle(once, new Random(seed));
        return List.copyOf(once.subList(0, count));
    }

    /** Puts {@code records} among the activities at random places after the first tenth, each sent once. */
    void insert(List<TrackerRecord> records, long seed) {
        Random random = new Random(seed);
        for (TrackerRecord r : records) {
            int tenth = activitiesToSend.size() / 10;
            activitiesToSend.add(tenth + random.nextInt(activitiesToSend.size() - tenth), r);
        }
    }

    /** The first activity of the stream as sent: a real record to make look-alikes of. */
    TrackerRecord first() {
        return activitiesToSend.get(0);
    }

    // ------------------------------------------------------------------------------------------------ sending

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.get().kafka(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the snapshots and waits for the broker's acks. */
    void sendSnapshots(KafkaProducer<String, byte[]> producer) {
        send(producer, snapshots, Integer.MAX_VALUE);
    }

    /** Sends the activities (duplicates included) at about {@code perSecond}, as Tracker's traffic would come. */
    void sendActivities(KafkaProducer<String, byte[]> producer, int perSecond) {
        send(producer, activitiesToSend, perSecond);
    }

    static void send(KafkaProducer<String, byte[]> producer, List<TrackerRecord> records, int perSecond) {
        long start = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            acks.add(producer.send(records.get(i).toProducerRecord()));
            if (perSecond != Integer.MAX_VALUE && i % 50 == 49) {
                long due = start + (long) ((i + 1) * 1e9 / perSecond);
                long wait = (due - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    ServiceProcess.sleep(wait);
                }
            }
        }
        for (Future<?> ack : acks) {
            try {
                ack.get();
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not take a record of the stream: " + e.getMessage(), e);
            }
        }
    }
}
