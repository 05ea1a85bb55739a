package dev.warden.core.policy;

/** When a bug bounty ticket's remediation clock starts. */
public enum ClockStart {
    /** At triage, or when the triage window runs out, whichever is first (our reading of the policy). */
    EARLIER_OF_TRIAGE_AND_WINDOW_END,
    /** At the report, like every other ticket. */
    REPORT
}
