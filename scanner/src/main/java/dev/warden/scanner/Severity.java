package dev.warden.scanner;

/**
 * How bad a finding is, with the CVSS-like score that code-scanning tools read from SARIF's
 * {@code security-severity} property (GitHub: over 9.0 critical, 7.0 high, 4.0 medium, else low).
 */
public enum Severity {
    CRITICAL(9.5),
    HIGH(8.0),
    MEDIUM(5.5),
    LOW(3.0);

    private final double score;

    Severity(double score) {
        this.score = score;
    }

    /** The {@code security-severity} score. */
    public double score() {
        return score;
    }
}
