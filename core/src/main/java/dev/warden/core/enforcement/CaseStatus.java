package dev.warden.core.enforcement;

/** Where a case stands. */
public enum CaseStatus {
    /** The violation holds; the ladder proposes steps as their time comes. */
    OPEN,
    /** The violation no longer holds, but actions it caused are still in effect until lifted. */
    RESOLVED,
    /** Nothing more to do: resolved with every action lifted, or never acted on. */
    CLOSED
}
