package io.trackerhub.connector.systems.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.Recorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Atlassian Document Format as Jira Cloud answers it (fixtures/jira), read as plain text. */
class AdfTest {

    @Test
    void recordedDescriptionsAndCommentsReadAsTheirText() {
        for (JsonNode issue : Recorded.json("jira", "search-jql-adf.json").path("issues")) {
            assertThat(Adf.text(issue.path("fields").get("description"))).isEqualTo("test ContentOfContent req");
        }
        JsonNode issue = Recorded.json("jira", "issue-v3-adf.json");
        assertThat(Adf.text(issue.path("fields").get("description"))).isEqualTo("XSOAR description stam");
        assertThat(Adf.text(issue.path("fields").path("comment").path("comments").get(0).get("body"))).isEqualTo("Hello there");
        assertThat(Adf.text(Recorded.json("jira", "comment-created-cloud-v3.json").get("body"))).isEqualTo("Dummy link");
    }

    @Test
    void aVersion2DescriptionIsTextAlreadyAndNullStaysNull() {
        assertThat(Adf.text(Recorded.json("jira", "issue-v2.json").path("fields").get("description"))).isNull();
        assertThat(Adf.text(io.trackerhub.events.TrackerJson.readTree("\"h1. Steps\\n* open\""))).isEqualTo("h1. Steps\n* open");
    }

    @Test
    void blocksGoOnLinesOfTheirOwnAndInlineNodesByTheirText() {
        // the node kinds of Atlassian's ADF schema that carry text, in one document (no recording has them together)
        JsonNode doc = io.trackerhub.events.TrackerJson.readTree("""
                {"type": "doc", "version": 1, "content": [
                  {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Steps"}]},
                  {"type": "bulletList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "open "},
                      {"type": "text", "text": "the page", "marks": [{"type": "link", "attrs": {"href": "https://acme.example/p"}}]}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "mention", "attrs": {"id": "1", "text": "@Ada"}},
                      {"type": "text", "text": " sees "}, {"type": "emoji", "attrs": {"shortName": ":fire:", "text": "🔥"}}]}]}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "one"}, {"type": "hardBreak"}, {"type": "text", "text": "two"},
                    {"type": "inlineCard", "attrs": {"url": "https://acme.example/card"}}]}]}""");
        assertThat(Adf.text(doc)).isEqualTo("Steps\n- open the page (https://acme.example/p)\n- @Ada sees 🔥\none\ntwo https://acme.example/card");
    }
}
