package dev.warden.core.catalog;

/** A trust signal shown on an app's listing; enforcement can revoke it while requirements are unmet. */
public enum Badge {
    CLOUD_FORTIFIED,
    CLOUD_SECURITY_PARTICIPANT,
    RUNS_ON_ATLASSIAN
}
