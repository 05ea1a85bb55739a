package dev.warden.core.cvss;

/** A vulnerability's severity band, from most to least severe. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
