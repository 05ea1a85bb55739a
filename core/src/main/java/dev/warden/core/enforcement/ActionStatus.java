package dev.warden.core.enforcement;

/** Where an enforcement action stands. */
public enum ActionStatus {
    /** Waiting for approvers. */
    PROPOSED,
    /** Approved and in effect (for a lift: approved and done). */
    APPLIED,
    /** An approver turned it down. */
    REJECTED,
    /** No longer needed before anyone decided: the violation was resolved or the case moved on. */
    WITHDRAWN,
    /** A ladder step passed over because the same action was already in effect in the case. */
    SKIPPED,
    /** Was in effect; undone by an approved lift once the violation was resolved. */
    LIFTED,
    /** Was in effect; undone because the partner's appeal was upheld. */
    REVERSED;

    public boolean inEffect() {
        return this == APPLIED;
    }

    /** Whether the partner sees an action in this status: actions taken, not proposals or refusals. */
    public boolean shownToPartner() {
        return this == APPLIED || this == LIFTED || this == REVERSED;
    }
}
