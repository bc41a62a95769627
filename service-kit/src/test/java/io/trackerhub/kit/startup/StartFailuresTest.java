package io.trackerhub.kit.startup;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed start as Quarkus logs it, through the filter: one line for a setting to fix, the stack trace for a bug. */
class StartFailuresTest {

    private static ExtLogRecord failedStart(Throwable cause) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Failed to start application", ExtLogRecord.FormatStyle.NO_FORMAT, StartFailures.LOGGER);
        record.setLoggerName(StartFailures.LOGGER);
        record.setThrown(new RuntimeException("Failed to start quarkus", cause));
        return record;
    }

    @Test
    void aRefusedSecretIsOneLineNamingTheVariable() {
        ExtLogRecord record = failedStart(new IllegalStateException(
                "refusing to start: HUB_CRYPTO_KEY has 5 characters; it needs at least 32 {0} %s"));
        assertThat(new StartFailures().isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("refusing to start: HUB_CRYPTO_KEY has 5 characters; it needs at least 32 {0} %s");
        assertThat(record.getThrown()).isNull();
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneLine() {
        ExtLogRecord record = failedStart(new IllegalStateException("Unable to obtain connection from database",
                new SQLException("FATAL: database \"trackerhub\" does not exist\n  more detail")));
        new StartFailures().isLoggable(record);
        assertThat(record.getFormattedMessage()).startsWith("refusing to start: the database ")
                .contains("cannot be opened: FATAL: database \"trackerhub\" does not exist;").contains("QUARKUS_DATASOURCE_PASSWORD")
                .doesNotContain("more detail");
        assertThat(record.getThrown()).isNull();

        ExtLogRecord refused = failedStart(new SQLException("connection refused", new ConnectException("Connection refused")));
        new StartFailures().isLoggable(refused);
        assertThat(refused.getFormattedMessage()).contains("cannot be opened: Connection refused");
    }

    @Test
    void anyOtherFailureKeepsItsStackTraceAndOtherLoggersAreLeftAlone() {
        ExtLogRecord bug = failedStart(new NullPointerException("a bug"));
        new StartFailures().isLoggable(bug);
        assertThat(bug.getFormattedMessage()).isEqualTo("Failed to start application");
        assertThat(bug.getThrown()).isNotNull();

        ExtLogRecord other = failedStart(new IllegalStateException("refusing to start: HUB_ADMIN_TOKEN is not set"));
        other.setLoggerName("io.trackerhub.something");
        new StartFailures().isLoggable(other);
        assertThat(other.getThrown()).isNotNull();
    }

    @Test
    void aJdbcUrlLosesItsParameters() {
        assertThat(StartFailures.withoutQuery("jdbc:postgresql://db:5432/hub?password=secret&ssl=true")).isEqualTo("jdbc:postgresql://db:5432/hub");
    }
}
