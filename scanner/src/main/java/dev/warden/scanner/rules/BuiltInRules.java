package dev.warden.scanner.rules;

import dev.warden.scanner.Rule;
import java.util.List;

/** The scanner's own rules, in the order they are documented. */
public final class BuiltInRules {
    private BuiltInRules() {}

    public static List<Rule> all() {
        return List.of(
                new AtlassianApiToken(),
                new AtlassianAdminKey(),
                new DcPersonalAccessToken(),
                new OAuthClientSecret(),
                new PrivateKey(),
                new PatCollection(),
                new OAuthScopeUnused());
    }
}
