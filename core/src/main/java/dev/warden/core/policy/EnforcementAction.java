package dev.warden.core.policy;

/** The steps of the enforcement ladder, roughly in escalating order (docs/policy section 8). */
public enum EnforcementAction {
    WARNING("Warning issued"),
    REVOKE_BADGE("Security badge revoked"),
    HIDE_LISTING("Hidden from search and browse"),
    PAUSE_LISTING("Paused: not operational for customers"),
    SUSPEND_PARTNER("Partner temporarily suspended"),
    TERMINATE_PARTNER("Partner agreement terminated"),
    PAUSE_BOUNTY_PROGRAM("Bug bounty program paused"),
    DEACTIVATE_BOUNTY_PROGRAM("Bug bounty program deactivated");

    private final String words;

    EnforcementAction(String words) {
        this.words = words;
    }

    /** What the action did, in plain words for people outside the operator. */
    public String words() {
        return words;
    }
}
