package dev.warden.core.enforcement;

/**
 * An action of a case, as reconciliation sees it.
 *
 * @param action an {@code EnforcementAction} name, or {@code LIFT}
 * @param changesCatalog whether, in effect, it changed the marketplace (a listing, a badge, the partner's
 *     status or a program) and so must be lifted when the violation is resolved
 */
public record CaseAction(long id, String action, Origin origin, ActionStatus status, boolean changesCatalog) {

    /** In effect, and something to undo once the case is resolved. */
    public boolean needsLifting() {
        return status == ActionStatus.APPLIED && origin != Origin.LIFT && changesCatalog;
    }

    /** Waiting for approvers, and not a lift: the case's ladder waits for it. */
    boolean pendingStep() {
        return status == ActionStatus.PROPOSED && origin != Origin.LIFT;
    }

    /** A lift waiting for approvers. */
    boolean pendingLift() {
        return status == ActionStatus.PROPOSED && origin == Origin.LIFT;
    }

    /** A ladder step this case has climbed (proposed, taken, rejected or skipped; not withdrawn). */
    boolean climbed() {
        return origin == Origin.LADDER && status != ActionStatus.WITHDRAWN;
    }

    CaseAction withdrawn() {
        return new CaseAction(id, action, origin, ActionStatus.WITHDRAWN, changesCatalog);
    }
}
