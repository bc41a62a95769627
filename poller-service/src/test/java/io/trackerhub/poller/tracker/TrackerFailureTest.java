package io.trackerhub.poller.tracker;

import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refusal means for the sync. Whether Tracker answered a bad token with 401 or 403 is in no public recording;
 * its body is (GoBootcamp/clirescue issue 7 quotes it): {@code invalid_authentication} means the token, under either.
 */
class TrackerFailureTest {

    private static final byte[] BAD_CREDENTIALS = """
            {"code":"invalid_authentication","kind":"error","error":"Invalid authentication credentials were presented.",
             "possible_fix":"Recheck your name (email address or Tracker username) and password."}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_A_MEMBER = Fixtures.read("errors/aha_services_auth_error.json").getBytes(StandardCharsets.UTF_8);

    @Test
    void invalidAuthenticationRejectsTheTokenUnder401Or403() {
        assertThat(TrackerClient.failure("GET /projects/7", 7L, 401, BAD_CREDENTIALS).kind()).isEqualTo(TrackerFailure.Kind.TOKEN_REJECTED);
        TrackerFailure forbidden = TrackerClient.failure("GET /projects/7", 7L, 403, BAD_CREDENTIALS);
        assertThat(forbidden.kind()).isEqualTo(TrackerFailure.Kind.TOKEN_REJECTED);
        assertThat(forbidden.getMessage()).startsWith("invalid_authentication");
    }

    @Test
    void aProjectTheTokenMayNotReadIsThatProjectsProblem() {
        TrackerFailure failure = TrackerClient.failure("GET /projects/7", 7L, 403, NOT_A_MEMBER);
        assertThat(failure.kind()).isEqualTo(TrackerFailure.Kind.PROJECT_FORBIDDEN);
        assertThat(failure.getMessage()).contains("project 7").contains("unauthorized_operation");
        // about the token itself (/me), a 403 is the token's
        assertThat(TrackerClient.failure("GET /me", null, 403, NOT_A_MEMBER).kind()).isEqualTo(TrackerFailure.Kind.TOKEN_REJECTED);
        assertThat(TrackerClient.failure("GET /projects/7/stories", 7L, 404, "{}".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(TrackerFailure.Kind.PROJECT_FORBIDDEN);
    }

    @Test
    void anyOtherRefusalNamesTheCallAndTrackersWords() {
        byte[] body = Fixtures.read("errors/tracker_api_400_invalid_parameter_body.json").getBytes(StandardCharsets.UTF_8);
        TrackerFailure failure = TrackerClient.failure("GET /projects/7/stories?filter", 7L, 400, body);
        assertThat(failure.kind()).isEqualTo(TrackerFailure.Kind.REFUSED);
        assertThat(failure.getMessage()).startsWith("GET /projects/7/stories?filter answered 400: invalid_parameter");
    }
}
