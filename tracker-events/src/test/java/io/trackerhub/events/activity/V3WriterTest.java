package io.trackerhub.events.activity;

import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class V3WriterTest {

    static List<Path> v3Fixtures() {
        return Fixtures.list("webhook-v3", ".xml");
    }

    static Stream<Path> v5Fixtures() {
        return Stream.concat(Fixtures.list("webhook-v5", ".json").stream(), Fixtures.list("activity", ".json").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v3Fixtures")
    void realV3BodyWrittenBackReadsAsTheSameActivity(Path fixture) throws IOException {
        Activity original = Activities.parse(Files.readAllBytes(fixture));

        String written = Activities.toV3Xml(original);

        assertThat(written).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<activity>");
        assertThat(Activities.parseV3Xml(written)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v5Fixtures")
    void v5ActivityAsV3KeepsIdentityAuthorAndStoryStates(Path fixture) throws IOException {
        Activity v5 = Activities.parse(Files.readAllBytes(fixture));

        Activity back = Activities.parseV3Xml(Activities.toV3Xml(v5));

        assertThat(back.guid()).isEqualTo(v5.guid());
        assertThat(back.projectVersion()).isEqualTo(v5.projectVersion());
        assertThat(back.occurredAt()).isEqualTo(v5.occurredAt());
        assertThat(back.message()).isEqualTo(v5.message());
        assertThat(back.performedBy().name()).isEqualTo(v5.performedBy().name());
        if (List.of("story_create_activity", "story_update_activity", "story_delete_activity", "comment_create_activity").contains(v5.kind())) {
            assertThat(back.kind()).isEqualTo(v5.kind());
        }
        for (Change story : v5.changesOf("story")) {
            Change written = back.changesOf("story").stream().filter(c -> story.id().equals(c.id())).findFirst().orElseThrow();
            story.newValue("current_state").ifPresent(state -> assertThat(written.newValue("current_state")).contains(state));
            story.newValue("estimate").filter(e -> !e.isNull()).ifPresent(e ->
                    assertThat(written.newValue("estimate").orElseThrow().asDouble()).isEqualTo(e.asDouble()));
        }
        assertThat(back.changesOf("comment")).extracting(Change::id).containsExactlyElementsOf(v5.changesOf("comment").stream().map(Change::id).toList());
    }

    @Test
    void textIsEscapedNotInjected() {
        Activity started = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_started.json"));
        Activity hostile = new Activity(started.kind(), started.guid(), started.projectVersion(), "Leo <b>&</b> \"friends\"]]>",
                started.highlight(), started.changes(), started.primaryResources(), started.secondaryResources(), started.project(),
                started.performedBy(), started.occurredAt(), started.others());

        String xml = Activities.toV3Xml(hostile);

        assertThat(xml).contains("Leo &lt;b>&amp;&lt;/b>");
        assertThat(Activities.parseV3Xml(xml).message()).isEqualTo("Leo <b>&</b> \"friends\"]]>");
    }
}
