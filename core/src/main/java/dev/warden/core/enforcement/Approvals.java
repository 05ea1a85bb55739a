package dev.warden.core.enforcement;

import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who decides on an enforcement action, and how many (the policy's enforcement section): people, not
 * programs; never the person who proposed it (four eyes); as many different approvers as the policy
 * version sets for the action, and at least two for a termination ("high-impact steps ... need a
 * second person's approval; termination is never automatic"); one rejection ends the proposal. A
 * partner may appeal an action in effect within the version's appeal window, and someone who took no
 * part in the action decides the appeal.
 */
public final class Approvals {
    /** The action name of a lift, which undoes what a resolved case did. */
    public static final String LIFT = "LIFT";

    private Approvals() {}

    /** One person's decision on a proposal. */
    public record Vote(String voter, boolean approve) {}

    /** Where a proposal stands after its votes. */
    public enum Outcome {
        PENDING,
        APPROVED,
        REJECTED
    }

    /** Why a vote, or a decision on an appeal, is refused. */
    public enum Refusal {
        /** Only a signed-in person decides on enforcement; API clients do not. */
        NOT_A_PERSON,
        /** The action is no longer waiting for approvers. */
        NOT_PROPOSED,
        /** The proposer cannot approve their own proposal. */
        OWN_PROPOSAL,
        /** Each approver counts once. */
        ALREADY_VOTED,
        /** An appeal is decided by someone who neither proposed nor approved the action. */
        TOOK_PART
    }

    /** How many different people must approve an action of this origin. */
    public static int required(Origin origin, String action, PolicyVersion policy) {
        if (origin == Origin.LIFT) {
            return 1; // undoing is the policy's wish once the issue is fixed
        }
        int set = policy.enforcement().approvalsFor(EnforcementAction.valueOf(action));
        return origin == Origin.TERMINATION ? Math.max(2, set) : set;
    }

    /** Whether this person may vote on the action now; empty when they may. */
    public static Optional<Refusal> mayVote(
            boolean person, String voter, ActionStatus status, String proposedBy, List<Vote> votes) {
        if (!person) {
            return Optional.of(Refusal.NOT_A_PERSON);
        }
        if (status != ActionStatus.PROPOSED) {
            return Optional.of(Refusal.NOT_PROPOSED);
        }
        if (proposedBy.equals(voter)) {
            return Optional.of(Refusal.OWN_PROPOSAL);
        }
        if (votes.stream().anyMatch(v -> v.voter().equals(voter))) {
            return Optional.of(Refusal.ALREADY_VOTED);
        }
        return Optional.empty();
    }

    /** The number of approvals among the votes. */
    public static int approvals(List<Vote> votes) {
        return (int) votes.stream().filter(Vote::approve).count();
    }

    /** Rejected by any one vote against; approved once enough different people approved. */
    public static Outcome outcome(List<Vote> votes, int required) {
        if (votes.stream().anyMatch(v -> !v.approve())) {
            return Outcome.REJECTED;
        }
        return approvals(votes) >= required ? Outcome.APPROVED : Outcome.PENDING;
    }

    /** Whether this person may decide an appeal against the action; empty when they may. */
    public static Optional<Refusal> mayDecideAppeal(
            boolean person, String decider, String proposedBy, List<Vote> votes) {
        if (!person) {
            return Optional.of(Refusal.NOT_A_PERSON);
        }
        boolean approvedIt =
                votes.stream().anyMatch(v -> v.approve() && v.voter().equals(decider));
        return approvedIt || proposedBy.equals(decider) ? Optional.of(Refusal.TOOK_PART) : Optional.empty();
    }

    /**
     * Until when the partner may appeal the action: the appeal window after it took effect, for an
     * action in effect that is not a lift; empty otherwise.
     */
    public static Optional<Instant> appealableUntil(
            ActionStatus status,
            Origin origin,
            @org.jspecify.annotations.Nullable Instant appliedAt,
            PolicyVersion policy) {
        if (appliedAt == null || status != ActionStatus.APPLIED || origin == Origin.LIFT) {
            return Optional.empty();
        }
        return Optional.of(appliedAt.plus(Duration.ofDays(policy.enforcement().appealWindowDays())));
    }
}
