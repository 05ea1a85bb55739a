package dev.warden.server.jira;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.identity.ActorNames;
import dev.warden.server.notifications.NotSent;
import dev.warden.server.notifications.Outbox;
import dev.warden.server.notifications.OutboxChannel;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers the outbox's Jira messages: brings the ticket's issue to the ticket's current state (creates
 * it the first time; sets the fields Warden owns where they differ; moves the status by the workflow's
 * transition; posts the notes of new events as comments, except those that came from Jira). A message
 * may carry a comment of its own, saying why Warden undid a change made in Jira.
 */
@Component
class JiraPush implements OutboxChannel {
    static final String SYNC = "JIRA_SYNC";
    static final String REVERT = "JIRA_REVERT";
    private static final Actor SYNC_ACTOR = Actor.system(JiraIssues.ACTOR);

    private final JiraConnections connections;
    private final JiraRows rows;
    private final JiraSearch search;
    private final Tickets tickets;
    private final AuditTrail audit;
    private final ActorNames names;
    private final Clock clock;
    private final String publicUrl;

    JiraPush(
            JiraConnections connections,
            JiraRows rows,
            JiraSearch search,
            Tickets tickets,
            AuditTrail audit,
            ActorNames names,
            Clock clock,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl) {
        this.connections = connections;
        this.rows = rows;
        this.search = search;
        this.tickets = tickets;
        this.audit = audit;
        this.names = names;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @Override
    public Outbox.Channel channel() {
        return Outbox.Channel.JIRA;
    }

    @Override
    public Integer deliver(Outbox.Parcel parcel) throws NotSent {
        JiraConnections.Connected c =
                connections.connected().orElseThrow(() -> new NotSent("Jira is not connected or switched off", false));
        String key = parcel.recipient().substring("jira:".length());
        TicketView t;
        try {
            t = tickets.get(TicketKey.of(key), SYNC_ACTOR);
        } catch (NotFoundException e) {
            throw new NotSent("ticket " + key + " no longer exists", false);
        }
        try {
            if (c.row().accountId() == null) {
                // Who Warden is in Jira, so its own changes coming back are known as echoes, tested or not.
                String me = c.client()
                        .get("/rest/api/3/myself", Map.of())
                        .path("accountId")
                        .asString("");
                if (!me.isEmpty()) {
                    rows.accountId(me);
                }
            }
            JiraRows.Link link = linkOf(c, t, parcel.attempts() > 0);
            update(c, t, link);
            postNotes(c, t, link);
            if (parcel.event().equals(REVERT) && !parcel.text().isBlank()) {
                comment(c, link, parcel.text(), t.key());
            }
            rows.pushed(clock.instant());
            return 200;
        } catch (JiraException e) {
            rows.error(String.valueOf(e.getMessage()), clock.instant());
            throw new NotSent(
                    String.valueOf(e.getMessage()), e.retryable, e.status == 0 ? null : e.status, e.retryAfter);
        }
    }

    /** The ticket's issue: linked before, found by its label after a failed attempt, or created now. */
    private JiraRows.Link linkOf(JiraConnections.Connected c, TicketView t, boolean retry) throws JiraException {
        Optional<JiraRows.Link> linked = rows.link(t.key());
        if (linked.isPresent()) {
            return linked.get();
        }
        // An earlier attempt may have created the issue and lost the answer: look before creating another.
        JsonNode found = retry ? findByLabel(c, t.key()) : null;
        String id;
        String issueKey;
        if (found != null) {
            id = found.path("id").asString();
            issueKey = found.path("key").asString();
        } else {
            String assignee = assignee(c, t.assignees());
            ObjectNode body = JiraIssues.create(t, c.row(), c.mappings(), publicUrl + "/tickets/" + t.key(), assignee);
            JsonNode created = c.client().post("/rest/api/3/issue", body);
            id = created.path("id").asString();
            issueKey = created.path("key").asString();
            if (id.isEmpty()) {
                throw new JiraException("Jira created the issue but answered no id", 201, false, null);
            }
        }
        rows.link(t.key(), id, issueKey, clock.instant());
        audit.record(
                SYNC_ACTOR,
                "JIRA_ISSUE_LINKED",
                "ticket",
                t.key(),
                PartnerId.of(t.partner()),
                Map.of("issueKey", issueKey, "issueId", id, "found", found != null));
        return new JiraRows.Link(t.key(), id, issueKey, 0);
    }

    private @Nullable JsonNode findByLabel(JiraConnections.Connected c, String ticketKey) throws JiraException {
        String jql =
                "project = \"" + c.row().projectKey() + "\" AND labels = \"" + JiraIssues.ticketLabel(ticketKey) + "\"";
        for (JsonNode issue : search.issues(c.client(), jql, List.of("summary"), 1)) {
            return issue;
        }
        return null;
    }

    /** The Jira account of the partner's first security contact that Jira knows, if any. */
    private static @Nullable String assignee(JiraConnections.Connected c, List<String> emails) throws JiraException {
        for (String email : emails) {
            JsonNode users = c.client().get("/rest/api/3/user/search", Map.of("query", email));
            for (JsonNode u : users) {
                String id = u.path("accountId").asString("");
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        return null;
    }

    /** Sets the owned fields that differ and moves the status when Jira's is not the mapped one. */
    private void update(JiraConnections.Connected c, TicketView t, JiraRows.Link link) throws JiraException {
        String path = "/rest/api/3/issue/" + JiraClient.segment(link.issueId());
        JsonNode issue = c.client().get(path, Map.of("fields", "summary,priority,duedate,labels,status"));
        JsonNode fields = issue.path("fields");
        ObjectNode owned = JiraIssues.owned(t, c.mappings());
        ObjectNode changed = JsonMapper.shared().createObjectNode();
        if (!owned.path("summary").asString().equals(fields.path("summary").asString(""))) {
            changed.set("summary", owned.get("summary"));
        }
        if (!owned.path("priority")
                .path("name")
                .asString()
                .equalsIgnoreCase(fields.path("priority").path("name").asString(""))) {
            changed.set("priority", owned.get("priority"));
        }
        if (!owned.path("duedate").asString().equals(fields.path("duedate").asString(""))) {
            changed.set("duedate", owned.get("duedate"));
        }
        java.util.Set<String> have = new java.util.HashSet<>();
        fields.path("labels").forEach(l -> have.add(l.asString()));
        if (!have.containsAll(JiraIssues.labels(t))) {
            // Keep labels people added in Jira; add Warden's.
            have.addAll(JiraIssues.labels(t));
            var labels = changed.putArray("labels");
            have.stream().sorted().forEach(labels::add);
        }
        if (!changed.isEmpty()) {
            ObjectNode body = JsonMapper.shared().createObjectNode();
            body.set("fields", changed);
            c.client().put(path, body);
        }
        String want = c.mappings().status(t.status());
        String now = fields.path("status").path("name").asString("");
        if (!want.equalsIgnoreCase(now)) {
            transition(c, link, want, now);
        }
    }

    private void transition(JiraConnections.Connected c, JiraRows.Link link, String want, String now)
            throws JiraException {
        String path = "/rest/api/3/issue/" + JiraClient.segment(link.issueId()) + "/transitions";
        JsonNode answer = c.client().get(path, Map.of());
        for (JsonNode tr : answer.path("transitions")) {
            if (want.equalsIgnoreCase(tr.path("to").path("name").asString(""))) {
                ObjectNode body = JsonMapper.shared().createObjectNode();
                body.putObject("transition").put("id", tr.path("id").asString());
                c.client().post(path, body);
                return;
            }
        }
        // The workflow has no way there from here: say so where the operator looks, and go on.
        rows.error(
                link.issueKey() + ": the workflow has no transition from '" + now + "' to '" + want
                        + "'; map the status or add the transition",
                clock.instant());
    }

    /** Posts the notes of events not yet pushed, except those of changes that came from Jira. */
    private void postNotes(JiraConnections.Connected c, TicketView t, JiraRows.Link link) throws JiraException {
        List<TicketEvent> events = t.events() == null ? List.of() : t.events();
        // The first event's note is in the description.
        int from = Math.max(link.eventsPushed(), 1);
        for (int i = from; i < events.size(); i++) {
            TicketEvent e = events.get(i);
            String note = JiraIssues.note(e);
            if (note != null && !e.actor().equals(JiraIssues.ACTOR)) {
                // Partners read the project too: they see the operator's people as "operator", as in Warden.
                String who = names.shownTo(PartnerId.of(t.partner()), e.actor());
                String what = e instanceof TicketEvent.Commented
                        ? ""
                        : " (" + e.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT) + ")";
                comment(c, link, who + " in Warden" + what + ":\n" + note, t.key());
            }
            rows.synced(t.key(), i + 1, clock.instant());
        }
        if (events.size() > link.eventsPushed() && events.size() <= 1) {
            rows.synced(t.key(), events.size(), clock.instant());
        }
    }

    private void comment(JiraConnections.Connected c, JiraRows.Link link, String text, String ticketKey)
            throws JiraException {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.set("body", Adf.of(text));
        JsonNode posted = c.client().post("/rest/api/3/issue/" + JiraClient.segment(link.issueId()) + "/comment", body);
        String id = posted.path("id").asString("");
        if (!id.isEmpty()) {
            rows.commentSeen(id, ticketKey, "WARDEN", clock.instant());
        }
    }
}
