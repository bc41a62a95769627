package io.trackerhub.kit.kafka;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
        }, null);

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
        }, null);

        assertThat(done.toCompletableFuture()).isNotDone();
        assertThat(acks).hasValue(0);
    }

    @Test
    void aValueTheDatabaseRefusesIsGivenUpAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> givenUp = new ArrayList<>();

        CompletionStage<Void> done = Retrying.untilCommitted("test record", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("not applied", new SQLException("invalid input syntax for type json", "22P02"));
        }, result -> CompletableFuture.completedFuture(null), (kind, failure, tried, first) -> {
            givenUp.add(kind + " after " + tried + ": " + Failures.reason(failure));
            return CompletableFuture.completedFuture(null);
        });

        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(attempts).hasValue(1);
        assertThat(givenUp).containsExactly("DATA after 1: IllegalStateException: not applied (cause SQLException: invalid input syntax for type json)");
    }

    @Test
    void aHandlerThatKeepsThrowingIsGivenUpAfterAFewAttemptsButALostDatabaseNever() {
        AtomicInteger bug = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        Retrying.untilCommitted("test record", () -> {
            bug.incrementAndGet();
            throw new NullPointerException("a field the handler did not expect");
        }, result -> CompletableFuture.completedFuture(null), (kind, failure, tried, first) -> {
            assertThat(kind).isEqualTo(Failures.Kind.OTHER);
            gaveUp.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(bug).hasValue(Retrying.ATTEMPTS);
        assertThat(gaveUp).hasValue(1);

        AtomicInteger lost = new AtomicInteger();
        CompletionStage<Void> done = Retrying.untilCommitted("test record", () -> {
            if (lost.incrementAndGet() <= Retrying.ATTEMPTS + 1) {
                throw new IllegalStateException(new SQLException("Connection refused", "08001"));
            }
            return "applied";
        }, result -> CompletableFuture.completedFuture(null), (kind, failure, tried, first) -> {
            throw new AssertionError("a lost database is never given up");
        });
        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(lost).hasValue(Retrying.ATTEMPTS + 2);
    }

    @Test
    void failuresAreToldApartBySqlStateAndType() {
        assertThat(Failures.of(new SQLException("duplicate key", "23505"))).isEqualTo(Failures.Kind.DATA);
        assertThat(Failures.of(new SQLException("value too long", "22001"))).isEqualTo(Failures.Kind.DATA);
        assertThat(Failures.of(new SQLException("terminating connection due to administrator command", "57P01"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.of(new SQLException("deadlock detected", "40P01"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.of(new SQLException("Sorry, acquisition timeout!"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.of(new RuntimeException(new java.net.ConnectException("refused")))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.of(new org.apache.kafka.common.errors.TimeoutException("no ack"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.of(new SQLException("syntax error", "42601"))).isEqualTo(Failures.Kind.OTHER);
        assertThat(Failures.of(new IllegalArgumentException("bad field"))).isEqualTo(Failures.Kind.OTHER);
    }
}
