package dev.warden.core.enforcement;

/** Where a partner's appeal stands. */
public enum AppealStatus {
    OPEN,
    /** The action was reversed. */
    UPHELD,
    /** The action stays. */
    DENIED
}
