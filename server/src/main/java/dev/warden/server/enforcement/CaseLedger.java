package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.Approvals;
import dev.warden.core.enforcement.CaseAction;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Origin;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.NewAction;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The writes every part of enforcement shares, each stored and put on the audit trail together:
 * proposing, withdrawing and updating actions, closing cases.
 */
@Component
class CaseLedger {
    /** Warden itself, when evaluation changes cases. */
    static final Actor EVALUATOR = Actor.system("compliance-evaluation");

    private final CaseRows rows;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    CaseLedger(CaseRows rows, AuditTrail audit, ApplicationEventPublisher events) {
        this.rows = rows;
        this.audit = audit;
        this.events = events;
    }

    /** Stores a proposal and records it as {@code ACTION_PROPOSED} (or another audit action) with the details. */
    long propose(NewAction action, Actor by, String auditAction, Map<String, Object> details) {
        long id = rows.insertAction(action);
        audit.record(by, auditAction, "action", String.valueOf(id), action.partner(), details);
        if (action.status() == ActionStatus.PROPOSED) {
            events.publishEvent(new ActionProposed(
                    id,
                    action.caseId(),
                    action.partner(),
                    action.action(),
                    action.origin().name(),
                    action.reason(),
                    action.approvalsRequired(),
                    action.proposedAt()));
        }
        return id;
    }

    /** Proposes undoing the listed actions of a resolved case: one approver, due at once. */
    long proposeLift(long caseId, PartnerId partner, List<CaseAction> toLift, Actor by, String why, Instant now) {
        String lifted = toLift.stream().map(a -> a.action() + " #" + a.id()).collect(Collectors.joining(", "));
        return propose(
                new NewAction(
                        caseId,
                        partner,
                        Origin.LIFT,
                        Approvals.LIFT,
                        null,
                        ActionStatus.PROPOSED,
                        now,
                        by.id(),
                        now,
                        "Lift " + lifted + ": " + why,
                        null,
                        1,
                        null),
                by,
                "ACTION_PROPOSED",
                Map.of("case", caseId, "action", Approvals.LIFT, "lifts", lifted, "approvalsRequired", 1));
    }

    /** Withdraws a proposal nobody decided on; one decided meanwhile is left as it is. */
    void withdraw(long actionId, String why, Instant now) {
        ActionRow a = rows.findAction(actionId).orElseThrow();
        if (rows.updateAction(a.id(), a.version(), ActionStatus.WITHDRAWN, now, null, null, null)) {
            events.publishEvent(new ActionMoved(a.id(), ActionStatus.WITHDRAWN));
            audit.record(
                    EVALUATOR,
                    "ACTION_WITHDRAWN",
                    "action",
                    String.valueOf(a.id()),
                    a.partner(),
                    Map.of("case", a.caseId(), "action", a.action(), "why", why));
        }
    }

    void close(long caseId, PartnerId partner, Instant now, String why) {
        rows.setCaseStatus(caseId, CaseStatus.CLOSED, now);
        audit.record(EVALUATOR, "CASE_CLOSED", "case", String.valueOf(caseId), partner, Map.of("why", why));
    }

    void close(CaseRow c, Instant now, String why) {
        close(c.id(), c.partner(), now, why);
    }

    /** Moves an action on, refusing when someone changed it since it was read. */
    void update(
            ActionRow a,
            ActionStatus status,
            @Nullable Instant decided,
            @Nullable Instant applied,
            @Nullable String effect,
            @Nullable Instant undone) {
        if (!rows.updateAction(a.id(), a.version(), status, decided, applied, effect, undone)) {
            throw new ConflictException("Action #" + a.id() + " was changed meanwhile; fetch it again");
        }
        events.publishEvent(new ActionMoved(a.id(), status));
    }

    /** What reconciliation and lifting need to know of an action. */
    static CaseAction caseAction(ActionRow a) {
        return new CaseAction(
                a.id(),
                a.action(),
                a.actionOrigin(),
                a.actionStatus(),
                a.effect() != null && Effect.parse(a.effect()).changesCatalog());
    }
}
