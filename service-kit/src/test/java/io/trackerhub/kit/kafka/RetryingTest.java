package io.trackerhub.kit.kafka;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetryingTest {

    @AfterEach
    void running() {
        Retrying.stopping = false;
    }

    @Test
    void failedTransactionIsTriedAgainAndAcknowledgedOnceItCommits() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();

        CompletionStage<Void> done = Retrying.untilCommitted("test records", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("database away");
            }
            return "applied";
        }, result -> {
            assertThat(result).isEqualTo("applied");
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(attempts).hasValue(3);
        assertThat(acks).hasValue(1);
    }

    @Test
    void stoppingServiceLeavesTheRecordsUnacknowledged() {
        Retrying.stopping = true;
        AtomicInteger acks = new AtomicInteger();

        CompletionStage<Void> done = Retrying.untilCommitted("test records", () -> {
            throw new IllegalStateException("database away");
        }, result -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        assertThat(done.toCompletableFuture()).isNotDone();
        assertThat(acks).hasValue(0);
    }
}
