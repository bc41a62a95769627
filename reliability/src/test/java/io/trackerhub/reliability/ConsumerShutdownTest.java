package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Each consumer service stopped with SIGTERM twice under load (as Kubernetes stops a pod) and started again: it exits
 * within 30 s, the work it had in hand is finished or consumed again after the restart, and compared with an
 * instance that was never stopped nothing is lost and nothing happened twice — not even a call in flight, which a
 * graceful stop lets finish and records.
 */
@Order(45)
class ConsumerShutdownTest {

    /** Fewer than the crash test's 10,000: the point is a stop under load, and the suite's time is shared. */
    static final int ACTIVITIES = 4_000;

    @Test
    @Timeout(480)
    void stoppedConsumersFinishOrHandBackTheirWork() {
        long started = System.nanoTime();
        Map<String, Long> slowest = new java.util.concurrent.ConcurrentHashMap<>();
        try (ConsumerRig rig = new ConsumerRig("consumer-sigterm")) {
            ConsumerStream stream = ConsumerCrashTest.stream(rig, 9_400_000, 23, ACTIVITIES);
            // 120 a second: the stream lasts ~40 s, longer than a stop and a restart, so the second stop is under load too
            // (a graceful stop applies what it has fetched, up to a poll of 500, before it exits)
            Map<ConsumerRig.Service, ConsumerRig.Result> results = rig.play(stream, 120, new double[] {0.3, 0.7}, process -> {
                long t = System.nanoTime();
                int exit = process.terminate(); // fails the run when it takes longer than 30 s
                long millis = (System.nanoTime() - t) / 1_000_000;
                slowest.merge(process.instance, millis, Math::max);
                return " (exit " + exit + " after " + millis + " ms)";
            }, Duration.ofSeconds(240));
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            results.values().forEach(r -> Figures.record("consumer SIGTERM ×" + r.disruptions().size() + " under load: "
                    + r.service().schema, r.figures(stream, seconds)));
            assertSoftly(softly -> results.values().forEach(r -> {
                softly.assertThat(r.disruptions()).as(r.service() + " stopped under load").hasSize(2);
                softly.assertThat(r.stateDifferences()).as(r.service() + " tables against the undisturbed instance").isEmpty();
                softly.assertThat(r.effectDifferences()).as(r.service() + " receivers against the undisturbed instance").isEmpty();
                softly.assertThat(r.duplicated()).as(r.service() + " side effects duplicated").isZero();
                softly.assertThat(r.resent()).as(r.service() + " calls sent again after a graceful stop").isZero();
                softly.assertThat(r.missing()).as(r.service() + " side effects missing").isZero();
                softly.assertThat(r.referenceEffects()).as(r.service() + " side effects of the undisturbed instance").isEqualTo(r.expectedEffects());
                softly.assertThat(r.disturbedEffects()).as(r.service() + " side effects of the stopped instance").isEqualTo(r.expectedEffects());
            }));
            // channels close one after another: service-kit keeps each under a second (the connector has six)
            assertThat(slowest).as("the slowest stop of each service, ms").allSatisfy((instance, millis) -> assertThat(millis).isLessThan(10_000));
        }
    }
}
