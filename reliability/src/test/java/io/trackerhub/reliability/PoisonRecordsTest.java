package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * 10,000 activities through every consumer service (timesheet, notification, connector write-back and read model)
 * with 5 poison records of different kinds at random places: an activity the database refuses (a constraint added
 * for the test: SQLSTATE 22023, a data error), an activity whose transaction fails with an error of no known class
 * (SQLSTATE P0001 from a trigger, as a handler bug would: tried a bounded number of times), and three records that
 * cannot be read (JSON that is no activity, a body that is no JSON, a tombstone without a value). The
 * "disturbed" instances get the constraint, the reference ones do not.
 * <p>
 * No partition stalls (every group's lag back to 0), exactly the poison records are dead-lettered per group with
 * their kind and reason, everything else is applied once. Then the constraint is dropped, the two refused activities
 * replayed and the three unreadable records discarded: each disturbed instance ends as its reference.
 */
@Order(35)
class PoisonRecordsTest {

    private static final int ACTIVITIES = 10_000;

    @Test
    @Timeout(600)
    void poisonRecordsAreDeadLetteredNothingStallsAndAReplayAppliesThemOnce() {
        Stack stack = Stack.get();
        long started = System.nanoTime();
        try (ConsumerRig rig = new ConsumerRig("poison")) {
            ConsumerStream stream = ConsumerCrashTest.stream(rig, 9_600_000, 17, ACTIVITIES);   // projects of its own: web hook loads find their guids on the topic by project
            List<String> refused = stream.sentOnce(2, 17);
            String refusedAsData = refused.get(0);
            String failing = refused.get(1);
            List<TrackerRecord> unreadable = unreadable(stream.first());
            stream.insert(unreadable, 17);
            for (ConsumerRig.Instance i : rig.disturbed.values()) {
                constrain(stack, i, refusedAsData, failing);
            }

            rig.run(stream, 400, new double[0], p -> "", Duration.ofSeconds(300),
                    i -> ACTIVITIES - (rig.disturbed.containsValue(i) ? 2 : 0));
            Map<String, Long> lags = awaitNoLag(stack, rig);

            // what each group gave up: the disturbed ones all five, the reference ones the three unreadable
            Map<String, List<JsonNode>> deadLetters = new LinkedHashMap<>();
            List<String> unreadableIds = new ArrayList<>();
            unreadable.forEach(r -> unreadableIds.add(r.headers().get(CloudEventHeaders.ID)));
            assertSoftly(softly -> {
                for (ConsumerRig.Instance i : rig.all()) {
                    boolean disturbed = rig.disturbed.containsValue(i);
                    for (String group : activityGroups(i)) {
                        List<JsonNode> letters = deadLetters(stack, i, group);
                        deadLetters.put(group, letters);
                        List<String> got = letters.stream().map(d -> (d.path("ce_id").isNull() ? "(no ce_id)" : d.path("ce_id").asText())
                                + " " + d.path("kind").asText()).toList();
                        List<String> expected = new ArrayList<>();
                        unreadableIds.forEach(id -> expected.add(id + " unreadable"));
                        if (disturbed) {
                            expected.add(refusedAsData + " data");
                            expected.add(failing + " failing");
                        }
                        softly.assertThat(got).as("dead letters of " + group).containsExactlyInAnyOrderElementsOf(expected);
                        for (JsonNode d : letters) {
                            softly.assertThat(d.path("reason").asText()).as("reason of " + d).isNotBlank();
                            softly.assertThat(d.path("source_topic").asText()).isEqualTo(Topics.ACTIVITY);
                            softly.assertThat(d.path("source_offset").isNumber()).as("source offset of " + d).isTrue();
                            if (d.path("kind").asText().equals("failing")) {
                                softly.assertThat(d.path("attempts").asInt()).as("attempts before " + failing + " was given up").isEqualTo(5);
                            }
                        }
                    }
                }
            });
            long appliedBefore = rig.disturbed.values().stream().mapToLong(i -> rig.inbox(i, i.service.activityConsumer)).sum();

            // the cause removed: the refused two replayed, the unreadable three discarded
            for (ConsumerRig.Instance i : rig.disturbed.values()) {
                unconstrain(stack, i);
            }
            int replayed = 0;
            int discarded = 0;
            for (ConsumerRig.Instance i : rig.all()) {
                for (String group : activityGroups(i)) {
                    for (JsonNode d : deadLetters.get(group)) {
                        String url = i.process.url() + "/admin/deadletters/" + d.path("id").asText();
                        if (d.path("kind").asText().equals("unreadable")) {
                            stack.admin("POST", url + "/discard", "{\"reason\": \"the test's poison record: never an activity\"}", 200);
                            discarded++;
                        } else {
                            stack.admin("POST", url + "/replay", null, 200);
                            replayed++;
                        }
                    }
                }
            }
            rig.awaitSettled(Duration.ofSeconds(180), i -> ACTIVITIES);
            awaitNoLag(stack, rig);
            for (ConsumerRig.Instance i : rig.all()) {
                for (String group : activityGroups(i)) {
                    assertThat(deadLetters(stack, i, group)).as("dead letters of " + group + " after the operator's decisions")
                            .allSatisfy(d -> assertThat(d.path("state").asText()).isIn("replayed", "discarded"));
                }
            }
            Map<ConsumerRig.Service, ConsumerRig.Result> results = rig.compareAll(stream, Map.of());
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            String figures = "activities=" + ACTIVITIES + " poison=5 (1 refused by the database, 1 failing, 3 unreadable) groups="
                    + deadLetters.size() + " dead letters=" + deadLetters.values().stream().mapToInt(List::size).sum() + " lag after the stream="
                    + lags.values().stream().mapToLong(Long::longValue).sum() + " applied before the replay=" + appliedBefore + " replayed="
                    + replayed + " discarded=" + discarded + " time=" + seconds + " s";
            results.values().forEach(r -> Figures.record("poison records, dead-lettered then replayed: " + r.service().schema,
                    figures + "; " + r.figures(stream, seconds)));
            assertSoftly(softly -> results.values().forEach(r -> {
                softly.assertThat(r.stateDifferences()).as(r.service() + " tables against the reference after the replay").isEmpty();
                softly.assertThat(r.effectDifferences()).as(r.service() + " receivers against the reference").isEmpty();
                softly.assertThat(r.duplicated()).as(r.service() + " side effects duplicated").isZero();
                softly.assertThat(r.missing()).as(r.service() + " side effects missing").isZero();
                softly.assertThat(r.disturbedEffects()).as(r.service() + " side effects after the replay").isEqualTo(r.expectedEffects());
            }));
        }
    }

    /** JSON that is no activity, a body that is no JSON, a tombstone (no value): each under the headers of a real record. */
    private static List<TrackerRecord> unreadable(TrackerRecord real) {
        List<TrackerRecord> records = new ArrayList<>();
        records.add(withValue(real, "{\"kind\": \"story_update_activity\", \"message\": \"no project, no version, no changes\"}"));
        records.add(withValue(real, "<html><body>502 Bad Gateway</body></html>"));
        // (an activity without its ce_id is no poison: its guid stands in, which is the ce_id it would have had)
        Map<String, String> headers = new LinkedHashMap<>(real.headers());
        headers.put(CloudEventHeaders.ID, "poison-" + UUID.randomUUID());
        records.add(new TrackerRecord(real.topic(), real.key(), null, headers));
        return records;
    }

    private static TrackerRecord withValue(TrackerRecord real, String value) {
        Map<String, String> headers = new LinkedHashMap<>(real.headers());
        headers.put(CloudEventHeaders.ID, "poison-" + UUID.randomUUID());
        return new TrackerRecord(real.topic(), real.key(), value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The groups of the instance that read tracker.activity. */
    private static List<String> activityGroups(ConsumerRig.Instance i) {
        return i.service.channels.stream().filter(c -> ConsumerRig.Service.topic(c).equals(Topics.ACTIVITY)).map(c -> i.name() + "." + c).toList();
    }

    private static List<JsonNode> deadLetters(Stack stack, ConsumerRig.Instance i, String group) {
        List<JsonNode> letters = new ArrayList<>();
        stack.admin("GET", i.process.url() + "/admin/deadletters?limit=1000&group=" + group, null, 200).forEach(letters::add);
        return letters;
    }

    /** Waits until no group of any instance has records left to consume; returns the lag per group seen first. */
    private static Map<String, Long> awaitNoLag(Stack stack, ConsumerRig rig) {
        Map<String, Long> first = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (ConsumerRig.Instance i : rig.all()) {
            for (String channel : i.service.channels) {
                String group = i.name() + "." + channel;
                long lag;
                while ((lag = stack.lag(group, ConsumerRig.Service.topic(channel))) > 0) {
                    first.putIfAbsent(group, lag);
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(group + " still has " + lag + " records to consume: a partition stalled");
                    }
                    ServiceProcess.sleep(250);
                }
                first.putIfAbsent(group, 0L);
            }
        }
        return first;
    }

    /**
     * A constraint of the test on the instance's inbox: {@code data}'s row is refused as a data error (22023),
     * {@code failing}'s transaction fails with an error of no known class (P0001), whichever consumer records them.
     */
    private static void constrain(Stack stack, ConsumerRig.Instance i, String data, String failing) {
        String schema = i.service.schema;
        sql(stack, i, "create function " + schema + ".poison_check() returns trigger language plpgsql as $$ begin "
                + "if new.ce_id = '" + data + "' then raise exception using errcode = '22023', message = 'the test refuses activity ' || new.ce_id; end if; "
                + "if new.ce_id = '" + failing + "' then raise exception 'the test fails activity %', new.ce_id; end if; "
                + "return new; end $$");
        sql(stack, i, "create trigger poison_check before insert on " + schema + ".kit_inbox for each row execute function " + schema + ".poison_check()");
    }

    private static void unconstrain(Stack stack, ConsumerRig.Instance i) {
        sql(stack, i, "drop trigger poison_check on " + i.service.schema + ".kit_inbox");
    }

    private static void sql(Stack stack, ConsumerRig.Instance i, String sql) {
        try (Connection c = stack.database(i.name()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(i.name() + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
