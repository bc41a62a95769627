package io.trackerhub.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A production jar given a setting it cannot start with — a short secret, a database that does not exist — exits
 * with a non-zero code and says why in one line naming the variable, with no stack trace.
 */
@Order(5)
class StartRefusalTest {

    @Test
    @Timeout(180)
    void aServiceThatCannotStartSaysWhyInOneLine() throws IOException {
        Stack stack = Stack.get();
        List<String> figures = new ArrayList<>();
        assertSoftly(softly -> {
            for (var setting : List.of(
                    Map.entry("refuse-weak-key", Map.of("HUB_CRYPTO_KEY", "short")),
                    Map.entry("refuse-no-database", Map.of("QUARKUS_DATASOURCE_JDBC_URL", stack.postgres.jdbcUrl("no_such_database"))))) {
                ServiceProcess process = stack.service(App.NOTIFICATION, setting.getKey(), setting.getValue()).start();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (process.alive() && System.nanoTime() < deadline) {
                    ServiceProcess.sleep(200);
                }
                softly.assertThat(process.alive()).as(setting.getKey() + " still running").isFalse();
                int exit = process.terminate();
                List<String> lines = read(process);
                List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
                long traceLines = lines.stream().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")).count();
                figures.add(setting.getKey() + ": exit " + exit + ", " + errors.size() + " error line(s), " + traceLines + " stack trace lines");
                softly.assertThat(exit).as(setting.getKey() + " exit code").isNotZero();
                softly.assertThat(traceLines).as(setting.getKey() + " stack trace lines").isZero();
                softly.assertThat(errors).as(setting.getKey() + " error lines").hasSize(1);
                softly.assertThat(errors).as(setting.getKey()).allSatisfy(line -> assertThat(line).contains("refusing to start: ")
                        .contains(setting.getValue().keySet().iterator().next()));
            }
        });
        Figures.record("a service started with a short secret or a missing database", String.join("; ", figures));
    }

    private static List<String> read(ServiceProcess process) {
        try {
            return Files.readAllLines(process.log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
