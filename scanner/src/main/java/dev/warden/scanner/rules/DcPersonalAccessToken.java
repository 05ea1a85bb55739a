package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code dc-personal-access-token}: a Data Center personal access token, 44 characters of base64 that
 * decode to a numeric id, a colon and random bytes, near a word that says it is a token ({@code Bearer},
 * {@code token}, {@code PAT}). The decoding is what tells it from any other 44 base64 characters.
 */
public final class DcPersonalAccessToken implements Rule {

    @Override
    public String id() {
        return "dc-personal-access-token";
    }

    @Override
    public String title() {
        return "Data Center personal access token";
    }

    @Override
    public String help() {
        return "A personal access token acts as its user on a Jira, Confluence or Bitbucket Data Center "
                + "instance. Revoke it in the user's profile and use the app's own credentials instead.";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public List<String> keywords() {
        return List.of("bearer", "token", "pat=", "pat:", "pat\"", "pat'", "_pat", "-pat");
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        int[] w = content.window(at, 80, 120);
        String text = content.text();
        // Runs of exactly 44 base64 characters, not followed by padding: a plain loop, as "token" is one
        // of the commonest words in code and this runs at every one.
        int i = w[0];
        while (i < w[1]) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < w[1] && isBase64(text.charAt(i))) {
                i++;
            }
            boolean bounded = start == 0 || !isBase64(text.charAt(start - 1));
            boolean padded = i < text.length() && (text.charAt(i) == '=' || isBase64(text.charAt(i)));
            char first = text.charAt(start);
            if (i - start == 44 && bounded && !padded && first >= 'M' && first <= 'O') {
                String candidate = text.substring(start, i);
                if (isToken(candidate)) {
                    findings.report(
                            this, start, i, candidate, 0, "A Data Center personal access token (user id encoded)");
                }
            }
        }
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }

    /** Whether 44 base64 characters decode to {@code <digits>:<at least 16 more bytes>}. */
    static boolean isToken(String candidate) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(candidate);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int i = 0;
        while (i < raw.length && raw[i] >= '0' && raw[i] <= '9') {
            i++;
        }
        if (i == 0 || i > 15 || i >= raw.length || raw[i] != ':') {
            return false;
        }
        String rest = new String(raw, i + 1, raw.length - i - 1, StandardCharsets.ISO_8859_1);
        return rest.length() >= 16 && rest.chars().distinct().count() >= 8;
    }
}
