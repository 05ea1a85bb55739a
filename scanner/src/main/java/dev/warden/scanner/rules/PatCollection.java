package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.PathContext;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pat-collection}: code or UI that asks users for their API token or sends it on (policy section
 * 6): a link to the token management page, a form field labelled "API token", or Basic authentication
 * built from a user's email and token.
 */
public final class PatCollection implements Rule {
    private static final Pattern TOKEN_PAGE =
            Pattern.compile("(?i)id\\.atlassian\\.com/manage(?:-profile/security)?/api-tokens");
    private static final Pattern ASKS = Pattern.compile(
            "(?i)(?:label|placeholder|title|aria-label|description|name|"
                    + "helperText|prompt)\\s*[=:]\\s*\\{?\\s*[\"'`][^\"'`\\n]{0,60}\\b(?:atlassian|jira|confluence|your)?\\s*api[ _-]?token\\b");
    private static final Pattern ENCODES = Pattern.compile("(?i)\\b(?:btoa|Buffer\\.from|b64encode|encodeToString|"
            + "encodeBase64String|base64encode|Base64\\.encode)\\s*\\(");
    private static final Pattern EMAIL_AND_TOKEN = Pattern.compile(
            "(?i)\\b(?:email|e_mail|user(?:name|email)?)\\b[^\\n]{0,40}?:[^\\n]{0,20}?\\b(?:api_?token|apitoken|token|pat)\\b");

    @Override
    public boolean findsSecrets() {
        return false;
    }

    @Override
    public String id() {
        return "pat-collection";
    }

    @Override
    public String title() {
        return "Collects user API tokens";
    }

    @Override
    public String help() {
        return "Apps must not collect, transmit or store the API tokens of users' accounts (policy section 6). "
                + "Use OAuth 2.0 (3LO) or Forge's asUser() instead, and declare token use until migrated.";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public List<String> keywords() {
        return List.of(
                "api-tokens",
                "api token",
                "api_token",
                "apitoken",
                "api-token",
                "btoa",
                "buffer.from",
                "b64encode",
                "encodetostring",
                "encodebase64",
                "base64encode",
                "base64.encode");
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        if (content.memo(PathContext.class, () -> PathContext.of(content.path())) != PathContext.CODE) {
            return; // a README linking to the token page, an .env.example, tests typing into a form
        }
        String text = content.text();
        int[] w = content.window(at, 200, 200);
        // Each keyword leads to its own check: the encoders (b..., e...) to Basic authentication.
        char c = Character.toLowerCase(text.charAt(at));
        if (c == 'b' || c == 'e') {
            basicAuth(text, w, findings);
            return;
        }
        Matcher page = TOKEN_PAGE.matcher(text).region(w[0], w[1]);
        while (page.find()) {
            findings.report(
                    this,
                    page.start(),
                    page.end(),
                    page.group(),
                    0,
                    "Sends users to the API token page (" + page.group() + ") to create a token for the app");
        }
        Matcher asks = ASKS.matcher(text).region(w[0], w[1]);
        while (asks.find()) {
            findings.report(
                    this, asks.start(), asks.end(), asks.group(), 0, "Asks users for their API token in a form");
        }
    }

    private void basicAuth(String text, int[] w, Findings findings) {
        Matcher encodes = ENCODES.matcher(text).region(w[0], w[1]);
        while (encodes.find()) {
            Matcher pair = EMAIL_AND_TOKEN.matcher(text).region(encodes.end(), Math.min(w[1], encodes.end() + 120));
            if (pair.find()) {
                findings.report(
                        this,
                        encodes.start(),
                        pair.end(),
                        text.substring(encodes.start(), pair.end()),
                        0,
                        "Builds Basic authentication from a user's email and API token");
            }
        }
    }
}
