package io.trackerhub.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The hub's applications as the reactor packages them: a production jar each, run here as a process. */
enum App {
    INGEST("webhook-ingest-service", false),
    SIMULATOR("tracker-simulator", false),
    POLLER("poller-service", true),
    CONNECTOR("connector-service", true),
    TIMESHEET("timesheet-service", true),
    NOTIFICATION("notification-service", true),
    /** Imported Tracker CSV exports behind a read-only Tracker API v5; it uses no Kafka. */
    ARCHIVE("tracker-archive", true);

    final String module;
    final boolean needsDatabase;

    App(String module, boolean needsDatabase) {
        this.module = module;
        this.needsDatabase = needsDatabase;
    }

    Path jar() {
        Path jar = Stack.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reliability suite runs the packaged services;"
                    + " run ./mvnw -B verify from the repository root (or package " + module + " first)");
        }
        return jar;
    }

    /**
     * The service's measured JVM settings (its jvm.options, as ./hub and the image use them), else a small heap.
     * C1 only: these processes are started and killed many times on two cores, and start faster without C2.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        Path file = Stack.root().resolve(module).resolve("jvm.options");
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    String option = line.replaceFirst("#.*", "").trim();
                    if (!option.isEmpty()) {
                        options.add(option);
                    }
                }
            } else {
                options.add("-Xmx192m");
                options.add("-XX:+UseSerialGC");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        options.add("-XX:TieredStopAtLevel=1");
        return options;
    }
}
