package io.trackerhub.timesheet.reports;

import io.trackerhub.kit.errors.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-entry rounding as Harvest does it. (A QuarkusTest only to share the test application's class loading.) */
@io.quarkus.test.junit.QuarkusTest
@io.quarkus.test.common.WithTestResource(io.trackerhub.testkit.KafkaBroker.class)
@io.quarkus.test.common.WithTestResource(io.trackerhub.testkit.PostgresDatabase.class)
class RoundingTest {

    @Test
    void roundsToTheNearestMultipleHalfUp() {
        Rounding quarter = Rounding.of("nearest", 15);
        assertThat(quarter.apply(7 * 60 + 29)).isEqualTo(0);
        assertThat(quarter.apply(7 * 60 + 30)).isEqualTo(15 * 60);
        assertThat(quarter.apply(22 * 60 + 29)).isEqualTo(15 * 60);
        assertThat(quarter.apply(22 * 60 + 30)).isEqualTo(30 * 60);
        assertThat(quarter.apply(15 * 60)).isEqualTo(15 * 60);
        assertThat(quarter.apply(0)).isEqualTo(0);
    }

    @Test
    void roundsUpAndDown() {
        assertThat(Rounding.of("up", 6).apply(1)).isEqualTo(360);
        assertThat(Rounding.of("up", 6).apply(360)).isEqualTo(360);
        assertThat(Rounding.of("up", 6).apply(361)).isEqualTo(720);
        assertThat(Rounding.of("down", 30).apply(29 * 60 + 59)).isEqualTo(0);
        assertThat(Rounding.of("down", 30).apply(61 * 60)).isEqualTo(60 * 60);
    }

    @Test
    void defaultsAndBadValues() {
        assertThat(Rounding.of(null, null)).isEqualTo(Rounding.NONE);
        assertThat(Rounding.NONE.apply(1234)).isEqualTo(1234);
        assertThat(Rounding.of(null, 10)).isEqualTo(new Rounding("nearest", 10));
        assertThat(Rounding.of("UP", null)).isEqualTo(new Rounding("up", 15));
        assertThatThrownBy(() -> Rounding.of("sideways", 15)).isInstanceOf(ProblemException.class).hasMessageContaining("nearest, up, down");
        assertThatThrownBy(() -> Rounding.of("up", 0)).isInstanceOf(ProblemException.class).hasMessageContaining("round_to");
    }
}
