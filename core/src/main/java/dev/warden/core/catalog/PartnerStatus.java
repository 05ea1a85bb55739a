package dev.warden.core.catalog;

/** Whether a partner's marketplace presence is active, suspended by enforcement, or ended. */
public enum PartnerStatus {
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
