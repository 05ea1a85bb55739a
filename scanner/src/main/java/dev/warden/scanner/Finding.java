package dev.warden.scanner;

/**
 * One thing a rule found: where (file, line and column, counted from 1), what, and the secret only as a
 * masked preview and a SHA-256 hash, never in full.
 *
 * @param rule the rule's stable id
 * @param path where, through any nested archives
 * @param line the line, from 1
 * @param column the column of the first character, from 1
 * @param message what was found, for a person; it never contains the secret
 * @param preview the match masked ({@code ATATT3…(192 chars)}); safe to show and store
 * @param secretHash the hex SHA-256 of the secret, to recognise it again without keeping it
 * @param fingerprint stable across runs for the same secret in the same place: what a baseline keeps
 * @param context the kind of file it is in: outside {@link PathContext#CODE} the finding has lower
 *     confidence, and its message says why
 * @param vulnerability for a vulnerable bundled library: the advisory and the component; null otherwise
 */
public record Finding(
        String rule,
        Severity severity,
        ArtifactPath path,
        int line,
        int column,
        String message,
        String preview,
        String secretHash,
        String fingerprint,
        PathContext context,
        @org.jspecify.annotations.Nullable Vulnerability vulnerability) {

    /** A finding of a secret or of a declaration: no vulnerability. */
    public Finding(
            String rule,
            Severity severity,
            ArtifactPath path,
            int line,
            int column,
            String message,
            String preview,
            String secretHash,
            String fingerprint,
            PathContext context) {
        this(rule, severity, path, line, column, message, preview, secretHash, fingerprint, context, null);
    }

    /**
     * High in the app's code, low in documentation, examples and tests; for a vulnerable library, how
     * surely the component was identified.
     */
    public String confidence() {
        if (vulnerability != null) {
            return vulnerability.confidence();
        }
        return context == PathContext.CODE ? "high" : "low";
    }
}
