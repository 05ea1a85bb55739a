package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;

/**
 * A token with a fixed, case-sensitive prefix and a run of URL-safe base64 characters: the prefix must
 * start a word and the run must end one, so longer identifiers that merely contain it do not count.
 */
final class TokenShape {
    private final String prefix;
    private final int minBody;
    private final int maxBody;

    TokenShape(String prefix, int minBody, int maxBody) {
        this.prefix = prefix;
        this.minBody = minBody;
        this.maxBody = maxBody;
    }

    void check(Rule rule, Content content, int at, Findings findings, String what) {
        String text = content.text();
        if (!text.startsWith(prefix, at) || at > 0 && isTokenChar(text.charAt(at - 1)) && text.charAt(at - 1) != '=') {
            return;
        }
        int end = at + prefix.length();
        int limit = Math.min(text.length(), end + maxBody + 1);
        while (end < limit && isTokenChar(text.charAt(end))) {
            end++;
        }
        int body = end - at - prefix.length();
        if (body < minBody || body > maxBody) {
            return;
        }
        String token = text.substring(at, end);
        if (dev.warden.scanner.Secrets.isPlaceholder(token.substring(prefix.length()))) {
            return;
        }
        findings.report(rule, at, end, token, prefix.length(), what + " (" + token.length() + " characters)");
    }

    static boolean isTokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '=';
    }
}
