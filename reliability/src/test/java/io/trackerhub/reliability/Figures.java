package io.trackerhub.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The suite's figures (acked/stored/lost, duplicates, 5xx counts), one line per test, printed and written to
 * target/reliability/figures.md: docs/reliability.md quotes the last run's.
 */
final class Figures {

    private Figures() {
    }

    static synchronized void record(String test, String figures) {
        String line = "| " + test + " | " + figures + " |";
        System.out.println("RELIABILITY " + line);
        try {
            var file = Stack.get().work.resolve("figures.md");
            if (!Files.exists(file)) {
                Files.writeString(file, "Figures of the run at " + Instant.now() + "\n\n| test | figures |\n|---|---|\n");
            }
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
