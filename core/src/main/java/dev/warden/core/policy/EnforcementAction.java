package dev.warden.core.policy;

/** The steps of the enforcement ladder, roughly in escalating order (docs/policy section 8). */
public enum EnforcementAction {
    WARNING,
    REVOKE_BADGE,
    HIDE_LISTING,
    PAUSE_LISTING,
    SUSPEND_PARTNER,
    TERMINATE_PARTNER,
    PAUSE_BOUNTY_PROGRAM,
    DEACTIVATE_BOUNTY_PROGRAM
}
