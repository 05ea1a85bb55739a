package dev.warden.server.notifications;

import dev.warden.core.tickets.TicketEvent;
import dev.warden.server.enforcement.ActionProposed;
import dev.warden.server.enforcement.AppealChanged;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementViews;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Role;
import dev.warden.server.tickets.TicketChanged;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the operator's people are told: an enforcement action waiting for approval and an appeal to
 * decide (the approvers), an extension request to grant or deny (the security analysts). Queued in the
 * transaction of what happened, like the partners' notices.
 */
@Component
class OperatorNotices {
    private static final Actor NOTIFIER = Actor.system("notifications");
    private static final DateTimeFormatter WHEN = Mailer.WHEN;

    private final Mailer mailer;
    private final EnforcementCases cases;
    private final Tickets tickets;

    OperatorNotices(Mailer mailer, EnforcementCases cases, Tickets tickets) {
        this.mailer = mailer;
        this.cases = cases;
        this.tickets = tickets;
    }

    @EventListener
    void actionProposed(ActionProposed p) {
        EnforcementViews.CaseView c = cases.getCase(p.caseId(), NOTIFIER);
        String what = p.action().toLowerCase(Locale.ROOT).replace('_', ' ');
        Map<String, Object> values = new HashMap<>();
        values.put("action", what);
        values.put("origin", p.origin().toLowerCase(Locale.ROOT));
        values.put("caseId", p.caseId());
        values.put("rule", c.rule());
        values.put("subject", c.subject().id());
        values.put("reason", p.reason());
        values.put("approvals", p.approvalsRequired());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", p.actionId());
        data.put("kind", p.action());
        data.put("case", p.caseId());
        data.put("partner", p.partner().value());
        data.put("rule", c.rule());
        data.put("subject", c.subject().id());
        data.put("reason", p.reason());
        data.put("approvalsRequired", p.approvalsRequired());
        data.put("link", mailer.base() + "/approvals");
        mailer.announce("enforcement.proposed", p.partner(), "action:" + p.actionId() + ":proposed", data);
        mailer.toOperator(
                Role.APPROVER,
                "action:" + p.actionId() + ":proposed",
                "ACTION_PROPOSED",
                p.partner(),
                "[Warden] Approval needed: " + what + " on " + c.subject().id() + " (" + c.rule() + ")",
                "action-proposed",
                values,
                "/approvals");
    }

    @EventListener
    void appealFiled(AppealChanged appeal) {
        if (!appeal.status().equals("FILED")) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("action", appeal.action().toLowerCase(Locale.ROOT).replace('_', ' '));
        values.put("actionId", appeal.actionId());
        values.put("caseId", appeal.caseId());
        values.put("text", appeal.text());
        mailer.toOperator(
                Role.APPROVER,
                "appeal-filed:" + appeal.appealId(),
                "APPEAL_FILED",
                appeal.partner(),
                "[Warden] Appeal to decide: action #" + appeal.actionId() + " ("
                        + appeal.partner().value() + ")",
                "appeal-filed",
                values,
                "/cases/" + appeal.caseId());
    }

    @EventListener
    void extensionRequested(TicketChanged changed) {
        if (!changed.event().equals("EXTENSION_REQUESTED")) {
            return;
        }
        TicketView t = tickets.get(changed.key(), NOTIFIER);
        if (!(Notices.latest(t, "EXTENSION_REQUESTED") instanceof TicketEvent.ExtensionRequested r)) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("t", t);
        values.put("app", t.app());
        values.put("due", WHEN.format(t.dueAt()));
        values.put("proposed", WHEN.format(r.proposedDueAt()));
        values.put("reason", r.reason().name());
        values.put("plan", r.plan());
        String key = "extension-requested:" + t.key() + ":"
                + (t.events() == null ? 0 : t.events().size());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticket", t.key());
        data.put("partner", t.partner());
        data.put("app", t.app());
        data.put("dueAt", t.dueAt().toString());
        data.put("proposedDueAt", r.proposedDueAt().toString());
        data.put("reason", r.reason().name());
        data.put("link", mailer.base() + "/tickets/" + t.key());
        mailer.announce("ticket.extension_requested", changed.partner(), key, data);
        mailer.toOperator(
                Role.SECURITY_ANALYST,
                key,
                "EXTENSION_REQUESTED",
                changed.partner(),
                "[Warden] " + t.key() + ": extension requested to " + WHEN.format(r.proposedDueAt()),
                "extension-requested",
                values,
                "/tickets/" + t.key());
    }
}
