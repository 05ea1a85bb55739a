package dev.warden.core.obligations;

/** What kind of incident a partner reports. */
public enum IncidentCategory {
    /** Customer data read or taken by someone not entitled to it. */
    DATA_EXPOSURE,
    /** Someone got into the app's systems or accounts. */
    UNAUTHORIZED_ACCESS,
    /** Secrets, keys or tokens leaked. */
    CREDENTIAL_LEAK,
    /** Malicious code in the app or its supply chain. */
    MALICIOUS_CODE,
    /** The app unavailable or degraded by an attack. */
    SERVICE_DISRUPTION,
    OTHER
}
