package dev.warden.cli;

import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Severity;
import dev.warden.scanner.sca.AdvisoryIndex;
import dev.warden.scanner.sca.LocalAdvisories;
import dev.warden.scanner.sca.VulnerableDependencies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code warden scan}'s matching of bundled libraries: the advisory database named, or the default one
 * when it exists; without one, the components are still listed and the user is told what is not checked.
 */
final class DependencyCheck {
    /** A database older than this is reported as stale. */
    static final Duration STALE = Duration.ofDays(7);

    private final @Nullable Path folder;

    private DependencyCheck(@Nullable Path folder) {
        this.folder = folder;
    }

    /** Thrown for an advisory database named but unusable: a usage error. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Loads the database: {@code given} must exist; the default folder is used when it does.
     *
     * @throws Unusable when the named database is missing or damaged
     */
    static DependencyCheck load(@Nullable Path given, PrintWriter err, boolean quiet) throws Unusable {
        Path folder = given != null ? given : AdvisoriesCommand.defaultFolder();
        if (given == null && !Files.isDirectory(folder)) {
            return new DependencyCheck(null);
        }
        try {
            LocalAdvisories.check(folder);
        } catch (LocalAdvisories.MissingException e) {
            throw new Unusable(String.valueOf(e.getMessage()));
        }
        Instant updated = LocalAdvisories.updated(folder);
        if (!quiet && updated != null && updated.isBefore(Instant.now().minus(STALE))) {
            err.println("warden scan: note: the advisory database in " + folder + " was last updated " + updated
                    + "; import newer advisories with warden advisories import");
        }
        return new DependencyCheck(folder);
    }

    /**
     * The report with its vulnerable-dependency findings at or above {@code threshold}: only the
     * advisories of the packages found are read.
     *
     * @throws Unusable when the database cannot be read
     */
    ScanReport apply(ScanReport report, Severity threshold, PrintWriter err, boolean quiet) throws Unusable {
        Path folder = this.folder;
        if (folder == null) {
            if (!quiet && !report.components().isEmpty()) {
                err.println("warden scan: note: " + report.components().size() + " bundled component(s) not checked"
                        + " for known vulnerabilities: no advisory database (create one with warden advisories"
                        + " import PATH, or name one with --advisories DIR)");
            }
            return report;
        }
        try {
            AdvisoryIndex index = AdvisoryIndex.of(LocalAdvisories.loadFor(folder, report.components()));
            return report.withFindings(VulnerableDependencies.findings(report.components(), index, threshold));
        } catch (LocalAdvisories.MissingException e) {
            throw new Unusable(String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new Unusable("cannot read the advisory database in " + folder + ": " + e.getMessage());
        }
    }
}
