package io.trackerhub.events.rest;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.trackerhub.events.JsonTrees.assertEquivalent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerErrorTest {

    static List<Path> errorBodies() {
        return Fixtures.list("errors", ".json");
    }

    @ParameterizedTest
    @MethodSource("errorBodies")
    void everyRecordedErrorBodyParsesAndWritesBackTheSameJson(Path file) throws Exception {
        byte[] body = Files.readAllBytes(file);

        TrackerError error = TrackerError.parse(body);

        assertThat(error.kind()).isEqualTo("error");
        assertThat(error.code()).isNotBlank();
        assertThat(error.error()).isNotBlank();
        assertEquivalent(TrackerJson.toTree(error), TrackerJson.readTree(body));
    }

    @Test
    void validationErrorsNameTheirFields() {
        TrackerError error = TrackerError.parse(Fixtures.read("errors/aha_services_invalid_parameter.json").getBytes());

        assertThat(error.code()).isEqualTo("invalid_parameter");
        assertThat(error.validationErrors()).extracting(ValidationError::field).containsExactly("estimate", "deadline");
        assertThat(error.summary()).isEqualTo("invalid_parameter: One or more request parameters was missing or invalid. "
                + "estimate: 17 is not a valid estimate for this project's point scale.; deadline: Deadline can only be set on releases.");
    }

    @Test
    void summaryFallsBackToTheGeneralProblem() {
        TrackerError error = TrackerError.parse(Fixtures.read("errors/aha_services_auth_error.json").getBytes());

        assertThat(error.summary()).isEqualTo("unauthorized_operation: Authorization failure. You aren't authorized to access the requested resource.");
        assertThat(error.possibleFix()).startsWith("Your project permissions");
    }

    @Test
    void aBodyThatIsNotAnErrorIsRefused() {
        assertThatThrownBy(() -> TrackerError.parse(Fixtures.read("activity/label_delete_activity__1027488_103.json").getBytes()))
                .isInstanceOf(TrackerFormatException.class)
                .hasMessage("kind must be \"error\" in an error body, got \"label_delete_activity\"");
    }
}
