package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where client secrets are kept, and their rotation after an exposure (docs/policy section 3). */
class OAuthSecretRulesTest {
    static final PolicyVersions VERSIONS = PolicyVersions.builtIn();
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");

    static App app(@Nullable LocalDate listed, ListingState state, OAuthClient... clients) {
        return new App(
                APP,
                "App",
                ACME,
                listed,
                Set.of(),
                List.of(new Listing(Hosting.CLOUD, state, true, 10)),
                List.of(clients));
    }

    static List<Violation> evaluate(Rule rule, String at, App app, ScanFinding... findings) {
        Instant asOf = Instant.parse(at);
        PolicyVersion policy = VERSIONS.inForceAt(asOf);
        Facts facts = new Facts(
                asOf,
                List.of(),
                List.of(app),
                new Breaches(),
                new Obligations(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(findings)));
        return rule.evaluate(facts, policy);
    }

    static @Nullable Instant instant(String s) {
        return s.isEmpty() ? null : Instant.parse(s);
    }

    // "Store OAuth client secrets and tokens using encrypted secret stores or a managed key management
    // system. If your app is built on Forge, use Forge secret storage rather than rolling your own."
    @ParameterizedTest(name = "{0} listed {1}, judged {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            KMS                | 2025-01-01 | 2026-11-01T00:00:00Z | -
            SECRET_MANAGER     | 2025-01-01 | 2026-11-01T00:00:00Z | -
            FORGE_SECRET_STORE | -          | 2026-11-01T00:00:00Z | -
            CONFIG_FILE        | 2025-01-01 | 2026-04-15T00:00:00Z | 2026-04-15T00:00:00Z
            SOURCE_CODE        | 2026-09-01 | 2026-09-02T00:00:00Z | 2026-09-01T00:00:00Z
            ENVIRONMENT        | 2025-01-01 | 2026-11-01T00:00:00Z | 2026-04-15T00:00:00Z
            CONFIG_FILE        | 2025-01-01 | 2026-04-14T23:59:59Z | -
            UNKNOWN            | 2025-01-01 | 2026-07-14T00:00:00Z | -
            UNKNOWN            | 2025-01-01 | 2026-07-14T00:00:01Z | 2026-07-14T00:00:00Z
            UNKNOWN            | 2026-10-01 | 2026-12-01T00:00:00Z | -
            UNKNOWN            | 2026-10-01 | 2026-12-31T00:00:01Z | 2026-12-30T00:00:00Z
            """)
    void secretsAreKeptInAnEncryptedStoreAndTheStorageIsKnownAfterTheGrace(
            SecretStorage storage, @Nullable LocalDate listed, String at, @Nullable String since) {
        OAuthClient client = new OAuthClient("acme-client", null, null, storage, null);

        List<Violation> found = evaluate(new OAuthSecretStorage(), at, app(listed, ListingState.LISTED, client));

        if (since == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("OAUTH-SECRET-STORAGE");
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(v.evidence())
                        .startsWith("client acme-client: ")
                        .contains(
                                storage == SecretStorage.UNKNOWN
                                        ? "where its secret is kept is not on record (90 days' grace from "
                                        : "secret kept in "
                                                + storage.name()
                                                        .toLowerCase(java.util.Locale.ROOT)
                                                        .replace('_', ' ')
                                                + ", not an encrypted secret store or KMS");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a version before 2026-04-15 does not judge storage | 2025-01-01T00:00:00Z | LISTED
            an app with every listing removed is left alone    | 2026-11-01T00:00:00Z | REMOVED
            """)
    void storageIsNotJudgedWhereThePolicyDoesNotAskOrTheAppIsGone(String why, String at, ListingState state) {
        OAuthClient plain = new OAuthClient("acme-client", null, null, SecretStorage.SOURCE_CODE, null);

        assertThat(evaluate(new OAuthSecretStorage(), at, app(null, state, plain)))
                .as(why)
                .isEmpty();
    }

    static ScanFinding exposure(String found, @Nullable String fixed, @Nullable String dismissed) {
        ScanFinding f = new ScanFinding(
                ScanFinding.idOf(APP, Hosting.CLOUD, ScanFinding.CLIENT_SECRET_RULE, "0123456789abcdef"),
                APP,
                Hosting.CLOUD,
                ScanFinding.CLIENT_SECRET_RULE,
                "0123456789abcdef",
                "OAuth client secret",
                "app-1.0.0.jar!/app.properties:3",
                "s3cr…(40 chars)",
                "AMS-7",
                Instant.parse(found),
                "1.0.0",
                "1.0.0",
                fixed == null ? null : Instant.parse(fixed),
                fixed == null ? null : "1.0.1",
                dismissed == null
                        ? null
                        : new ScanFinding.Dismissal(Instant.parse(dismissed), "ana", "a test fixture, not a secret"));
        return f;
    }

    // "Enable and exercise secret rotation on a regular cadence ... Rotate immediately if exposure is
    // suspected." (operator-set: within 3 days of the exposure)
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            within the window nothing is due yet                | 2026-09-04T10:00:00Z | 2026-01-01T00:00:00Z | -                    | -                    | -
            not rotated since the exposure, window over          | 2026-09-04T10:00:01Z | 2026-01-01T00:00:00Z | -                    | -                    | 2026-09-04T10:00:00Z
            rotated a day after the exposure                     | 2026-10-01T00:00:00Z | 2026-09-02T09:00:00Z | -                    | -                    | -
            rotated late still ends it                           | 2026-10-01T00:00:00Z | 2026-09-20T00:00:00Z | -                    | -                    | -
            removing the secret from the artifact does not       | 2026-10-01T00:00:00Z | 2026-01-01T00:00:00Z | 2026-09-03T00:00:00Z | -                    | 2026-09-04T10:00:00Z
            a false positive asks for no rotation                | 2026-10-01T00:00:00Z | 2026-01-01T00:00:00Z | -                    | 2026-09-02T00:00:00Z | -
            a rotation recorded after the instant judged is not  | 2026-09-10T00:00:00Z | 2026-09-20T00:00:00Z | -                    | -                    | 2026-09-04T10:00:00Z
            never rotated                                        | 2026-10-01T00:00:00Z | -                    | -                    | -                    | 2026-09-04T10:00:00Z
            """)
    void everyClientIsRotatedSoonAfterASecretOfTheAppIsFoundExposed(
            String why,
            String at,
            @Nullable String rotated,
            @Nullable String fixed,
            @Nullable String dismissed,
            @Nullable String since) {
        OAuthClient client = new OAuthClient(
                "acme-client", null, null, SecretStorage.KMS, rotated == null ? null : Instant.parse(rotated));

        List<Violation> found = evaluate(
                new OAuthSecretExposedNotRotated(),
                at,
                app(null, ListingState.LISTED, client),
                exposure("2026-09-01T10:00:00Z", fixed, dismissed));

        if (since == null) {
            assertThat(found).as(why).isEmpty();
        } else {
            assertThat(found).as(why).singleElement().satisfies(v -> {
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.severity()).isEqualTo(Severity.HIGH);
                assertThat(v.evidence())
                        .startsWith("a client secret found exposed on 2026-09-01; rotation due 2026-09-04 (3 days):"
                                + " client acme-client: ");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a version before 2026-04-15 asks nothing | 2026-01-10T00:00:00Z | 2025-06-01T00:00:00Z
            an exposure found after the instant      | 2026-09-01T00:00:00Z | 2026-09-10T00:00:00Z
            """)
    void rotationAfterExposureIsNotJudgedBeforeItIsAsked(String why, String at, String found) {
        OAuthClient client = new OAuthClient("acme-client", null, null, SecretStorage.KMS, null);

        assertThat(evaluate(
                        new OAuthSecretExposedNotRotated(),
                        at,
                        app(null, ListingState.LISTED, client),
                        exposure(found, null, null)))
                .as(why)
                .isEmpty();
    }
}
