package dev.warden.server.enforcement;

/** Why a step may be taken ahead of the ladder (POLICY.md section 8). */
public enum Justification {
    ACTIVE_EXPLOITATION,
    MALICIOUS_ACTIVITY,
    LEGAL_OBLIGATION
}
