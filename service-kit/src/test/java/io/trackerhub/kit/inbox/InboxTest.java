package io.trackerhub.kit.inbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class InboxTest {

    @Inject
    Inbox inbox;
    @Inject
    AgroalDataSource dataSource;

    private String ceId;

    @BeforeEach
    void freshId() throws SQLException {
        ceId = "807213_" + UUID.randomUUID();
        sql("create table if not exists effect (ce_id text primary key)");
    }

    /** The consumer shape every service follows: skip if seen, apply, record — in one transaction. */
    private void consume(String id, boolean failAfterEffect) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.alreadyProcessed("test.consumer", id)) {
                return;
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into effect values ('" + id + "')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            inbox.markProcessed("test.consumer", id);
            if (failAfterEffect) {
                throw new IllegalStateException("handler failed after its effect");
            }
        });
    }

    @Test
    void redeliveredEventHasItsEffectOnce() throws SQLException {
        consume(ceId, false);
        consume(ceId, false);
        consume(ceId, false);

        assertThat(count("select count(*) from effect where ce_id = '" + ceId + "'")).isEqualTo(1);
        assertThat(count("select count(*) from kit_inbox where ce_id = '" + ceId + "'")).isEqualTo(1);
    }

    @Test
    void failedHandlerLeavesNeitherEffectNorInboxRecordSoTheRetryApplies() throws SQLException {
        assertThatThrownBy(() -> consume(ceId, true)).hasMessageContaining("handler failed");
        assertThat(count("select count(*) from effect where ce_id = '" + ceId + "'")).isZero();
        assertThat(count("select count(*) from kit_inbox where ce_id = '" + ceId + "'")).isZero();

        consume(ceId, false);
        assertThat(count("select count(*) from effect where ce_id = '" + ceId + "'")).isEqualTo(1);
    }

    @Test
    void sameIdIsIndependentPerConsumer() {
        QuarkusTransaction.requiringNew().run(() -> inbox.markProcessed("a", ceId));
        boolean seenByB = QuarkusTransaction.requiringNew().call(() -> inbox.alreadyProcessed("b", ceId));
        boolean seenByA = QuarkusTransaction.requiringNew().call(() -> inbox.alreadyProcessed("a", ceId));
        assertThat(seenByA).isTrue();
        assertThat(seenByB).isFalse();
    }

    @Test
    void recordingTwiceFailsTheSecondTransaction() {
        QuarkusTransaction.requiringNew().run(() -> inbox.markProcessed("test.consumer", ceId));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> inbox.markProcessed("test.consumer", ceId)))
                .hasMessageContaining(ceId);
    }

    @Test
    void inboxRefusesToWorkOutsideATransaction() {
        assertThatThrownBy(() -> inbox.markProcessed("test.consumer", ceId)).isInstanceOf(TransactionalException.class);
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void markProcessedIfNewTellsTheFirstRecordingFromADuplicate() {
        boolean first = QuarkusTransaction.requiringNew().call(() -> inbox.markProcessedIfNew("test.consumer", ceId));
        boolean second = QuarkusTransaction.requiringNew().call(() -> inbox.markProcessedIfNew("test.consumer", ceId));
        boolean otherConsumer = QuarkusTransaction.requiringNew().call(() -> inbox.markProcessedIfNew("other.consumer", ceId));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    @Test
    void batchRecordingReturnsOnlyIdsNotSeenBeforeOncePerId() {
        QuarkusTransaction.requiringNew().run(() -> inbox.markProcessed("test.consumer", ceId + "-old"));
        java.util.Set<String> fresh = QuarkusTransaction.requiringNew().call(() -> inbox.markProcessedIfNew("test.consumer",
                java.util.List.of(ceId + "-old", ceId + "-a", ceId + "-b", ceId + "-a")));
        java.util.Set<String> again = QuarkusTransaction.requiringNew().call(() -> inbox.markProcessedIfNew("test.consumer",
                java.util.List.of(ceId + "-a", ceId + "-b")));

        assertThat(fresh).containsExactlyInAnyOrder(ceId + "-a", ceId + "-b");
        assertThat(again).isEmpty();
    }
}
