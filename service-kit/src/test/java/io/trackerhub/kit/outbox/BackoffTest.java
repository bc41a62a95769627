package io.trackerhub.kit.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(15));

    @Test
    void delayDoublesWithEachAttemptWithinItsJitterBand() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = 1000L << (attempt - 1);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delayAfter(attempt, null).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void delayIsCapped() {
        assertThat(backoff.delayAfter(40, null)).isLessThanOrEqualTo(Duration.ofMinutes(15)).isGreaterThanOrEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void retryAfterWinsWhenLonger() {
        assertThat(backoff.delayAfter(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.delayAfter(12, Duration.ofSeconds(1))).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void httpAnswersAreReadAsDeliveredRetryOrRejected() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(DeliveryResult.fromHttp(204, null, "", now).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(DeliveryResult.fromHttp(429, "7", "", now).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(DeliveryResult.fromHttp(503, "Mon, 23 Nov 2026 12:01:00 GMT", "", now).retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DeliveryResult.fromHttp(502, "soon", "", now).retryAfter()).isNull();
        assertThat(DeliveryResult.fromHttp(404, null, "no such room", now).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
        assertThat(DeliveryResult.fromHttp(404, null, "no such room", now).detail()).isEqualTo("HTTP 404: no such room");
    }
}
