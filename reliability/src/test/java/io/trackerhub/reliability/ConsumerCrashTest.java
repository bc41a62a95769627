package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Each consumer service — timesheet, notification, connector (write-back and the read model behind the exports) —
 * killed with SIGKILL three times mid-stream and started again while 10,000 activities flow (20% of them sent twice,
 * some out of version order): its tables end as those of an instance of the same service that was never disturbed,
 * its receivers got the same calls, and no side effect (row, chat message, web hook, Jira call) happened twice —
 * except a call a kill cut short: the receiver got it but the dead sender could not record that, so it is sent again
 * (at least once; counted as "re-sent" in the figures, matched to outbox rows attempted more than once).
 */
@Order(30)
class ConsumerCrashTest {

    static final int ACTIVITIES = 10_000;

    @Test
    @Timeout(600)
    void killedConsumersEndAsIfNeverDisturbed() {
        long started = System.nanoTime();
        try (ConsumerRig rig = new ConsumerRig("consumer-crash")) {
            ConsumerStream stream = stream(rig, 9_300_000, 11, ACTIVITIES);
            Map<ConsumerRig.Service, ConsumerRig.Result> results = rig.play(stream, 400, new double[] {0.2, 0.45, 0.7}, process -> {
                process.kill();
                return "";
            }, Duration.ofSeconds(300));
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            results.values().forEach(r -> Figures.record("consumer SIGKILL ×" + r.disruptions().size() + " mid-stream: "
                    + r.service().schema, r.figures(stream, seconds)));
            assertSoftly(softly -> results.values().forEach(r -> {
                softly.assertThat(r.disruptions()).as(r.service() + " killed mid-stream").hasSizeGreaterThanOrEqualTo(2);
                softly.assertThat(r.stateDifferences()).as(r.service() + " tables against the undisturbed instance").isEmpty();
                softly.assertThat(r.effectDifferences()).as(r.service() + " receivers against the undisturbed instance").isEmpty();
                softly.assertThat(r.duplicated()).as(r.service() + " side effects duplicated").isZero();
                softly.assertThat(r.missing()).as(r.service() + " side effects missing").isZero();
                softly.assertThat(r.referenceEffects()).as(r.service() + " side effects of the undisturbed instance").isEqualTo(r.expectedEffects());
                softly.assertThat(r.disturbedEffects() - r.resent()).as(r.service() + " side effects of the killed instance")
                        .isEqualTo(r.expectedEffects());
            }));
        }
    }

    /**
     * 20 projects of 25 stories each (the chat room takes the first three) and the simulator project whose stories
     * are linked to Jira, all with the same share of the activity.
     */
    static ConsumerStream stream(ConsumerRig rig, long firstProject, long seed, int activities) {
        List<ConsumerStream.Project> projects = new ArrayList<>();
        List<Long> chat = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            long id = firstProject + p;
            long firstStory = 930_000_000L + (id % 100_000) * 100;
            List<Long> stories = LongStream.range(0, 25).map(s -> firstStory + s).boxed().toList();
            projects.add(new ConsumerStream.Project(id, stories, p < 3, 1.0));
            if (p < 3) {
                chat.add(id);
            }
        }
        rig.configure(chat);
        projects.add(new ConsumerStream.Project(rig.simulatorProject, rig.linkedStories, false, 1.0));
        ConsumerStream stream = new ConsumerStream(seed, projects, rig.simulatorProject, activities, 0.2, 0.05);
        assertThat(stream.activityIds).hasSize(activities);
        return stream;
    }
}
