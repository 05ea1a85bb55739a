package dev.warden.core.policy;

/** Why remediation is blocked, as a partner states it when asking for an extension. */
public enum ExtensionReason {
    UPSTREAM_DEPENDENCY,
    PLATFORM_CHANGE,
    OTHER
}
