package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.Approvals;
import dev.warden.core.enforcement.CaseAction;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.VoteRow;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's decisions on proposed actions. Who may vote and how many approvals an action needs is
 * core's {@link Approvals}; an approved action changes the catalog in the same transaction, and an
 * approved lift undoes every action of its case still in effect.
 */
@Service
public class EnforcementDecisions {
    private final CaseRows rows;
    private final CaseLedger ledger;
    private final Effects effects;
    private final Reversals reversals;
    private final EnforcementCases cases;
    private final Policies policies;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TerminationReviews terminationReviews;

    EnforcementDecisions(
            CaseRows rows,
            CaseLedger ledger,
            Effects effects,
            Reversals reversals,
            EnforcementCases cases,
            Policies policies,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock,
            TerminationReviews terminationReviews) {
        this.terminationReviews = terminationReviews;
        this.events = events;
        this.rows = rows;
        this.ledger = ledger;
        this.effects = effects;
        this.reversals = reversals;
        this.cases = cases;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** An approver approves a proposed action; with enough different approvers it takes effect at once. */
    @Transactional
    public ActionView approve(long actionId, @Nullable String comment, Actor by) {
        return vote(actionId, true, comment, by);
    }

    /** An approver turns a proposed action down (a comment saying why is required). */
    @Transactional
    public ActionView reject(long actionId, @Nullable String comment, Actor by) {
        return vote(actionId, false, comment, by);
    }

    private ActionView vote(long actionId, boolean approve, @Nullable String comment, Actor by) {
        new EnforcementRequests.Vote(comment).check(approve);
        ActionRow a = cases.visibleAction(actionId, by);
        rows.lockPartner(a.partner());
        a = rows.findAction(actionId).orElseThrow();
        List<Approvals.Vote> votes = EnforcementCases.ballots(rows.votes(actionId));
        Optional<Approvals.Refusal> refusal =
                Approvals.mayVote(by.kind() == Actor.Kind.USER, by.id(), a.actionStatus(), a.proposedBy(), votes);
        if (refusal.isPresent()) {
            throw refused(refusal.get(), a);
        }
        Instant now = clock.instant();
        rows.insertVote(actionId, by.id(), by.name(), approve ? VoteRow.APPROVE : VoteRow.REJECT, comment, now);
        List<Approvals.Vote> after = new ArrayList<>(votes);
        after.add(new Approvals.Vote(by.id(), approve));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", a.action());
        details.put("case", a.caseId());
        details.put("approvals", Approvals.approvals(after));
        details.put("approvalsRequired", a.approvalsRequired());
        if (comment != null) {
            details.put("comment", comment);
        }
        audit.record(
                by,
                approve ? "ACTION_APPROVED" : "ACTION_REJECTED",
                "action",
                String.valueOf(actionId),
                a.partner(),
                details);
        CaseRow c = rows.findCase(a.caseId()).orElseThrow();
        Approvals.Outcome outcome = Approvals.outcome(after, a.approvalsRequired());
        if (outcome == Approvals.Outcome.REJECTED) {
            ledger.update(a, ActionStatus.REJECTED, now, null, null, null);
            if (a.actionOrigin() == Origin.TERMINATION) {
                ledger.close(c, now, "termination rejected");
            }
        } else if (outcome == Approvals.Outcome.APPROVED) {
            if (a.actionOrigin() == Origin.LIFT) {
                lift(c, a, by, now);
            } else {
                take(c, a, by, now);
            }
        }
        return cases.action(actionId, by);
    }

    /** The refusal of a vote as the API answers it. */
    static RuntimeException refused(Approvals.Refusal refusal, ActionRow a) {
        switch (refusal) {
            case NOT_A_PERSON:
                return new ForbiddenException("Only a signed-in person can decide on enforcement; API clients cannot");
            case NOT_PROPOSED:
                return new ConflictException(
                        "Action #" + a.id() + " is " + a.status() + "; only a proposed action can be decided");
            case OWN_PROPOSAL:
                return new ForbiddenException("You proposed action #" + a.id() + "; another person must decide on it");
            case ALREADY_VOTED:
                return new ConflictException("You already decided on action #" + a.id()
                        + "; it needs another approver (" + a.approvalsRequired() + " in all)");
            case TOOK_PART:
                return new ForbiddenException(
                        "You took part in action #" + a.id() + "; an approver who did not must decide the appeal");
            default:
                throw new IllegalStateException("unknown refusal " + refusal);
        }
    }

    private void take(CaseRow c, ActionRow a, Actor by, Instant now) {
        PolicyVersion policy = policies.inForce().inForceAt(now);
        Effect effect = effects.apply(
                EnforcementAction.valueOf(a.action()),
                EnforcementCases.subject(c),
                policy.enforcement().warningWindowDays(),
                now,
                by);
        ledger.update(a, ActionStatus.APPLIED, now, now, effect.json(), null);
        audit.record(by, "ACTION_APPLIED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(effect));
        boolean warning = EnforcementAction.valueOf(a.action()) == EnforcementAction.WARNING;
        // A warning's window to fix; a termination's window for customers to migrate.
        Instant window = warning
                ? now.plus(java.time.Duration.ofDays(policy.enforcement().warningWindowDays()))
                : a.actionOrigin() == Origin.TERMINATION ? terminationReviews.start(c.id(), now) : null;
        events.publishEvent(new ActionApplied(
                a.id(),
                c.id(),
                PartnerId.of(a.partnerId()),
                a.action(),
                c.rule(),
                c.subjectId(),
                a.reason(),
                window,
                false,
                now,
                Effects.changes(effect, PartnerId.of(a.partnerId()), false)));
        if (a.actionOrigin() == Origin.TERMINATION) {
            ledger.close(c, now, "termination applied");
        }
    }

    /**
     * Undoes, newest first, every action of the case still in effect, then closes the case. Actions are
     * read afresh each time: undoing one may hand a change to another that still holds it.
     */
    private void lift(CaseRow c, ActionRow liftAction, Actor by, Instant now) {
        List<Effect> undone = new ArrayList<>();
        while (true) {
            Optional<ActionRow> next = rows.actionsOf(c.id()).stream()
                    .filter(a -> CaseLedger.caseAction(a).needsLifting())
                    .max(Comparator.comparingLong(ActionRow::id));
            if (next.isEmpty()) {
                break;
            }
            ActionRow a = next.get();
            Effect back = reversals.undo(a, by);
            ledger.update(rows.findAction(a.id()).orElseThrow(), ActionStatus.LIFTED, null, null, null, now);
            audit.record(by, "ACTION_LIFTED", "action", String.valueOf(a.id()), a.partner(), Effects.describe(back));
            events.publishEvent(new ActionApplied(
                    a.id(),
                    c.id(),
                    PartnerId.of(a.partnerId()),
                    a.action(),
                    c.rule(),
                    c.subjectId(),
                    a.reason(),
                    null,
                    true,
                    now,
                    Effects.changes(back, PartnerId.of(a.partnerId()), true)));
            undone.add(back);
        }
        Effect all = Effect.combine(undone);
        ledger.update(liftAction, ActionStatus.APPLIED, now, now, all.json(), null);
        audit.record(
                by, "ACTION_APPLIED", "action", String.valueOf(liftAction.id()), c.partner(), Effects.describe(all));
        ledger.close(c, now, "every action lifted");
    }

    /** What a case still has in effect that a lift would undo. */
    List<CaseAction> toLift(long caseId) {
        return rows.actionsOf(caseId).stream()
                .map(CaseLedger::caseAction)
                .filter(CaseAction::needsLifting)
                .toList();
    }
}
