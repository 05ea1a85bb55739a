package dev.warden.server.enforcement;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.Approvals;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.time.Instants;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.enforcement.AppealRows.AppealRow;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.EnforcementViews.AppealView;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's appeals against actions in effect, within the policy's appeal window, and their
 * decision by an approver who took no part in the action (core's {@link Approvals}). An upheld appeal
 * reverses the action at once.
 */
@Service
public class Appeals {
    private final CaseRows rows;
    private final AppealRows appealRows;
    private final CaseLedger ledger;
    private final EnforcementCases cases;
    private final Reversals reversals;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Appeals(
            CaseRows rows,
            AppealRows appealRows,
            CaseLedger ledger,
            EnforcementCases cases,
            Reversals reversals,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rows = rows;
        this.appealRows = appealRows;
        this.ledger = ledger;
        this.cases = cases;
        this.reversals = reversals;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A partner appeals an action in effect against it, within the policy's appeal window. */
    @Transactional
    public AppealView appeal(long actionId, @Nullable String groundsText, Actor by) {
        String grounds = new EnforcementRequests.Appeal(groundsText).checkedGrounds();
        ActionRow a = cases.visibleAction(actionId, by);
        rows.lockPartner(a.partner());
        if (a.actionStatus() != ActionStatus.APPLIED || a.actionOrigin() == Origin.LIFT) {
            throw new ConflictException("Only an action in effect can be appealed; action #" + actionId + " is "
                    + (a.actionOrigin() == Origin.LIFT ? "a lift" : a.status()));
        }
        Instant now = clock.instant();
        Instant until = cases.appealableUntil(a, now);
        if (until == null || now.isAfter(until)) {
            throw new ConflictException("The appeal window for action #" + actionId + " closed"
                    + (until == null ? "" : " on " + Instants.format(until)));
        }
        if (appealRows.appealsOf(actionId).stream().anyMatch(p -> p.appealStatus() == AppealStatus.OPEN)) {
            throw new ConflictException("Action #" + actionId + " already has an open appeal");
        }
        long id = appealRows.insertAppeal(actionId, a.partner(), grounds, by.id(), now);
        audit.record(
                by,
                "APPEAL_FILED",
                "appeal",
                String.valueOf(id),
                a.partner(),
                Map.of("action", actionId, "grounds", grounds));
        events.publishEvent(
                new AppealChanged(id, actionId, a.caseId(), a.partner(), a.action(), "FILED", grounds, now));
        return cases.appeal(id);
    }

    /** An approver who did not take the action upholds the appeal: the action is reversed at once. */
    @Transactional
    public AppealView upholdAppeal(long appealId, @Nullable String note, Actor by) {
        return decide(appealId, true, note, by);
    }

    /** An approver who did not take the action denies the appeal (a note to the partner is required). */
    @Transactional
    public AppealView denyAppeal(long appealId, @Nullable String note, Actor by) {
        return decide(appealId, false, note, by);
    }

    private AppealView decide(long appealId, boolean uphold, @Nullable String note, Actor by) {
        new EnforcementRequests.AppealDecision(note).check(uphold);
        AppealRow appeal = cases.visibleAppeal(appealId, by);
        ActionRow a = rows.findAction(appeal.actionId()).orElseThrow();
        rows.lockPartner(a.partner());
        List<Approvals.Vote> votes = EnforcementCases.ballots(rows.votes(a.id()));
        Optional<Approvals.Refusal> refusal =
                Approvals.mayDecideAppeal(by.kind() == Actor.Kind.USER, by.id(), a.proposedBy(), votes);
        if (refusal.isPresent() && refusal.get() == Approvals.Refusal.NOT_A_PERSON) {
            throw EnforcementDecisions.refused(refusal.get(), a);
        }
        if (appeal.appealStatus() != AppealStatus.OPEN) {
            throw new ConflictException("Appeal #" + appealId + " was already decided: " + appeal.status());
        }
        if (refusal.isPresent()) {
            throw EnforcementDecisions.refused(refusal.get(), a);
        }
        Instant now = clock.instant();
        if (!appealRows.decideAppeal(
                appealId, uphold ? AppealStatus.UPHELD : AppealStatus.DENIED, by.id(), note, now)) {
            throw new ConflictException("Appeal #" + appealId + " was decided meanwhile");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", a.id());
        if (note != null) {
            details.put("note", note);
        }
        audit.record(
                by,
                uphold ? "APPEAL_UPHELD" : "APPEAL_DENIED",
                "appeal",
                String.valueOf(appealId),
                a.partner(),
                details);
        if (uphold && a.actionStatus() == ActionStatus.APPLIED) {
            Effect undone = a.effect() == null ? Effect.combine(List.of()) : reversals.undo(a, by);
            ledger.update(rows.findAction(a.id()).orElseThrow(), ActionStatus.REVERSED, null, null, null, now);
            audit.record(
                    by, "ACTION_REVERSED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(undone));
            // Reversed on appeal: the partner and the storefront hear of it as of any lift.
            CaseRows.CaseRow c = rows.findCase(a.caseId()).orElseThrow();
            events.publishEvent(new ActionApplied(
                    a.id(),
                    a.caseId(),
                    a.partner(),
                    a.action(),
                    c.rule(),
                    c.subjectId(),
                    "Appeal #" + appealId + " upheld" + (note == null ? "" : ": " + note),
                    null,
                    true,
                    now,
                    Effects.changes(undone, a.partner(), true)));
        }
        events.publishEvent(new AppealChanged(
                appealId,
                a.id(),
                a.caseId(),
                a.partner(),
                a.action(),
                uphold ? "UPHELD" : "DENIED",
                note == null ? "" : note,
                now));
        return cases.appeal(appealId);
    }
}
