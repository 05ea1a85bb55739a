package dev.warden.core.enforcement;

/** Why a step may be taken ahead of the ladder (the policy's enforcement section). */
public enum Justification {
    ACTIVE_EXPLOITATION,
    MALICIOUS_ACTIVITY,
    LEGAL_OBLIGATION
}
