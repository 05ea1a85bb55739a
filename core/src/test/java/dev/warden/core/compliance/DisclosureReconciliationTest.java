package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code DISCLOSURE-MISMATCH} for the Privacy and Security tab, named by the policy: the operator's
 * monitoring includes "review of disclosures made through the Privacy and Security tab", and a violation
 * is "what the partner declared contradicts what Warden observed". One clean app, and each kind of
 * difference on its own.
 */
class DisclosureReconciliationTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final PartnerId ZENITH = PartnerId.of("zenith");
    static final AppKey APP = AppKey.of("com.zenith.timesheets");
    static final Instant DECLARED = Instant.parse("2026-09-01T10:00:00Z");

    /** What Warden observes of the clean app: one client, its secret in KMS, redirecting to its own domain. */
    record Observed(List<OAuthClient> clients, @Nullable TokenUse tokenUse, List<ScanFinding> findings) {
        static Observed clean() {
            return new Observed(
                    List.of(new OAuthClient(
                            "zt-3lo",
                            List.of("https://app.zenith.example/oauth/callback"),
                            List.of("read:jira-work"),
                            SecretStorage.KMS,
                            Instant.parse("2026-02-01T00:00:00Z"))),
                    null,
                    List.of());
        }
    }

    /** The clean declaration: data stored in the EU, egress to the partner's domains, secrets in KMS. */
    static PrivacyDeclaration.Declared declared() {
        return new PrivacyDeclaration.Declared(
                DECLARED,
                "security@zenith.example",
                "4.2.0",
                true,
                List.of("EU"),
                List.of("*.zenith.example"),
                false,
                SecretStorage.KMS,
                List.of("Amazon Web Services"));
    }

    /** The facts of one app: its token use, its scan findings and its Privacy and Security record. */
    static Facts facts(App app, List<TokenUse> tokenUse, List<ScanFinding> findings, PrivacyDeclaration record) {
        return new Facts(
                NOW,
                List.of(),
                List.of(app),
                new Breaches(),
                new Obligations(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        tokenUse,
                        findings,
                        List.of(),
                        List.of(),
                        List.of(record)));
    }

    static List<String> differences(Observed observed, PrivacyDeclaration.Declared declared) {
        App app = new App(
                APP,
                "Zenith Timesheets",
                ZENITH,
                null,
                Set.of(),
                List.of(new Listing(Hosting.CLOUD, ListingState.LISTED, true, 1500)),
                observed.clients());
        Facts facts = facts(
                app,
                observed.tokenUse() == null ? List.of() : List.of(observed.tokenUse()),
                observed.findings(),
                new PrivacyDeclaration(APP, List.of(declared)));
        List<String> found = DisclosureReconciliation.differences(app, declared, facts);
        List<Violation> violations = new DisclosureMismatch()
                .evaluate(facts, PolicyVersions.builtIn().inForceAt(NOW));
        if (found.isEmpty()) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.subject()).isEqualTo(new Subject.App(APP, ZENITH));
                assertThat(v.evidence()).isEqualTo(String.join("; ", found));
            });
        }
        return found;
    }

    @Test
    void aCleanAppDeclaresWhatWardenObserves() {
        assertThat(differences(Observed.clean(), declared())).isEmpty();
    }

    static Stream<Arguments> mismatches() {
        Observed clean = Observed.clean();
        OAuthClient kms = clean.clients().get(0);
        UnaryOperator<OAuthClient> inConfig = c -> new OAuthClient(
                c.clientId(), c.redirectUris(), c.scopes(), SecretStorage.CONFIG_FILE, c.secretRotatedAt());
        return Stream.of(
                Arguments.of(
                        "the scan found token handling the tab denies",
                        new Observed(
                                clean.clients(),
                                new TokenUse(
                                        APP,
                                        null,
                                        TokenUse.Migration.NOT_STARTED,
                                        null,
                                        new TokenUse.ScanEvidence(
                                                Instant.parse("2026-10-01T00:00:00Z"),
                                                "timesheets-4.2.0.jar",
                                                List.of(new TokenUse.Finding(
                                                        "pat-collection", "web/settings.js:12", null)))),
                                List.of()),
                        declared(),
                        "says the app handles no user API tokens; the scan of timesheets-4.2.0.jar on 2026-10-01 found"
                                + " pat-collection at web/settings.js:12"),
                Arguments.of(
                        "the security questionnaire says otherwise",
                        new Observed(
                                clean.clients(),
                                new TokenUse(
                                        APP,
                                        new TokenUse.Declaration(
                                                true, false, true, Instant.parse("2026-05-01T00:00:00Z")),
                                        TokenUse.Migration.IN_PROGRESS,
                                        null,
                                        null),
                                List.of()),
                        declared(),
                        "the security questionnaire (declared 2026-05-01) says it collects, stores them"),
                Arguments.of(
                        "a client's secret is recorded outside the declared store",
                        new Observed(List.of(inConfig.apply(kms)), null, List.of()),
                        declared(),
                        "says OAuth client secrets are kept in KMS; client zt-3lo is recorded as CONFIG_FILE"),
                Arguments.of(
                        "the scanner found a hard-coded client secret",
                        new Observed(
                                clean.clients(),
                                null,
                                List.of(new ScanFinding(
                                        ScanFinding.idOf(
                                                APP,
                                                Hosting.CLOUD,
                                                "oauth-client-secret",
                                                "9f86d081884c7d659a2feaa0c55ad015"),
                                        APP,
                                        Hosting.CLOUD,
                                        "oauth-client-secret",
                                        "9f86d081884c7d659a2feaa0c55ad015",
                                        "Hardcoded OAuth client secret",
                                        "timesheets-4.2.0.jar!/config/oauth.properties:2",
                                        "Zk9x…(40 chars)",
                                        null,
                                        Instant.parse("2026-10-01T00:00:00Z"),
                                        "4.2.0",
                                        "4.2.0",
                                        null,
                                        null,
                                        null))),
                        declared(),
                        "the scanner found a hard-coded client secret at"
                                + " timesheets-4.2.0.jar!/config/oauth.properties:2 (Zk9x…(40 chars))"),
                Arguments.of(
                        "a redirect URI goes to an undeclared domain",
                        new Observed(
                                List.of(new OAuthClient(
                                        "zt-3lo",
                                        List.of("https://login.authbroker.example/cb"),
                                        List.of("read:jira-work"),
                                        SecretStorage.KMS,
                                        null)),
                                null,
                                List.of()),
                        declared(),
                        "does not list login.authbroker.example among the egress domains; it is the redirect URI host"
                                + " of OAuth client zt-3lo"),
                Arguments.of(
                        "refresh tokens while declaring no stored data",
                        new Observed(
                                List.of(new OAuthClient(
                                        "zt-3lo",
                                        kms.redirectUris(),
                                        List.of("read:jira-work", "offline_access"),
                                        SecretStorage.KMS,
                                        null)),
                                null,
                                List.of()),
                        new PrivacyDeclaration.Declared(
                                DECLARED,
                                "security@zenith.example",
                                null,
                                false,
                                List.of(),
                                List.of("*.zenith.example"),
                                false,
                                SecretStorage.KMS,
                                List.of()),
                        "says the app stores no data; OAuth client zt-3lo requests offline_access"),
                Arguments.of(
                        "declaring no OAuth secret while Warden knows a client",
                        clean,
                        new PrivacyDeclaration.Declared(
                                DECLARED,
                                "security@zenith.example",
                                null,
                                true,
                                List.of("EU"),
                                List.of("*.zenith.example"),
                                false,
                                null,
                                List.of()),
                        "says the app keeps no OAuth client secret; Warden knows its OAuth client zt-3lo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void eachDifferenceNamesBothSides(
            String name, Observed observed, PrivacyDeclaration.Declared declared, String expected) {
        assertThat(differences(observed, declared))
                .as(name)
                .singleElement()
                .asString()
                .startsWith("the Privacy and Security tab (declared 2026-09-01)")
                .contains(expected);
    }

    @Test
    void theDeclarationInForceIsTheLatestMadeByThen() {
        PrivacyDeclaration.Declared first = declared();
        PrivacyDeclaration.Declared later = new PrivacyDeclaration.Declared(
                Instant.parse("2026-11-10T00:00:00Z"),
                "security@zenith.example",
                "4.3.0",
                true,
                List.of("EU", "US"),
                List.of("*.zenith.example", "api.authbroker.example"),
                false,
                SecretStorage.KMS,
                List.of());
        PrivacyDeclaration record = new PrivacyDeclaration(APP, List.of(first, later));
        assertThat(record.asOf(NOW)).contains(first);
        assertThat(record.asOf(Instant.parse("2026-11-10T00:00:00Z"))).contains(later);
        assertThat(record.asOf(Instant.parse("2026-08-01T00:00:00Z"))).isEmpty();
        assertThat(later.declaresEgressTo("APP.zenith.example")).isTrue();
        assertThat(later.declaresEgressTo("zenith.example.evil.example")).isFalse();
        assertThatThrownBy(() -> new PrivacyDeclaration.Declared(
                        NOW, "x", null, false, List.of("EU"), List.of(), false, null, List.of()))
                .hasMessageContaining("stores no data names no region");
        assertThatThrownBy(() -> new PrivacyDeclaration.Declared(
                        NOW, "x", null, true, List.of(), List.of("https://x.example/"), false, null, List.of()))
                .hasMessageContaining("is not a domain");
    }

    /** Egress the descriptors declare, as scanned: "egress and remotes from descriptors and scans". */
    @Test
    void egressTheScannedDescriptorsDeclareMustBeOnTheTab() {
        App app = new App(
                APP,
                "Zenith Timesheets",
                ZENITH,
                null,
                Set.of(),
                List.of(
                        new Listing(Hosting.CLOUD, ListingState.LISTED, true, 1500),
                        new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 10)),
                List.of());
        PrivacyDeclaration.Observed cloudEarlier = new PrivacyDeclaration.Observed(
                Instant.parse("2026-08-01T00:00:00Z"),
                Hosting.CLOUD,
                "4.1.0",
                "timesheets-4.1.0.jar",
                List.of("api.tracker.example"));
        PrivacyDeclaration.Observed cloud = new PrivacyDeclaration.Observed(
                Instant.parse("2026-10-01T00:00:00Z"),
                Hosting.CLOUD,
                "4.2.0",
                "timesheets-4.2.0.jar",
                List.of("app.zenith.example", "*.zenith.example", "telemetry.metrics-vendor.example"));
        PrivacyDeclaration.Observed dataCenterLater = new PrivacyDeclaration.Observed(
                Instant.parse("2026-11-05T00:00:00Z"),
                Hosting.DATA_CENTER,
                "4.2.0",
                null,
                List.of("updates.other.example"));
        PrivacyDeclaration record =
                new PrivacyDeclaration(APP, List.of(declared()), List.of(cloudEarlier, cloud, dataCenterLater));
        Facts facts = facts(app, List.of(), List.of(), record);
        assertThat(DisclosureReconciliation.differences(app, declared(), facts))
                .as("the Cloud listing's latest observation; the tab's *.zenith.example covers the partner's own"
                        + " hosts; the Data Center scan came after the instant judged")
                .containsExactly("the Privacy and Security tab (declared 2026-09-01) does not list"
                        + " telemetry.metrics-vendor.example among the egress domains; the CLOUD descriptor of version"
                        + " 4.2.0 (timesheets-4.2.0.jar), scanned 2026-10-01, sends data there");
        assertThat(new DisclosureMismatch()
                        .evaluate(facts, PolicyVersions.builtIn().inForceAt(NOW)))
                .singleElement()
                .satisfies(v -> assertThat(v.evidence()).contains("telemetry.metrics-vendor.example"));

        // A scan that saw the same domains adds nothing; a change is kept.
        assertThat(record.with(new PrivacyDeclaration.Observed(
                        Instant.parse("2026-11-20T00:00:00Z"), Hosting.CLOUD, "4.2.1", null, cloud.domains())))
                .isSameAs(record);
        assertThat(PrivacyDeclaration.Observed.host("https://API.Vendor.example:8443/v1?x=1"))
                .isEqualTo("api.vendor.example");
        assertThat(PrivacyDeclaration.Observed.host("*.vendor.example")).isEqualTo("*.vendor.example");
        assertThat(PrivacyDeclaration.Observed.host("https://10.0.0.1/")).isNull();
        assertThatThrownBy(() -> new PrivacyDeclaration(APP, List.of(), List.of(cloud, cloudEarlier)))
                .hasMessageContaining("in the order the scans finished");
    }
}
