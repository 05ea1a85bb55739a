package dev.warden.server.web;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.server.enforcement.EnforcementViews;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What comes next on a rule's enforcement ladder, said where people decide: beside a proposal (what
 * approving it leads to) and on an open case (its next step and when). By the policy version given.
 */
final class LadderOutlook {
    private LadderOutlook() {}

    /** What approving a ladder proposal leads to; null for a proposal not from the ladder. */
    static @Nullable String afterApproval(
            EnforcementViews.ActionView a, PolicyVersion policy, Instant now, Formats fmt) {
        Integer step = a.step();
        if (a.origin() != Origin.LADDER || step == null) {
            return null;
        }
        List<PolicyParts.LadderStep> ladder = policy.enforcement().ladder(a.rule());
        if (step + 1 >= ladder.size() || step >= ladder.size()) {
            return "This is the last step of the " + a.rule() + " ladder.";
        }
        PolicyParts.LadderStep next = ladder.get(step + 1);
        Instant nextDue = a.dueAt()
                .plus(Duration.ofDays(next.afterDays() - ladder.get(step).afterDays()));
        return nextDue.isAfter(now)
                ? "If the violation goes on, the ladder's next step, " + next.action() + ", comes due "
                        + fmt.at(nextDue) + "."
                : "Once this is applied, the ladder proposes its next step, " + next.action()
                        + ", at once: it has been due since " + fmt.at(nextDue) + " while the violation goes on.";
    }

    /** An open case's next ladder step and when; null for a case that is not open. */
    static @Nullable String forCase(EnforcementViews.CaseView c, PolicyVersion policy, Instant now, Formats fmt) {
        if (c.status() != CaseStatus.OPEN) {
            return null;
        }
        List<PolicyParts.LadderStep> ladder = policy.enforcement().ladder(c.rule());
        int taken = 0;
        String waiting = null;
        for (EnforcementViews.ActionView a :
                c.actions() == null ? List.<EnforcementViews.ActionView>of() : c.actions()) {
            Integer step = a.step();
            if (a.origin() == Origin.LADDER && step != null) {
                taken = Math.max(taken, step + 1);
                if (a.status() == ActionStatus.PROPOSED) {
                    waiting = a.action();
                }
            }
        }
        if (waiting != null) {
            return waiting + " is proposed and waits for approval.";
        }
        if (taken >= ladder.size()) {
            return "Every step of the " + c.rule() + " ladder has been taken; anything further (termination"
                    + " included) is for people to propose.";
        }
        PolicyParts.LadderStep next = ladder.get(taken);
        Instant due = c.beganAt().plus(Duration.ofDays(next.afterDays()));
        return due.isAfter(now)
                ? next.action() + ", due " + fmt.at(due) + " if the violation goes on."
                : next.action() + ", due since " + fmt.at(due) + ": proposed at the next evaluation.";
    }
}
