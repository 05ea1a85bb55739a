package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dc-personal-access-token}: a Data Center personal access token, 44 characters of base64 that
 * decode to a numeric id, a colon and random bytes, near a word that says it is a token ({@code Bearer},
 * {@code token}, {@code PAT}). The decoding is what tells it from any other 44 base64 characters.
 */
public final class DcPersonalAccessToken implements Rule {
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![A-Za-z0-9+/])[MNO][A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])");

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
        Matcher m = CANDIDATE.matcher(content.text()).region(w[0], w[1]);
        while (m.find()) {
            String candidate = m.group();
            if (isToken(candidate)) {
                findings.report(
                        this,
                        m.start(),
                        m.end(),
                        candidate,
                        0,
                        "A Data Center personal access token (user id encoded)");
            }
        }
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
