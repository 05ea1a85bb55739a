package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code private-key}: a PEM or OpenSSH private key with a real body. A header alone, or one followed by
 * a stand-in ({@code ...}, {@code <your key>}), is documentation, not a key.
 */
public final class PrivateKey implements Rule {
    private static final Pattern HEADER =
            Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----");
    private static final int MIN_BODY = 64;
    private static final int MAX_SPAN = 16_384;

    @Override
    public String id() {
        return "private-key";
    }

    @Override
    public String title() {
        return "Private key";
    }

    @Override
    public String help() {
        return "A private key in an artifact is public. Revoke it (rotate the certificate or deploy key) and "
                + "load keys from a secret store at run time.";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public List<String> keywords() {
        return List.of("private key-----", "private key block-----");
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        String text = content.text();
        int from = text.lastIndexOf("-----BEGIN ", at);
        if (from < 0 || at - from > 40) {
            return;
        }
        Matcher header = HEADER.matcher(text).region(from, Math.min(text.length(), at + 30));
        if (!header.lookingAt()) {
            return;
        }
        int bodyStart = header.end();
        int end = text.indexOf("-----END ", bodyStart);
        if (end < 0 || end - bodyStart > MAX_SPAN) {
            return; // a key has its END line; a header quoted in a message or a comment has none near
        }
        StringBuilder body = new StringBuilder();
        for (int i = bodyStart; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '+'
                    || c == '/'
                    || c == '=') {
                body.append(c);
            } else if (c == '\\' && i + 1 < end && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == 'r')) {
                i++; // an escaped line break inside a string literal
            } else if (c == '.' || c == '<' || c == '>' || c == '*') {
                return; // "...", "<private key>", "****": a stand-in
            } else if (!(c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '+'
                    || c == ':' || c == ',' || c == '-')) {
                // Only base64, line breaks, PEM headers (Proc-Type: 4,ENCRYPTED) and the quotes and plus
                // signs of a string split over lines belong in a key; anything else (the bytes between a
                // class file's constants, a sentence) means the header was quoted, not a key written.
                return;
            }
        }
        // Headers ("Proc-Type: 4,ENCRYPTED") contribute letters too, but never 64 in a row of base64.
        if (body.length() < MIN_BODY || dev.warden.scanner.Secrets.isPlaceholder(body.toString())) {
            return;
        }
        String kind = header.group(1).trim();
        findings.report(
                this,
                from,
                end,
                body.toString(),
                0,
                "A private key" + (kind.isEmpty() ? "" : " (" + kind + ")") + ", " + body.length()
                        + " characters of key material");
    }
}
