package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real client code, not ours, reads the archive: pivotaljs 1.0.3 (the npm Tracker v5 client whose base URL can be
 * changed; src/test/js) lists projects, pages through every story with {@code envelope=true}, reads epics, labels,
 * memberships, one story through {@code //stories/{id}} (the double slash it writes) and the done iterations. What
 * it read is held against the CSV. Needs Node and npm (the package is installed from the npm registry by its lock
 * file); without them the test is skipped and says why.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class RealClientTest {

    @TestHTTPResource("/services/v5")
    URL api;

    @Test
    void pivotaljsReadsTheArchiveAsItReadTracker() throws Exception {
        Path dir = Path.of("target", "real-client");
        Assumptions.assumeTrue(run(List.of("node", "--version"), Path.of("."), 30).exit == 0, "node is not installed");
        copy(Path.of("src", "test", "js"), dir);
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, 300);
        Assumptions.assumeTrue(install.exit == 0, () -> "npm could not install pivotaljs (no registry?): " + install.output);

        String token = TrackerApiTest.token();
        Run client = run(List.of("node", "client.js", api.toString(), token, String.valueOf(TrackerApiTest.PROJECT)), dir, 300);
        assertThat(client.exit).as(client.output).isZero();
        JsonNode read = new ObjectMapper().readTree(client.output.lines().reduce((a, b) -> b).orElseThrow());

        List<Map<String, List<String>>> rows = TrackerApiTest.rows();
        List<Long> projects = new ArrayList<>();
        read.path("projects").forEach(p -> projects.add(p.asLong()));
        assertThat(projects).contains(TrackerApiTest.PROJECT);
        List<Long> stories = new ArrayList<>();
        read.path("stories").forEach(s -> stories.add(s.asLong()));
        assertThat(stories).as("every story once, through pivotaljs's own paging")
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> Long.parseLong(r.get("id").get(0))).toList());
        assertThat(read.path("accepted").asLong()).isEqualTo(rows.stream().filter(r -> r.get("current state").get(0).equals("accepted")).count());
        assertThat(read.path("epics").asInt()).isEqualTo(22);
        Set<String> labels = new HashSet<>();
        read.path("labels").forEach(l -> labels.add(l.asText().toLowerCase(Locale.ROOT)));
        rows.forEach(r -> List.of(r.get("labels").get(0).split(",")).stream().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> assertThat(labels).contains(l.toLowerCase(Locale.ROOT))));
        assertThat(read.path("members").size()).isPositive();
        assertThat(read.path("story").path("id").asLong()).isEqualTo(stories.get(0));
        assertThat(read.path("doneIterations").asInt()).isPositive();
    }

    record Run(int exit, String output) {
    }

    static Run run(List<String> command, Path dir, int seconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
