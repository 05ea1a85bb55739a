package dev.warden.scanner.rules;

import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Severity;
import java.util.List;

/** {@code atlassian-api-token}: a user API token of the operator's accounts, {@code ATATT3…}. */
public final class AtlassianApiToken implements Rule {
    private final TokenShape shape = new TokenShape("ATATT3", 180, 200);

    @Override
    public String id() {
        return "atlassian-api-token";
    }

    @Override
    public String title() {
        return "Atlassian user API token";
    }

    @Override
    public String help() {
        return "A user's API token acts as that user on every site they can reach. Apps must not collect, "
                + "transmit or store them (policy section 6): revoke it at id.atlassian.com and use OAuth 2.0.";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<String> keywords() {
        return List.of("atatt3");
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        shape.check(this, content, at, findings, "An Atlassian user API token");
    }
}
