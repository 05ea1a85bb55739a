package dev.warden.server.jira;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.IllegalTransitionException;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.validation.FieldException;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.tickets.TicketRequests;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Changes made in Jira, from its webhooks or the poll, taken into Warden: a status moved by a person is
 * the matching ticket action when the partner may take it from Jira; a due date or priority edited in
 * Jira, a status with no Warden meaning, and operator decisions (which are made in Warden) are undone
 * by the next push, with a comment saying why. Changes made by Warden's own Jira account are echoes
 * and are ignored.
 */
@Service
class JiraInbound {
    private static final Actor ACTOR = Actor.system(JiraIssues.ACTOR);

    /** One field's change, as Jira's changelog says it. */
    record Change(
            String field, @Nullable String from, @Nullable String to) {}

    /** What Warden did with a change. */
    enum Outcome {
        NOT_LINKED,
        ECHO,
        NOTHING_TO_DO,
        TAKEN,
        REVERTED,
        TAKEN_AND_REVERTED
    }

    private final JiraConnections connections;
    private final JiraRows rows;
    private final JiraQueue queue;
    private final Tickets tickets;
    private final AuditTrail audit;
    private final Clock clock;

    JiraInbound(
            JiraConnections connections,
            JiraRows rows,
            JiraQueue queue,
            Tickets tickets,
            AuditTrail audit,
            Clock clock) {
        this.clock = clock;
        this.connections = connections;
        this.rows = rows;
        this.queue = queue;
        this.tickets = tickets;
        this.audit = audit;
    }

    /**
     * Someone changed an issue.
     *
     * @param byAccount the Jira account that did, when known (the poll does not know)
     * @param delivery identifies the webhook delivery, so a repeat does not undo twice
     */
    // Not one transaction: each ticket action is its own, so a refused one cannot spoil the undo after it.
    Outcome issueChanged(
            String issueId, @Nullable String byAccount, String byName, List<Change> changes, String delivery) {
        Optional<JiraConnections.Connected> connected = connections.connected();
        if (connected.isEmpty()) {
            return Outcome.NOTHING_TO_DO;
        }
        String self = connected.get().row().accountId();
        if (byAccount != null && byAccount.equals(self)) {
            return Outcome.ECHO;
        }
        Optional<JiraRows.Link> link = rows.linkOfIssue(issueId);
        if (link.isEmpty()) {
            return Outcome.NOT_LINKED;
        }
        JiraMappings m = connected.get().mappings();
        TicketKey key = TicketKey.of(link.get().ticketKey());
        TicketView t = tickets.get(key, ACTOR);
        List<String> undone = new ArrayList<>();
        boolean taken = false;
        for (Change c : changes) {
            String to = c.to() == null ? "" : c.to();
            switch (c.field().toLowerCase(java.util.Locale.ROOT)) {
                case "duedate":
                    if (!to.startsWith(JiraIssues.dueDate(t))) {
                        undone.add("The due date stays " + JiraIssues.dueDate(t) + ": Warden computes it from the"
                                + " policy. To move it, request an extension in Warden.");
                    }
                    break;
                case "priority":
                    if (!to.equalsIgnoreCase(m.priority(t.severity()))) {
                        undone.add("The priority stays " + m.priority(t.severity()) + ": it follows the severity ("
                                + t.severity() + "), which is changed in Warden with a CVSS vector.");
                    }
                    break;
                case "status":
                    TicketStatus before = t.status();
                    String why = status(t, m, to, byName, link.get().issueKey());
                    if (why == null) {
                        taken = taken || m.statusOf(to).filter(s -> s != before).isPresent();
                    } else {
                        undone.add(why);
                    }
                    t = tickets.get(key, ACTOR);
                    break;
                default:
                    break;
            }
        }
        if (!undone.isEmpty()) {
            queue.revert(
                    key,
                    PartnerId.of(t.partner()),
                    delivery,
                    "Warden undid a change made in Jira by " + byName + ":\n" + String.join("\n", undone));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("issueKey", link.get().issueKey());
            details.put("by", byName);
            details.put("reasons", undone);
            audit.record(ACTOR, "JIRA_CHANGE_UNDONE", "ticket", key.value(), PartnerId.of(t.partner()), details);
        }
        if (taken && !undone.isEmpty()) {
            return Outcome.TAKEN_AND_REVERTED;
        }
        return taken ? Outcome.TAKEN : undone.isEmpty() ? Outcome.NOTHING_TO_DO : Outcome.REVERTED;
    }

    /**
     * Someone commented on an issue in Jira: the comment joins the ticket's history, once, unless it is
     * one Warden posted (its own account's, or one it recorded when posting).
     *
     * @return whether it was added
     */
    boolean commentAdded(String issueId, String commentId, @Nullable String byAccount, String byName, String text) {
        Optional<JiraConnections.Connected> connected = connections.connected();
        if (connected.isEmpty() || text.isBlank()) {
            return false;
        }
        if (byAccount != null && byAccount.equals(connected.get().row().accountId())) {
            return false;
        }
        Optional<JiraRows.Link> link = rows.linkOfIssue(issueId);
        if (link.isEmpty() || !rows.commentSeen(commentId, link.get().ticketKey(), "JIRA", clock.instant())) {
            return false;
        }
        String said = byName + " in Jira (" + link.get().issueKey() + "):\n" + text.strip();
        tickets.comment(
                TicketKey.of(link.get().ticketKey()),
                new TicketRequests.Note(said.length() > 4000 ? said.substring(0, 3999) + "…" : said),
                ACTOR);
        return true;
    }

    /** Takes a status change; returns why it was refused, or null when taken (or already so). */
    private @Nullable String status(TicketView t, JiraMappings m, String jiraStatus, String byName, String issueKey) {
        Optional<TicketStatus> target = m.statusOf(jiraStatus);
        if (target.isEmpty()) {
            return "The status '" + jiraStatus + "' has no meaning in Warden; the issue goes back to '"
                    + m.status(t.status()) + "'.";
        }
        TicketStatus to = target.get();
        if (to == t.status()) {
            return null;
        }
        TicketKey key = TicketKey.of(t.key());
        TicketRequests.Note note =
                new TicketRequests.Note("Moved to " + m.status(to) + " in Jira (" + issueKey + ") by " + byName + ".");
        try {
            switch (to) {
                case NEEDS_PATCH:
                    if (t.status() != TicketStatus.NEEDS_TRIAGE) {
                        return refused(t, m, to, "only triage leads there from Jira");
                    }
                    tickets.triage(key, note, ACTOR);
                    return null;
                case WAITING_FOR_RELEASE:
                    tickets.waitingForRelease(key, note, ACTOR);
                    return null;
                case NEEDS_SECURITY_REVIEW:
                    tickets.released(key, note, ACTOR);
                    return null;
                default:
                    return refused(
                            t,
                            m,
                            to,
                            to == TicketStatus.EXTENSION_REQUESTED
                                    ? "an extension is requested in Warden, with a reason, a plan and a date"
                                    : "the operator decides that in Warden");
            }
        } catch (IllegalTransitionException | ConflictException | InvalidInputException | FieldException e) {
            return refused(t, m, to, String.valueOf(e.getMessage()));
        }
    }

    private static String refused(TicketView t, JiraMappings m, TicketStatus to, String why) {
        return "The move to '" + m.status(to) + "' was not taken (" + why + "); the issue goes back to '"
                + m.status(t.status()) + "'.";
    }
}
