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
        String text = content.text();
        int lineStart = content.lineStart(start);
        int lineEnd = content.lineEnd(start);
        if (suppressed(text, lineStart, lineEnd)) {
            return;
        }
        if (!seen.add(rule.id() + '@' + start)) {
            return;
        }
        String hash = Secrets.sha256(secret);
        String fingerprint =
                Secrets.sha256(rule.id() + '\0' + content.path() + '\0' + hash).substring(0, 32);
        found.add(new Finding(
                rule.id(),
                rule.severity(),
                content.path(),
                line(start),
                start - lineStart + 1,
                message,
                Secrets.mask(secret, visible),
                hash,
                fingerprint));
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
                    f.fingerprint()));
        }
    }

    /** The text of the file being reported on. */
    public String text() {
        return content.text();
    }

    private static boolean suppressed(String text, int from, int to) {
        int hit = indexOfIgnoreCase(text, "warden:ignore", from, to);
        return hit >= 0 || indexOfIgnoreCase(text, "gitleaks:allow", from, to) >= 0;
    }

    private static int indexOfIgnoreCase(String text, String word, int from, int to) {
        for (int i = from; i + word.length() <= to; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
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
