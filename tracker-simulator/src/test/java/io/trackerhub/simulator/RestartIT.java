package io.trackerhub.simulator;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackerhub.testkit.Ports;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started twice, as {@code ./hub} and testkit start it (a plain process, no state on disk): the second
 * run never hands out a project or story id of the first, even for the same seed, so services that kept the first
 * run's projects by id never see another project under one of those ids.
 */
class RestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void aRestartedSimulatorNeverHandsOutAProjectOrStoryIdOfTheRunBefore() throws Exception {
        Run first = Run.start(1);
        List<Long> firstProjects;
        List<Long> firstStories;
        List<String> firstNames;
        try {
            JsonPath world = first.seed(42, 3, 40);
            firstProjects = world.getList("project_ids", Long.class);
            firstStories = first.storyIds(world, firstProjects);
            firstStories.add(first.createStory(world, firstProjects.get(0)));
            firstNames = first.storyNames(world, firstProjects.get(0));
        } finally {
            first.stop();
        }

        Run second = Run.start(2);
        try {
            JsonPath recorded = second.post("/_sim/seed", Map.of("recorded", true));
            assertThat(recorded.getList("project_ids", Long.class)).containsExactly(1027488L);
            JsonPath world = second.seed(42, 3, 40);
            List<Long> projects = world.getList("project_ids", Long.class);
            List<Long> stories = second.storyIds(world, projects);
            stories.add(second.createStory(world, projects.get(0)));

            assertThat(projects).hasSize(3).doesNotContainAnyElementsOf(firstProjects).doesNotContain(1027488L)
                    .allSatisfy(id -> assertThat(id).isGreaterThan(firstProjects.get(2)).isLessThan(1L << 53));
            assertThat(stories).hasSize(121).doesNotContainAnyElementsOf(firstStories)
                    .allSatisfy(id -> assertThat(id).isGreaterThan(firstStories.stream().mapToLong(Long::longValue).max().orElseThrow()));
            assertThat(second.storyNames(world, projects.get(0))).as("the same seed still makes the same world, under new ids")
                    .isEqualTo(firstNames);
        } finally {
            second.stop();
        }
    }

    /** One simulator process. */
    private record Run(Process process, String url, String adminToken, Path log) {

        static Run start(int number) throws IOException {
            assertThat(JAR).as("the packaged jar (the IT runs after package)").isRegularFile();
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = "restart-it-" + HexFormat.of().formatHex(secret);
            int port = Ports.free();
            Path log = Path.of("target", "restart-it-run-" + number + ".log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", JAR.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("HUB_ADMIN_TOKEN", token);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            Run run = new Run(builder.start(), "http://127.0.0.1:" + port, token, log);
            TrackerSimulatorResource.awaitReady(run.process(), run.url(), log, Duration.ofSeconds(90));
            return run;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        JsonPath post(String path, Object body) {
            return given().baseUri(url).header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).body(body)
                    .post(path).then().statusCode(201).extract().jsonPath();
        }

        JsonPath seed(long seed, int projects, int stories) {
            return post("/_sim/seed", Map.of("seed", seed, "projects", projects, "stories_per_project", stories));
        }

        List<Long> storyIds(JsonPath world, List<Long> projects) {
            List<Long> ids = new ArrayList<>();
            for (long project : projects) {
                ids.addAll(stories(world, project).getList("id", Long.class));
            }
            return ids;
        }

        List<String> storyNames(JsonPath world, long project) {
            return stories(world, project).getList("name", String.class);
        }

        long createStory(JsonPath world, long project) {
            return given().baseUri(url).basePath("/services/v5").header("X-TrackerToken", world.getString("api_token"))
                    .contentType(ContentType.JSON).body(Map.of("name", "Made after the seed"))
                    .post("/projects/{id}/stories", project).then().statusCode(200).extract().jsonPath().getLong("id");
        }

        private JsonPath stories(JsonPath world, long project) {
            return given().baseUri(url).basePath("/services/v5").header("X-TrackerToken", world.getString("api_token"))
                    .get("/projects/{id}/stories?limit=500", project).then().statusCode(200).extract().jsonPath();
        }
    }
}
