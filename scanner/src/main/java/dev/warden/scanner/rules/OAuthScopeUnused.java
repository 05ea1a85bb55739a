package dev.warden.scanner.rules;

import dev.warden.scanner.ApiEvidence;
import dev.warden.scanner.ApiEvidence.Use;
import dev.warden.scanner.AppRule;
import dev.warden.scanner.Content;
import dev.warden.scanner.Descriptor;
import dev.warden.scanner.Findings;
import dev.warden.scanner.JiraOperations;
import dev.warden.scanner.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code oauth-scope-unused}: a scope declared in a Forge manifest or a Connect descriptor that nothing
 * in the app's code needs. Jira platform scopes, classic and granular, are judged by the operations the
 * code calls ({@link JiraOperations}: a call to any operation that accepts the scope counts); other
 * scopes by the kind of use they allow. An unknown scope is never reported, and neither is any Jira
 * scope of an app whose code calls a Jira operation Warden cannot match.
 */
public final class OAuthScopeUnused implements AppRule {
    /** Per scope, the uses any one of which shows the scope is needed. */
    static final Map<String, Set<Use>> NEEDS = Map.ofEntries(
            Map.entry("read:jira-work", Set.of(Use.JIRA_READ)),
            Map.entry("write:jira-work", Set.of(Use.JIRA_WRITE)),
            Map.entry("read:jira-user", Set.of(Use.JIRA_USER)),
            Map.entry("manage:jira-webhook", Set.of(Use.JIRA_WEBHOOK)),
            Map.entry("manage:jira-configuration", Set.of(Use.JIRA_ADMIN)),
            Map.entry("read:confluence-content.all", Set.of(Use.CONFLUENCE_READ)),
            Map.entry("read:confluence-content.summary", Set.of(Use.CONFLUENCE_READ)),
            Map.entry("read:confluence-space.summary", Set.of(Use.CONFLUENCE_READ)),
            Map.entry("write:confluence-content", Set.of(Use.CONFLUENCE_WRITE)),
            Map.entry("read:confluence-user", Set.of(Use.CONFLUENCE_USER)),
            Map.entry("storage:app", Set.of(Use.STORAGE)),
            Map.entry("read:me", Set.of(Use.ACCOUNT)),
            // Connect scopes, for whichever product the descriptor is for.
            Map.entry("READ", Set.of(Use.JIRA_READ, Use.CONFLUENCE_READ)),
            Map.entry("WRITE", Set.of(Use.JIRA_WRITE, Use.CONFLUENCE_WRITE)),
            Map.entry("DELETE", Set.of(Use.JIRA_DELETE, Use.CONFLUENCE_DELETE)),
            Map.entry("ACT_AS_USER", Set.of(Use.ACT_AS_USER)));

    @Override
    public boolean findsSecrets() {
        return false;
    }

    @Override
    public String id() {
        return "oauth-scope-unused";
    }

    @Override
    public String title() {
        return "OAuth scope declared but not used";
    }

    @Override
    public String help() {
        return "Apps should request only the scopes they need (policy section 3). Remove the scope from the "
                + "descriptor, or tell us why the code needs it if this is a false positive.";
    }

    @Override
    public Severity severity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<String> keywords() {
        return List.of();
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        // An app rule: it runs once per descriptor, in checkApp.
    }

    @Override
    public void checkApp(Descriptor descriptor, Set<String> evidence, Findings findings) {
        String text = findings.text();
        Set<String> jira = JiraOperations.table().scopes();
        for (String scope : descriptor.scopes()) {
            if (jira.contains(scope)) {
                // A Jira platform scope, classic or granular: used when some call of the app's code is to an
                // operation that accepts it; not judged at all when a call could not be matched.
                if (evidence.contains(ApiEvidence.JIRA_UNKNOWN) || evidence.contains(ApiEvidence.scope(scope))) {
                    continue;
                }
            } else {
                Set<Use> needs = NEEDS.get(scope);
                if (needs == null || needs.stream().anyMatch(u -> evidence.contains(u.name()))) {
                    continue;
                }
            }
            int quoted = text.indexOf("\"" + scope + "\"");
            int at = quoted >= 0 ? quoted + 1 : Math.max(0, text.indexOf(scope));
            findings.reportNotSecret(
                    this,
                    at,
                    at + scope.length(),
                    scope,
                    "Scope " + scope + " is declared but no code next to this descriptor uses what it allows");
        }
    }
}
