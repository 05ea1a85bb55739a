package dev.warden.server.jira;

import dev.warden.core.tickets.TicketEvent;
import dev.warden.server.tickets.TicketView;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ticket as Jira issue fields: summary, description (ADF), priority from the severity, due date from
 * the clock (the day the due instant falls on in UTC), and labels with the ticket, the app and the type.
 */
final class JiraIssues {
    /** The actor id of changes Warden takes from Jira; their notes are not posted back to Jira. */
    static final String ACTOR = "jira";

    private JiraIssues() {}

    /** The fields Warden owns, for an update. */
    static ObjectNode owned(TicketView t, JiraMappings m) {
        ObjectNode f = JsonMapper.shared().createObjectNode();
        f.put("summary", summary(t));
        f.putObject("priority").put("name", m.priority(t.severity()));
        f.put("duedate", dueDate(t));
        ArrayNode labels = f.putArray("labels");
        labels(t).forEach(labels::add);
        return f;
    }

    /** Every field of a new issue. */
    static ObjectNode create(
            TicketView t, JiraRows.Connection c, JiraMappings m, String link, @Nullable String assignee) {
        ObjectNode f = owned(t, m);
        f.putObject("project").put("key", c.projectKey());
        f.putObject("issuetype").put("name", c.issueType());
        f.set("description", Adf.of(description(t, link)));
        if (assignee != null) {
            f.putObject("assignee").put("accountId", assignee);
        }
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.set("fields", f);
        return body;
    }

    static String summary(TicketView t) {
        String s = "[" + t.app() + "] " + t.title();
        return s.length() > 255 ? s.substring(0, 254) + "…" : s;
    }

    static String dueDate(TicketView t) {
        return t.dueAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Labels hold no spaces in Jira: each is a word. */
    static List<String> labels(TicketView t) {
        List<String> labels = new ArrayList<>();
        labels.add("warden");
        labels.add(ticketLabel(t.key()));
        labels.add("app-" + t.app().replaceAll("[^A-Za-z0-9._-]", "_"));
        labels.add(t.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        labels.add(t.hosting().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return labels;
    }

    static String ticketLabel(String ticketKey) {
        return "warden-" + ticketKey;
    }

    static String description(TicketView t, String link) {
        StringBuilder d = new StringBuilder();
        d.append("Warden ticket ").append(t.key()).append(": ").append(link).append('\n');
        d.append("App: ").append(t.app()).append(" (").append(t.hosting()).append(")\n");
        d.append("Partner: ").append(t.partner()).append('\n');
        d.append("Severity: ")
                .append(t.severity())
                .append(" (CVSS ")
                .append(t.score())
                .append(")\n");
        d.append("Due: ")
                .append(dueDate(t))
                .append(" (")
                .append(t.dueAt())
                .append(", policy ")
                .append(t.policyVersion())
                .append(")\n\n");
        d.append("Severity and due date are kept by Warden: change them there (a severity change, or an")
                .append(" extension request), not here.");
        String note = t.events() == null || t.events().isEmpty()
                ? null
                : note(t.events().get(0));
        if (note != null) {
            d.append("\n\n").append(note);
        }
        return d.toString();
    }

    /** The note an event carries, if any. */
    static @Nullable String note(TicketEvent event) {
        JsonNode tree = JsonMapper.shared().valueToTree(event);
        String note = tree.path("note").asString("");
        return note.isBlank() ? null : note;
    }
}
