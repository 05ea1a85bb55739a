package dev.warden.server.scanning;

import dev.warden.core.cvss.CvssVector;
import dev.warden.core.cvss.InvalidCvssException;
import dev.warden.scanner.Severity;
import dev.warden.scanner.Vulnerability;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a vulnerable library's SCANNER ticket is scored: at its advisory's own CVSS vector (the policy's
 * "the advisory's own CVSS"); an advisory with none (or one Warden cannot read) at the lowest score of its
 * database's severity band, which gives the ticket the severity, and so the clock, the database gave it.
 */
final class DependencyScores {
    private DependencyScores() {}

    static @Nullable String vector(Vulnerability v) {
        String cvss = v.cvss();
        if (cvss == null) {
            return null;
        }
        try {
            CvssVector.parse(cvss);
            return cvss;
        } catch (InvalidCvssException e) {
            return null;
        }
    }

    /** The lowest CVSS v3 score of a severity band. */
    static double score(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 9.0;
            case HIGH -> 7.0;
            case MEDIUM -> 4.0;
            case LOW -> 0.1;
        };
    }

    static String basis(Severity severity, double score) {
        return "The advisory gives no CVSS vector: scored " + score + ", the lowest score of the "
                + severity.name().toLowerCase(Locale.ROOT) + " severity its database gives it.";
    }
}
