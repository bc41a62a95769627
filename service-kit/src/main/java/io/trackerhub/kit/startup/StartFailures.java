package io.trackerhub.kit.startup;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A service that refuses to start for a reason an operator fixes in its settings says so in one line, without the
 * stack trace Quarkus prints for any start failure: a missing, short or published secret ({@code RequiredSecrets}:
 * "refusing to start: HUB_CRYPTO_KEY has 5 characters; …") and a database it cannot open ("refusing to start: the
 * database at QUARKUS_DATASOURCE_JDBC_URL … cannot be opened: FATAL: database "x" does not exist"). Any other start
 * failure keeps its stack trace: that one is a bug to report. Installed on the console handler by the kit's
 * {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = StartFailures.NAME)
public final class StartFailures implements Filter {

    public static final String NAME = "hub-start-failures";
    /** The logger Quarkus reports a failed start with. */
    static final String LOGGER = "io.quarkus.runtime.Application";
    /** What a refusal of ours starts with. */
    public static final String REFUSING = "refusing to start: ";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() != null && LOGGER.equals(record.getLoggerName())) {
            oneLine(record.getThrown()).ifPresent(line -> {
                if (record instanceof ExtLogRecord ext) {
                    ext.setMessage(line, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(line);
                }
                record.setParameters(null);
                record.setThrown(null);
            });
        }
        return true;
    }

    /** The line a failed start is told in, when its cause is one an operator fixes in the settings. */
    static Optional<String> oneLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(REFUSING)) {
                return Optional.of(t.getMessage());
            }
        }
        Throwable root = root(failure);
        boolean database = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            database |= t instanceof SQLException || t.getClass().getName().startsWith("org.flywaydb.core.internal.exception.sqlExceptions.FlywaySqlUnableToConnect");
        }
        if (database && (root instanceof SQLException || root instanceof ConnectException || root instanceof java.net.UnknownHostException)) {
            String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
            return Optional.of(REFUSING + "the database " + (url == null ? "of quarkus.datasource.jdbc.url" : "at QUARKUS_DATASOURCE_JDBC_URL " + withoutQuery(url))
                    + " cannot be opened: " + firstLine(root.getMessage()) + "; check the URL, user (QUARKUS_DATASOURCE_USERNAME) and password "
                    + "(QUARKUS_DATASOURCE_PASSWORD), and that the database exists");
        }
        return Optional.empty();
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A JDBC URL without its parameters (a password may be among them). */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
