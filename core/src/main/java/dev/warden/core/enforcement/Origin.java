package dev.warden.core.enforcement;

/** Who or what put an action forward. */
public enum Origin {
    /** The case's ladder, when the step's time came. */
    LADDER,
    /** A person, taking a step early for active exploitation, malicious activity or a legal obligation. */
    ESCALATION,
    /** A person: termination is never proposed automatically. */
    TERMINATION,
    /** The case, once resolved: undo every action it caused. */
    LIFT
}
