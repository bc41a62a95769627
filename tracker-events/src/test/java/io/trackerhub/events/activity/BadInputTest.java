package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a sender of a bad body is told: what is wrong and where, in one short line. */
class BadInputTest {

    private static final String STARTED = "webhook-v5/zulip_v5_started.json";
    private static final String ACCEPTED_XML = "webhook-v3/zulip_accepted.xml";

    private static AbstractThrowableAssert<?, ? extends Throwable> parsing(String body) {
        return assertThatThrownBy(() -> Activities.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TrackerFormatException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .doesNotContain("com.fasterxml", "Exception", "Source:", "\n"));
    }

    private static String startedWith(Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read(STARTED));
        edit.accept(tree);
        return tree.toString();
    }

    private static String pathOf(Throwable e) {
        return ((TrackerFormatException) e).path();
    }

    @Test
    void unreadableBodiesAreToldApartFromBodiesThatAreNotActivities() {
        for (String unreadable : new String[] {"", "story=1", "{\"kind\": ", "<activity><id>1</i></activity>"}) {
            assertThatThrownBy(() -> Activities.parse(unreadable)).as(unreadable)
                    .isInstanceOfSatisfying(TrackerFormatException.class, e -> org.assertj.core.api.Assertions.assertThat(e.unreadable()).isTrue());
        }
        for (String notAnActivity : new String[] {"[1]", "{}", "{\"kind\":\"story_update_activity\"}", "<story/>"}) {
            assertThatThrownBy(() -> Activities.parse(notAnActivity)).as(notAnActivity)
                    .isInstanceOfSatisfying(TrackerFormatException.class, e -> org.assertj.core.api.Assertions.assertThat(e.unreadable()).isFalse());
        }
    }

    @Test
    void emptyBody() {
        parsing("").hasMessage("body is empty");
        parsing(" \r\n\t").hasMessage("body is empty");
        assertThatThrownBy(() -> Activities.parse((byte[]) null)).hasMessage("body is empty");
    }

    @Test
    void bodyThatIsNeitherJsonNorXml() {
        parsing("story=123&state=started").hasMessage("body is neither JSON nor XML: it starts with \"story=123&st\", expected '{' or '<'");
    }

    @Test
    void jsonThatIsNotAnObject() {
        parsing("[1, 2]").hasMessage("activity must be a JSON object, got an array");
        assertThatThrownBy(() -> Activities.parseJson("\"hello\"")).hasMessage("activity must be a JSON object, got \"hello\"");
    }

    @Test
    void truncatedJsonSaysWhereItEnded() {
        parsing("{\n  \"kind\": \"story_update_activity\",\n    ")
                .hasMessage("unexpected end of input at line 3, column 5")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((TrackerFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void malformedJsonSaysWhatAndWhere() {
        parsing("{\"kind\": story_update_activity}")
                .hasMessageStartingWith("not valid JSON: unrecognized token 'story_update_activity'")
                .hasMessageEndingWith("at line 1, column 10");
    }

    @Test
    void missingKind() {
        parsing(startedWith(t -> t.remove("kind"))).hasMessage("kind is missing").satisfies(e -> pathOf(e).equals("kind"));
    }

    @Test
    void guidThatDisagreesWithProjectVersion() {
        parsing(startedWith(t -> t.put("project_version", 99)))
                .hasMessage("guid \"807213_78\" does not match project_version 99");
        parsing(startedWith(t -> ((ObjectNode) t.get("project")).put("id", 5)))
                .hasMessage("guid \"807213_78\" does not match project.id 5");
    }

    @Test
    void guidThatIsNotProjectIdAndVersion() {
        parsing(startedWith(t -> t.put("guid", "807213-63")))
                .hasMessage("guid \"807213-63\" must be {project_id}_{project_version}, e.g. 807213_81");
    }

    @Test
    void neitherGuidNorProjectVersion() {
        parsing(startedWith(t -> {
            t.remove("guid");
            t.remove("project_version");
        })).hasMessage("guid is missing (or give both project.id and project_version)");
    }

    @Test
    void projectVersionOfTheWrongType() {
        parsing(startedWith(t -> t.put("project_version", "63")))
                .hasMessage("project_version must be an integer, got \"63\"");
    }

    @Test
    void changeIdOfTheWrongTypeNamesItsPath() {
        parsing(startedWith(t -> ((ObjectNode) t.get("changes").get(0)).put("id", "abc")))
                .hasMessage("changes[0].id must be an integer, got \"abc\"")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(pathOf(e)).isEqualTo("changes[0].id"));
    }

    @Test
    void nestedObjectsOfTheWrongShape() {
        parsing(startedWith(t -> t.putObject("changes"))).hasMessage("changes must be an array, got an object");
        parsing(startedWith(t -> t.putArray("changes").addNull())).hasMessage("changes[0] must be an object, got null");
        parsing(startedWith(t -> t.put("performed_by", "Leo"))).hasMessage("performed_by must be an object, got \"Leo\"");
        parsing(startedWith(t -> ((ObjectNode) t.get("changes").get(0)).put("new_values", 3)))
                .hasMessage("changes[0].new_values must be an object, got 3");
        parsing(startedWith(t -> ((ObjectNode) t.get("primary_resources").get(0)).put("id", 1.5)))
                .hasMessage("primary_resources[0].id must be an integer, got 1.5");
    }

    @Test
    void unreadableOccurredAt() {
        parsing(startedWith(t -> t.put("occurred_at", "yesterday")))
                .hasMessage("occurred_at must be epoch milliseconds or an ISO-8601 time like 2014-01-08T22:08:18Z, got \"yesterday\"");
        parsing(startedWith(t -> t.put("occurred_at", true)))
                .hasMessage("occurred_at must be epoch milliseconds or an ISO-8601 time like 2014-01-08T22:08:18Z, got true");
        parsing(startedWith(t -> t.remove("occurred_at"))).hasMessage("occurred_at is missing");
        // found by the reliability fuzz: such a time went out as ce_time and stopped every consumer's channel
        parsing(startedWith(t -> t.put("occurred_at", -2_867_800_000_000_000_000L)))
                .hasMessageStartingWith("occurred_at must be in the years 0000 to 9999, got -9087");
        // found by the reliability fuzz: PostgreSQL cannot store NUL, so a consumer retried such an activity forever
        parsing(startedWith(t -> ((ObjectNode) t.get("project")).put("name", "a\u0000b")))
                .hasMessage("project.name must not contain the NUL character (\\u0000)");
        org.assertj.core.api.Assertions.assertThat(Activities.parse(startedWith(t -> t.put("message", "a\\u0000b"))).message()).isEqualTo("a\\u0000b");
        parsing(startedWith(t -> t.put("occurred_at", 9_000_000_000_000_000L)))
                .hasMessageStartingWith("occurred_at must be in the years 0000 to 9999, got +28");
    }

    @Test
    void badItemOfAnActivityListIsNamedByIndex() {
        String list = "[" + Fixtures.read(STARTED) + "," + startedWith(t -> t.remove("kind")) + "]";

        assertThatThrownBy(() -> Activities.parseJsonList(list.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("[1].kind is missing")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(pathOf(e)).isEqualTo("[1].kind"));
    }

    @Test
    void truncatedXml() {
        String xml = Fixtures.read(ACCEPTED_XML);
        parsing(xml.substring(0, xml.indexOf("<stories"))).hasMessageStartingWith("unexpected end of input");
    }

    @Test
    void malformedXml() {
        parsing("<activity><version>1</versio></activity>").hasMessageStartingWith("not well-formed XML: ")
                .hasMessageContaining("at line 1, column");
    }

    @Test
    void xmlThatIsNotAnActivity() {
        parsing("<story><id>1</id></story>").hasMessage("XML root element is <story>, expected <activity>");
    }

    @Test
    void xmlMissingOrWrongElementsNameTheElement() {
        String xml = Fixtures.read(ACCEPTED_XML);
        parsing(xml.replaceAll("<project_id[^/]*/project_id>", "")).hasMessage("activity/project_id is missing");
        parsing(xml.replace(">11</version>", ">eleven</version>")).hasMessage("activity/version must be an integer, got \"eleven\"");
        parsing(xml.replace("2013/04/17 20:18:54 UTC</occurred_at>", "tomorrow</occurred_at>"))
                .hasMessage("activity/occurred_at must be a time like 2013/04/17 20:18:54 UTC, got \"tomorrow\"");
        parsing(xml.replace(">48276573</id>", ">x1</id>")).hasMessage("activity/stories/story[0]/id must be an integer, got \"x1\"");
    }

    @Test
    void xmlExternalEntitiesAreNotResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE activity [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + Fixtures.read(ACCEPTED_XML).replaceFirst("<\\?xml[^>]*>", "").replace("<author>Leo Franchi</author>", "<author>&xxe;</author>");

        parsing(xml).satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
    }
}
