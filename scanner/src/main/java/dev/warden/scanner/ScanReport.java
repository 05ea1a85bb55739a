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
 * @param descriptors the app descriptors found
 * @param components the libraries bundled, each once per place found
 */
public record ScanReport(
        String input,
        List<Finding> findings,
        int suppressed,
        List<Problem> problems,
        long files,
        long bytes,
        List<Descriptor> descriptors,
        List<dev.warden.scanner.sca.Component> components) {
    public ScanReport {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
        descriptors = List.copyOf(descriptors);
        components = List.copyOf(components);
    }

    /** A report without an inventory of components. */
    public ScanReport(
            String input,
            List<Finding> findings,
            int suppressed,
            List<Problem> problems,
            long files,
            long bytes,
            List<Descriptor> descriptors) {
        this(input, findings, suppressed, problems, files, bytes, descriptors, List.of());
    }

    /** The same report with more findings (matched after the walk), sorted as a scan sorts them. */
    public ScanReport withFindings(List<Finding> more) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        all.sort(java.util.Comparator.comparing((Finding f) -> f.path().toString())
                .thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column)
                .thenComparing(Finding::rule)
                .thenComparing(Finding::fingerprint));
        return new ScanReport(input, all, suppressed, problems, files, bytes, descriptors, components);
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
