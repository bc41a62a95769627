package io.trackerhub.connector.systems;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client's own message may carry into a failure, a log or the outbox's last_error. */
class CallsTest {

    @Test
    void aUrlQueryNeverReachesAFailureMessage() {
        String vertx = "The timeout period of 3000ms has been exceeded while executing GET "
                + "/rest/bug?product=Firefox&Bugzilla_api_key=xKey123secret for server bz.example.org:443";
        assertThat(Calls.scrubbed(vertx)).doesNotContain("xKey123secret").doesNotContain("Bugzilla_api_key")
                .isEqualTo("The timeout period of 3000ms has been exceeded while executing GET /rest/bug?… for server bz.example.org:443");
        assertThat(Calls.scrubbed("Connection refused: bz.example.org/10.0.0.1:443")).isEqualTo("Connection refused: bz.example.org/10.0.0.1:443");
    }
}
