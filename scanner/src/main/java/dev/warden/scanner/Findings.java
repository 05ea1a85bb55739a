package dev.warden.scanner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where rules report what they found in one file. It turns a match into a {@link Finding} (line,
 * column, masked preview, hash, fingerprint), drops a match reported twice, and honours a suppressing
 * comment on the line ({@code warden:ignore}, or gitleaks' {@code gitleaks:allow}).
 */
public final class Findings {
    private final Content content;
    private final List<Finding> found = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int[] lineStarts = new int[0];
    private java.util.@org.jspecify.annotations.Nullable BitSet suppressedLines;

    private static final java.util.regex.Pattern SUPPRESSION =
            java.util.regex.Pattern.compile("warden:ignore|gitleaks:allow", java.util.regex.Pattern.CASE_INSENSITIVE);

    Findings(Content content) {
        this.content = content;
    }

    /**
     * Reports a secret found by {@code rule} at {@code start}..{@code end}.
     *
     * @param secret the secret itself: hashed and masked here, never kept
     * @param visible how many leading characters are safe to show (a public prefix such as {@code ATATT3})
     */
    public void report(Rule rule, int start, int end, String secret, int visible, String message) {
        int line = line(start);
        if (suppressed(line)) {
            return;
        }
        int lineStart = lineStarts[line - 1];
        if (!seen.add(rule.id() + '@' + start)) {
            return;
        }
        String hash = Secrets.sha256(secret);
        PathContext context = PathContext.of(content.path());
        String fingerprint =
                Secrets.sha256(rule.id() + '\0' + content.path() + '\0' + hash).substring(0, 32);
        found.add(new Finding(
                rule.id(),
                rule.severity(),
                content.path(),
                line,
                start - lineStart + 1,
                context == PathContext.CODE ? message : message + " (lower confidence: in " + context.words() + ")",
                Secrets.mask(secret, visible),
                hash,
                fingerprint,
                context));
    }

    /**
     * Reports something that is not a secret (a declared scope): the preview shows it whole. The
     * suppressing comment and the fingerprint work as for secrets.
     */
    public void reportNotSecret(Rule rule, int start, int end, String what, String message) {
        int before = found.size();
        report(rule, start, end, what, 0, message);
        if (found.size() > before) {
            Finding f = found.remove(before);
            found.add(new Finding(
                    f.rule(),
                    f.severity(),
                    f.path(),
                    f.line(),
                    f.column(),
                    f.message(),
                    what,
                    f.secretHash(),
                    f.fingerprint(),
                    f.context()));
        }
    }

    /** The text of the file being reported on. */
    public String text() {
        return content.text();
    }

    /**
     * Whether the line holds a suppressing comment. The comments of the whole file are found in one
     * pass, on its first finding: work per finding never grows with the length of its line (a
     * minified bundle is one line of megabytes).
     */
    private boolean suppressed(int line) {
        if (suppressedLines == null) {
            java.util.BitSet lines = new java.util.BitSet();
            java.util.regex.Matcher m = SUPPRESSION.matcher(content.text());
            while (m.find()) {
                lines.set(line(m.start()));
            }
            suppressedLines = lines;
        }
        return suppressedLines.get(line);
    }

    /** The line number of an offset, from 1 (line starts are indexed once, on first use). */
    private int line(int offset) {
        if (lineStarts.length == 0) {
            String text = content.text();
            int[] starts = new int[64];
            int n = 0;
            starts[n++] = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
            lineStarts = java.util.Arrays.copyOf(starts, n);
        }
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    List<Finding> all() {
        return found;
    }
}
