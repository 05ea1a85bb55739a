package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules the scanner's findings raise, named by the sentences of docs/policy section 3. */
class ScanFindingRulesTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-07-01T00:00:00Z"));
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");
    static final Instant FOUND = Instant.parse("2026-05-02T10:00:00Z");

    static App app(ListingState state) {
        return new App(
                APP, "App", ACME, null, Set.of(), List.of(new Listing(Hosting.CLOUD, state, true, 10)), List.of());
    }

    static ScanFinding finding(String rule, String fingerprint, String preview) {
        return new ScanFinding(
                ScanFinding.idOf(APP, Hosting.CLOUD, rule, fingerprint),
                APP,
                Hosting.CLOUD,
                rule,
                fingerprint,
                "found by " + rule,
                "app-1.0.0.obr!/lib/app.jar!/app.properties:3",
                preview,
                "AMS-7",
                FOUND,
                "1.0.0",
                "1.0.0",
                null,
                null,
                null);
    }

    static List<Violation> evaluate(Rule rule, String at, ListingState state, ScanFinding... findings) {
        Facts facts = new Facts(
                Instant.parse(at),
                List.of(),
                List.of(app(state)),
                new Breaches(),
                new Obligations(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(findings)));
        return rule.evaluate(facts, POLICY);
    }

    @Test
    void aClientSecretFoundInAnArtifactIsAViolationUntilAVersionWithoutItIsScanned() {
        // "never hardcoded in source, configuration or any artifact a user can inspect ... A hardcoded
        // secret found by the scanner is a vulnerability ticket and a violation."
        ScanFinding secret = finding(ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef", "s3cr…(40 chars)");
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-02T09:59:59Z", ListingState.LISTED, secret))
                .isEmpty();
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-03T00:00:00Z", ListingState.LISTED, secret))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("OAUTH-SECRET-EXPOSED");
                    assertThat(v.since()).isEqualTo(FOUND);
                    assertThat(v.severity()).isEqualTo(Severity.HIGH);
                    assertThat(v.evidence())
                            .isEqualTo("client secret s3cr…(40 chars) at app-1.0.0.obr!/lib/app.jar!/app.properties:3"
                                    + " (cloud, found in version 1.0.0 on 2026-05-02, AMS-7)");
                });

        ScanFinding fixed = secret.fixedIn("1.1.0", Instant.parse("2026-05-20T00:00:00Z"));
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-19T00:00:00Z", ListingState.LISTED, fixed))
                .hasSize(1);
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-20T00:00:00Z", ListingState.LISTED, fixed))
                .isEmpty();
        // Found again in a later version: open again.
        assertThat(evaluate(
                        new OAuthSecretExposed(),
                        "2026-06-01T00:00:00Z",
                        ListingState.LISTED,
                        fixed.seenIn("1.2.0", "x.jar!/a.properties:1", null)))
                .hasSize(1);
    }

    @Test
    void aRedirectUriLostToTakeoverIsACriticalViolationUntilACheckPasses() {
        // "A redirect URI whose domain has expired, was transferred, or is open to subdomain takeover ...
        // is a Critical vulnerability"; "Redirect URIs are monitored continuously".
        ScanFinding lost = new ScanFinding(
                ScanFinding.idOf(APP, Hosting.CLOUD, "redirect-domain-takeover", "00112233445566778899aabbccddeeff"),
                APP,
                Hosting.CLOUD,
                "redirect-domain-takeover",
                "00112233445566778899aabbccddeeff",
                "Redirect URI open to subdomain takeover",
                "https://login.acme.example/cb (client acme-web): login.acme.example → acme.s3.amazonaws.com",
                "login.acme.example",
                "AMS-9",
                FOUND,
                "domain check 2026-05-02",
                "domain check 2026-05-02",
                null,
                null,
                null);
        ScanFinding secret = finding(ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef", null);
        assertThat(evaluate(new OAuthRedirectDomain(), "2026-05-03T00:00:00Z", ListingState.LISTED, lost, secret))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("OAUTH-REDIRECT-DOMAIN");
                    assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(v.since()).isEqualTo(FOUND);
                    assertThat(v.evidence())
                            .isEqualTo("Redirect URI open to subdomain takeover: https://login.acme.example/cb (client"
                                    + " acme-web): login.acme.example → acme.s3.amazonaws.com (cloud, failing since"
                                    + " 2026-05-02, AMS-9)");
                });
        ScanFinding passed = lost.fixedIn("domain check 2026-05-04", Instant.parse("2026-05-04T08:00:00Z"));
        assertThat(evaluate(new OAuthRedirectDomain(), "2026-05-04T08:00:00Z", ListingState.LISTED, passed))
                .isEmpty();
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-03T00:00:00Z", ListingState.LISTED, lost))
                .as("other rules leave domain findings alone")
                .isEmpty();
    }

    @Test
    void aFalsePositiveEndsTheViolationFromWhenItWasMarked() {
        ScanFinding secret = finding(ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef", null)
                .dismissed(new ScanFinding.Dismissal(
                        Instant.parse("2026-05-10T00:00:00Z"), "ana@operator", "a test fixture, not a real secret"));
        assertThat(secret.state()).isEqualTo(ScanFinding.State.FALSE_POSITIVE);
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-09T00:00:00Z", ListingState.LISTED, secret))
                .hasSize(1);
        assertThat(evaluate(new OAuthSecretExposed(), "2026-05-10T00:00:00Z", ListingState.LISTED, secret))
                .isEmpty();
    }

    @Test
    void removedAppsAndOtherRulesFindingsAreLeftAlone() {
        ScanFinding secret = finding(ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef", null);
        assertThat(evaluate(new OAuthSecretExposed(), "2026-06-01T00:00:00Z", ListingState.REMOVED, secret))
                .isEmpty();
        ScanFinding token = finding("atlassian-api-token", "1123456789abcdef", null);
        assertThat(evaluate(new OAuthSecretExposed(), "2026-06-01T00:00:00Z", ListingState.LISTED, token))
                .isEmpty();
    }

    @Test
    void scopesRequestedButNotUsedAreFindings() {
        // "Scopes requested but not used by the app ... are findings"
        ScanFinding write = finding(ScanFinding.SCOPE_RULE, "2123456789abcdef", "write:jira-work");
        ScanFinding admin = finding(ScanFinding.SCOPE_RULE, "3123456789abcdef", "manage:jira-configuration");
        assertThat(evaluate(new OAuthScopeExcess(), "2026-06-01T00:00:00Z", ListingState.LISTED, write, admin))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("OAUTH-SCOPE-EXCESS");
                    assertThat(v.severity()).isEqualTo(Severity.LOW);
                    assertThat(v.evidence())
                            .contains("scope write:jira-work requested at", "manage:jira-configuration");
                });
    }

    @Test
    void theIdOfAFindingIsTheSameWhereverItIsComputedAndAFixCannotPrecedeTheFinding() {
        assertThat(ScanFinding.idOf(APP, Hosting.CLOUD, "oauth-client-secret", "0123456789abcdef"))
                .isEqualTo(ScanFinding.idOf(APP, Hosting.CLOUD, "oauth-client-secret", "0123456789abcdef"))
                .isNotEqualTo(ScanFinding.idOf(APP, Hosting.DATA_CENTER, "oauth-client-secret", "0123456789abcdef"))
                .matches("SF-[0-9a-f]{24}");
        ScanFinding secret = finding(ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef", null);
        assertThat(secret.fixedIn("0.9.0", FOUND.minusSeconds(60)).fixedAt()).isEqualTo(FOUND);
        assertThatThrownBy(() -> finding(ScanFinding.CLIENT_SECRET_RULE, "NOT-HEX", null))
                .hasMessageContaining("fingerprint");
    }

    @Test
    void thePolicyGivesEachScannerRuleItsVectorAndRefusesABrokenOne() {
        assertThat(POLICY.findingCvss("oauth-client-secret")).contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N");
        assertThat(POLICY.findingCvss("oauth-scope-unused")).isEmpty();
        PolicyVersion older = PolicyVersions.builtIn().inForceAt(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(older.scanner()).isNull();
        assertThat(older.findingCvss("atlassian-api-token")).isPresent();
    }
}
