package io.trackerhub.connector.systems.jira;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Atlassian Document Format (Jira Cloud's v3 descriptions and comments) read as plain text: the text of its nodes,
 * blocks on lines of their own, mentions and emoji by their text, links and cards by their URL.
 */
final class Adf {

    private static final Set<String> BLOCKS = Set.of("paragraph", "heading", "blockquote", "codeBlock", "listItem", "tableRow",
            "panel", "rule", "mediaSingle", "taskItem", "decisionItem");

    private Adf() {
    }

    /** A v2 description is text already; a v3 one is a document. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        StringBuilder out = new StringBuilder();
        append(value, out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").strip();
    }

    private static void append(JsonNode node, StringBuilder out) {
        String type = node.path("type").asText();
        switch (type) {
            case "text" -> {
                out.append(node.path("text").asText());
                for (JsonNode mark : node.path("marks")) {
                    String href = mark.path("attrs").path("href").asText("");
                    if ("link".equals(mark.path("type").asText()) && !href.isEmpty() && !href.equals(node.path("text").asText())) {
                        out.append(" (").append(href).append(')');
                    }
                }
            }
            case "hardBreak" -> out.append('\n');
            case "mention" -> out.append(node.path("attrs").path("text").asText(""));
            case "emoji" -> out.append(node.path("attrs").path("text").asText(node.path("attrs").path("shortName").asText("")));
            case "inlineCard", "blockCard", "embedCard" -> {
                if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                out.append(node.path("attrs").path("url").asText(""));
            }
            case "date" -> out.append(node.path("attrs").path("timestamp").asText(""));
            case "status" -> out.append(node.path("attrs").path("text").asText(""));
            default -> {
                if ("listItem".equals(type)) {
                    out.append("- ");
                }
                for (JsonNode child : node.path("content")) {
                    append(child, out);
                    if ("tableCell".equals(child.path("type").asText()) || "tableHeader".equals(child.path("type").asText())) {
                        out.append(" | ");
                    }
                }
                if (BLOCKS.contains(type) && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
        }
    }
}
