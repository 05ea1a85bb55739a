package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.util.List;

/** {@code atlassian-admin-key}: an organisation admin API key, {@code ATCTT3…}. */
public final class AtlassianAdminKey implements Rule {
    private final TokenShape shape = new TokenShape("ATCTT3", 150, 260);

    @Override
    public String id() {
        return "atlassian-admin-key";
    }

    @Override
    public String title() {
        return "Atlassian organization admin API key";
    }

    @Override
    public String help() {
        return "An organization admin key manages users and policies of a whole organization. Revoke it in "
                + "admin.atlassian.com and keep keys in a secret store.";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<String> keywords() {
        return List.of("atctt3");
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        shape.check(this, content, at, findings, "An Atlassian organization admin API key");
    }
}
