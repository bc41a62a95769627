package io.trackerhub.notification.messages;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every real Tracker fixture, through Kafka, to chat rooms that each publish one option: the text each room reads. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ChatTextFixturesTest {

    record Expected(String fixture, String option, String text) {
    }

    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static List<Expected> expected() throws IOException {
        try (InputStream in = ChatTextFixturesTest.class.getResourceAsStream("/expected-chat-texts.tsv")) {
            List<Expected> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                rows.add(new Expected(cells[0], cells[1], cells[2]));
            }
            return rows;
        }
    }

    @Test
    void everyRealFixtureReadsAsTrackerWroteItInTheRoomsThatPublishIt() throws IOException {
        List<Expected> table = expected();
        List<String> recorded = new ArrayList<>();
        for (String folder : List.of("webhook-v5", "webhook-v3", "activity")) {
            for (Path file : Fixtures.list(folder, "")) {
                recorded.add(folder + "/" + file.getFileName());
            }
        }
        assertThat(table).extracting(Expected::fixture).as("the table covers every recorded fixture").containsExactlyInAnyOrderElementsOf(recorded);

        long project = Hub.uniqueProject();
        Map<String, String> rooms = Map.of("new_stories", "/rooms/new", "state_changes", "/rooms/states", "comments", "/rooms/comments");
        rooms.forEach((option, path) -> Hub.channel("""
                {"type": "slack", "name": "%s", "project_ids": [%d], "publish": ["%s"], "config": {"url": "%s"}, "rate_per_second": 1000}
                """.formatted(option, project, option, receiver.url(path))));
        Hub.channel("""
                {"type": "campfire", "name": "everything", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}
                """.formatted(project, receiver.url("/rooms/225611/KEY/messages")));

        for (Expected row : table) {
            Hub.publish(Hub.fixture(row.fixture(), project));
        }

        List<Expected> posted = table.stream().filter(row -> !row.option().equals("-")).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(receiver.at("/rooms/225611/KEY/messages")).hasSize(posted.size()));
        rooms.forEach((option, path) -> assertThat(receiver.bodiesAt(path)).as(option)
                .map(body -> TrackerJson.readTree(body).get("text").asText())
                .containsExactlyElementsOf(posted.stream().filter(row -> row.option().equals(option)).map(Expected::text).toList()));
        assertThat(receiver.bodiesAt("/rooms/225611/KEY/messages")).as("campfire, every option, in the order Tracker sent them")
                .containsExactlyElementsOf(posted.stream().map(Expected::text).map(io.trackerhub.notification.delivery.Campfire::body).toList());
        assertThat(receiver.at("/rooms/new").get(0).header("content-type")).isEqualTo("application/json");
        assertThat(receiver.at("/rooms/225611/KEY/messages").get(0).header("content-type")).startsWith("text/html");
    }

    @Test
    void commentsAreQuotedOnOneLineAndTrimmed() {
        assertThat(ChatText.quote("  two\n\nlines  ")).isEqualTo("two lines");
        assertThat(ChatText.quote("x".repeat(500))).hasSize(ChatText.MAX_QUOTE).endsWith("…");
    }
}
