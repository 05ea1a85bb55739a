package dev.warden.server.shared;

/** What a write did to a stored value; an import reports these counts. */
public enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
}
