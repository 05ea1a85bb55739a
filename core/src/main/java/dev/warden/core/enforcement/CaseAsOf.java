package dev.warden.core.enforcement;

import dev.warden.core.enforcement.EnforcementCase.Action;
import dev.warden.core.enforcement.EnforcementCase.Appeal;
import dev.warden.core.enforcement.EnforcementCase.Outreach;
import dev.warden.core.enforcement.EnforcementCase.TerminationReview;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A case as it stood at an instant, from the times its history records: its status then, and the actions,
 * votes, appeals and outreach recorded by then, each as it stood (see {@link EnforcementCase#asOf}).
 */
final class CaseAsOf {
    private CaseAsOf() {}

    static @Nullable EnforcementCase of(EnforcementCase c, Instant at) {
        if (c.openedAt().isAfter(at)) {
            return null;
        }
        CaseStatus then = c.closedAt() != null && !c.closedAt().isAfter(at)
                ? CaseStatus.CLOSED
                : c.resolvedAt() != null && !c.resolvedAt().isAfter(at) ? CaseStatus.RESOLVED : CaseStatus.OPEN;
        List<Action> acted = new ArrayList<>();
        for (Action a : c.actions()) {
            ActionStatus s = a.statusAt(at);
            if (s == null) {
                continue;
            }
            boolean applied = s == ActionStatus.APPLIED || s == ActionStatus.LIFTED || s == ActionStatus.REVERSED;
            boolean undone = s == ActionStatus.LIFTED || s == ActionStatus.REVERSED;
            boolean decided = s != ActionStatus.PROPOSED && s != ActionStatus.SKIPPED;
            List<Appeal> appeals = new ArrayList<>();
            for (Appeal p : a.appeals()) {
                AppealStatus ps = p.statusAt(at);
                if (ps != null) {
                    boolean open = ps == AppealStatus.OPEN;
                    appeals.add(new Appeal(
                            p.id(),
                            ps,
                            p.grounds(),
                            p.filedBy(),
                            p.filedAt(),
                            open ? null : p.decidedBy(),
                            open ? null : p.decidedAt(),
                            open ? null : p.decisionNote()));
                }
            }
            acted.add(new Action(
                    a.id(),
                    a.origin(),
                    a.action(),
                    a.step(),
                    s,
                    a.proposedAt(),
                    a.proposedBy(),
                    a.dueAt(),
                    a.reason(),
                    a.justification(),
                    a.approvalsRequired(),
                    decided ? a.decidedAt() : null,
                    applied ? a.appliedAt() : null,
                    applied ? a.effect() : null,
                    a.lifts(),
                    undone ? a.undoneAt() : null,
                    a.votes().stream().filter(v -> !v.at().isAfter(at)).toList(),
                    appeals));
        }
        List<Outreach> reached = new ArrayList<>();
        for (Outreach o : c.outreach()) {
            if (!o.reachedAt().isAfter(at)) {
                boolean answered = o.answeredAt() != null && !o.answeredAt().isAfter(at);
                reached.add(new Outreach(
                        o.id(),
                        o.channel(),
                        o.reachedAt(),
                        o.reference(),
                        o.summary(),
                        o.recordedBy(),
                        answered ? o.answer() : null,
                        answered ? o.answeredAt() : null));
            }
        }
        TerminationReview review = c.terminationReview();
        if (review != null && review.migrationUntil() != null) {
            boolean terminated =
                    acted.stream().anyMatch(a -> a.origin() == Origin.TERMINATION && a.appliedAt() != null);
            if (!terminated) {
                review = new TerminationReview(
                        review.reviewedBy(), review.reviewedOn(), review.outcome(), review.migrationDays(), null);
            }
        }
        return new EnforcementCase(
                c.id(),
                c.rule(),
                c.subjectType(),
                c.subjectId(),
                c.partner(),
                then,
                c.beganAt(),
                c.openedAt(),
                then == CaseStatus.OPEN ? null : c.resolvedAt(),
                then == CaseStatus.CLOSED ? c.closedAt() : null,
                c.severity(),
                c.evidence(),
                c.policyVersion(),
                acted,
                reached,
                review != null
                                && review.reviewedOn()
                                        .isAfter(at.atZone(ZoneOffset.UTC).toLocalDate())
                        ? null
                        : review);
    }
}
