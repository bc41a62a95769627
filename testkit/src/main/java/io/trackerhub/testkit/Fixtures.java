package io.trackerhub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded real Tracker traffic under {@code fixtures/tracker/} at the top of the repository
 * (a copy of shared/fixtures/tracker, so that a clone builds on its own).
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("fixtures").resolve("tracker");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("fixtures/tracker not found above " + Path.of("").toAbsolutePath());
    }

    /** A file of the repository, e.g. {@code docs/asyncapi.yaml}. */
    public static Path repositoryFile(String relativePath) {
        return root().getParent().getParent().resolve(relativePath);
    }

    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of a fixture folder (e.g. {@code webhook-v5}) whose name ends with {@code suffix}, sorted. */
    public static List<Path> list(String folder, String suffix) {
        try (Stream<Path> files = Files.walk(root().resolve(folder))) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
