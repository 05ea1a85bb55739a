package dev.warden.scanner;

import java.util.List;

/**
 * What a scan found, what kept parts of it from being scanned, and how much it read.
 *
 * @param input the scanned path as given
 * @param findings sorted by path, line, column and rule
 * @param suppressed findings left out because a baseline lists their fingerprint
 * @param problems sorted by path and message
 * @param files plain files scanned, inside archives included
 * @param bytes bytes of those files
 */
public record ScanReport(
        String input,
        List<Finding> findings,
        int suppressed,
        List<Problem> problems,
        long files,
        long bytes,
        List<Descriptor> descriptors) {
    public ScanReport {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
        descriptors = List.copyOf(descriptors);
    }

    /** Whether some content went unscanned (a problem that left something unread). */
    public boolean incomplete() {
        return problems.stream().anyMatch(Problem::unread);
    }

    /** How many problems left content unread. */
    public long unread() {
        return problems.stream().filter(Problem::unread).count();
    }
}
