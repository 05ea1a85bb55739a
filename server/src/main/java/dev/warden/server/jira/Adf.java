package dev.warden.server.jira;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plain text to and from the Atlassian Document Format that Jira Cloud's v3 API takes for descriptions
 * and comments: a blank line starts a new paragraph, a single line break stays a hard break. Reading
 * keeps the words of any node and drops the formatting.
 */
final class Adf {
    private Adf() {}

    /** The text as an ADF document. */
    static ObjectNode of(String text) {
        ObjectNode doc = JsonMapper.shared().createObjectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (paragraph.isBlank()) {
                continue;
            }
            ObjectNode p = content.addObject();
            p.put("type", "paragraph");
            ArrayNode inline = p.putArray("content");
            String[] lines = paragraph.strip().split("\\R");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    ObjectNode t = inline.addObject();
                    t.put("type", "text");
                    t.put("text", lines[i]);
                }
            }
        }
        return doc;
    }

    /** The words of an ADF document (or of a plain string, which older payloads carry). */
    static String text(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString().strip();
    }

    private static void append(JsonNode node, StringBuilder out) {
        String type = node.path("type").asString("");
        switch (type) {
            case "text":
                out.append(node.path("text").asString(""));
                return;
            case "hardBreak":
                out.append('\n');
                return;
            case "mention":
                out.append(node.path("attrs").path("text").asString(""));
                return;
            default:
                break;
        }
        for (JsonNode child : node.path("content")) {
            append(child, out);
        }
        if (type.equals("paragraph") || type.equals("heading") || type.equals("codeBlock") || type.equals("listItem")) {
            out.append("\n\n");
        }
    }
}
