package io.trackerhub.simulator.world;

import io.trackerhub.simulator.world.Ids.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs of the simulator as a restart builds them: each {@link World} makes its {@link Ids} when it starts. */
class IdsTest {

    private static final Instant START = Instant.parse("2026-12-07T16:00:00.123Z");

    @Test
    void aRunStartedASecondLaterNeverHandsOutAnIdOfABusyFirstSecond() {
        Ids first = new Ids(START);
        long lastProject = 0;
        long lastStory = 0;
        for (int i = 0; i < 1_000; i++) {
            lastProject = first.next(Kind.PROJECT);
        }
        for (int i = 0; i < 1_000_000; i++) {   // a million stories in the run's first second: far more than seeding makes
            lastStory = first.next(Kind.STORY);
        }
        Ids restarted = new Ids(START.plusSeconds(1));
        assertThat(restarted.next(Kind.PROJECT)).isGreaterThan(lastProject);
        assertThat(restarted.next(Kind.STORY)).isGreaterThan(lastStory);
    }

    @Test
    void everyKindOfALaterRunStartsAboveTheSameKindOfAnEarlierOne() {
        Ids first = new Ids(START);
        Ids restarted = new Ids(START.plusMillis(1));
        for (Kind kind : Kind.values()) {
            long earlier = 0;
            for (int i = 0; i < 1_000; i++) {
                earlier = first.next(kind);
            }
            assertThat(restarted.next(kind)).as(kind.name()).isGreaterThan(earlier);
        }
    }

    @Test
    void twoRunsStartedNowOneAfterTheOtherShareNoProjectOrStoryId() throws InterruptedException {
        Ids first = new Ids();
        long[] projects = {first.next(Kind.PROJECT), first.next(Kind.PROJECT), first.next(Kind.PROJECT)};
        long story = 0;
        for (int i = 0; i < 500; i++) {
            story = first.next(Kind.STORY);
        }
        Thread.sleep(2);
        Ids restarted = new Ids();
        assertThat(restarted.next(Kind.PROJECT)).isGreaterThan(projects[2]);
        assertThat(restarted.next(Kind.STORY)).isGreaterThan(story);
    }

    @Test
    void recordedIdsAreBelowEveryRunAndClaimingOneNeverMovesASequenceBack() {
        Ids ids = new Ids(START);
        ids.claim(Kind.PROJECT, 1027488L);   // the recorded world's project
        ids.claim(Kind.STORY, 66728014L);    // one of its stories
        assertThat(ids.next(Kind.PROJECT)).isEqualTo(ids.first(Kind.PROJECT)).isGreaterThan(1027488L);
        assertThat(ids.next(Kind.STORY)).isEqualTo(ids.first(Kind.STORY));
        long taken = ids.first(Kind.STORY) + 10;
        ids.claim(Kind.STORY, taken);
        assertThat(ids.next(Kind.STORY)).isEqualTo(taken + 1);
        ids.claim(Kind.STORY, 66728014L);
        assertThat(ids.next(Kind.STORY)).isEqualTo(taken + 2);
    }

    @Test
    void emptyingTheWorldStartsThisRunsSequencesAgainNeverAnEarlierRunsIds() {
        Ids earlier = new Ids(START);
        long earlierProject = earlier.next(Kind.PROJECT);
        Ids ids = new Ids(START.plus(Duration.ofMinutes(5)));
        long project = ids.next(Kind.PROJECT);
        ids.next(Kind.PROJECT);
        ids.reset();
        assertThat(ids.next(Kind.PROJECT)).as("the same seed gives the same ids again in one run").isEqualTo(project)
                .isGreaterThan(earlierProject);
    }

    @Test
    void idsArePositiveAndExactAsJavaScriptNumbersForCenturies() {
        Ids beforeTheEpoch = new Ids(Instant.parse("2001-01-01T00:00:00Z"));   // a wrong clock: the plain ranges
        assertThat(beforeTheEpoch.next(Kind.PROJECT)).isEqualTo(2_000_000L);
        Ids late = new Ids(Ids.EPOCH.plus(Duration.ofDays(365L * 250)));
        for (Kind kind : Kind.values()) {
            assertThat(late.first(kind)).as(kind.name()).isPositive().isLessThan(1L << 53);
        }
    }
}
