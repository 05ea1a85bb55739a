package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Secrets;
import dev.warden.scanner.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code oauth-client-secret}: an OAuth client secret assigned a literal value in code, configuration,
 * a descriptor or a bundle. In code only a quoted literal counts (a minified {@code clientSecret:e.s} is
 * a variable); in configuration files an unquoted value counts too. Reads from the environment or a
 * secret store, placeholders, hashes, UUIDs and low-entropy words are not secrets.
 */
public final class OAuthClientSecret implements Rule {
    private static final String NAME = "(?:client|consumer|oauth|app|oauth2)[_.-]?secret";
    private static final Pattern QUOTED = Pattern.compile("(?i)\\b" + NAME
            + "[\"']?\\s*(?::=|=>|\\?\\?=|[:=]|,)\\s*(?:new\\s+String\\(\\s*)?([\"'`])([^\"'`\\s]{16,256})\\1");
    private static final Pattern UNQUOTED = Pattern.compile(
            "(?i)(?:^|[\\s\"'.])" + NAME + "[\"']?\\s*(?:[:=])\\s*([^\\s\"'`#;,]{16,256})\\s*(?:$|#|;)");
    private static final Pattern XML = Pattern.compile(
            "(?i)<(" + NAME + ")>\\s*([^<\\s]{16,256})\\s*</\\1>|\\b" + NAME + "\\s*=\\s*\"([^\"\\s]{16,256})\"");
    private static final Set<String> CONFIG =
            Set.of("properties", "yml", "yaml", "env", "ini", "cfg", "conf", "toml", "config", "txt");
    private static final String[] INDIRECT = {
        "process.env",
        "getenv",
        "environ",
        "env(",
        "env.",
        "${",
        "#{",
        "{{",
        "%(",
        "enc(",
        "vault:",
        "secret://",
        "arn:aws:",
        "projects/",
        "secretmanager",
        "keyvault",
        "ssm:",
        "sha1-",
        "sha256-",
        "sha384-",
        "sha512-"
    };

    @Override
    public String id() {
        return "oauth-client-secret";
    }

    @Override
    public String title() {
        return "Hardcoded OAuth client secret";
    }

    @Override
    public String help() {
        return "Client secrets must never be in source, configuration or any artifact a user can inspect "
                + "(policy section 3). Rotate the secret now and load it from an encrypted secret store.";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<String> keywords() {
        return List.of("secret");
    }

    private static final Pattern FIELD_NAME = Pattern.compile("(?i)" + NAME);

    @Override
    public void check(Content content, int at, Findings findings) {
        if (content.extension().equals("class")) {
            // A compiled constant: the field's name and its value are apart in the file (findings of one
            // place are reported once, however many keyword hits lead here).
            List<ClassConstants.Field> fields =
                    content.memo(ClassConstants.class, () -> ClassConstants.of(content.text()));
            for (ClassConstants.Field field : fields) {
                if (FIELD_NAME.matcher(field.name()).find()) {
                    report(findings, field.offset(), field.value());
                }
            }
            return;
        }
        int[] w = content.window(at, 40, 300);
        String text = content.text();
        String name = content.fileName();
        String ext = content.extension();
        Matcher quoted = QUOTED.matcher(text).region(w[0], w[1]);
        while (quoted.find()) {
            report(findings, quoted.start(2), quoted.group(2));
        }
        if (ext.equals("xml") || ext.equals("html")) {
            Matcher xml = XML.matcher(text).region(w[0], w[1]);
            while (xml.find()) {
                int group = xml.group(2) != null ? 2 : 3;
                report(findings, xml.start(group), xml.group(group));
            }
        }
        if (CONFIG.contains(ext) || name.startsWith(".env")) {
            Matcher plain = UNQUOTED.matcher(text).region(w[0], w[1]);
            plain.useAnchoringBounds(true);
            while (plain.find()) {
                report(findings, plain.start(1), plain.group(1));
            }
        }
    }

    private void report(Findings findings, int start, String value) {
        if (!isSecret(value)) {
            return;
        }
        findings.report(
                this, start, start + value.length(), value, 3, "An OAuth client secret assigned a literal value");
    }

    /** Whether a value assigned to a client secret is a real secret rather than a reference or a stand-in. */
    static boolean isSecret(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String indirect : INDIRECT) {
            if (lower.contains(indirect)) {
                return false;
            }
        }
        if (value.startsWith("$") || value.startsWith("%") || value.startsWith("@")) {
            return false;
        }
        // Hex is fine: many providers issue hex client secrets (a 64-digit one is gitleaks' own example).
        if (Secrets.isPlaceholder(value) || Secrets.isUuid(value)) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            digit |= c >= '0' && c <= '9';
        }
        // A dotted path or a word ("config.oauth.clientSecret", "CLIENT_SECRET_VALUE") has few digits and low entropy.
        // Hex has 16 symbols, so at most 4 bits per character; random hex of 32 or more digits still
        // often measures under 3.5.
        double needed = value.length() >= 32 && value.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) ? 3.0 : 3.5;
        return letter && digit && Secrets.entropy(value) >= needed;
    }
}
