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
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.ScopeReview;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Audit scope usage periodically to confirm it still matches what your app actually does" (section 3). */
class ScopeReviewRulesTest {
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");

    static App app(String listed, ListingState state, List<String> scopes) {
        return new App(
                APP,
                "App",
                ACME,
                LocalDate.parse(listed),
                Set.of(),
                List.of(new Listing(Hosting.CLOUD, state, true, 10)),
                List.of(new OAuthClient("acme-client", null, scopes, SecretStorage.KMS, null)));
    }

    static ScanFinding unused(String scope) {
        String fingerprint = String.format("%016x", scope.hashCode() & 0xffffffffL);
        return new ScanFinding(
                ScanFinding.idOf(APP, Hosting.CLOUD, ScanFinding.SCOPE_RULE, fingerprint),
                APP,
                Hosting.CLOUD,
                ScanFinding.SCOPE_RULE,
                fingerprint,
                "scope requested but not used",
                "app-2.0.0.jar!/atlassian-connect.json",
                scope,
                null,
                Instant.parse("2026-06-01T00:00:00Z"),
                "2.0.0",
                "2.0.0",
                null,
                null,
                null);
    }

    static List<Violation> evaluate(String at, App app, List<ScopeReview> reviews, ScanFinding... findings) {
        Instant asOf = Instant.parse(at);
        Facts facts = new Facts(
                asOf,
                List.of(),
                List.of(app),
                new Breaches(),
                new Obligations(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(findings),
                        List.of(),
                        List.of(),
                        List.of(),
                        reviews));
        return new OAuthScopeReviewStale()
                .evaluate(facts, PolicyVersions.builtIn().inForceAt(asOf));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            listed before the policy, no review: a year from the policy | 2020-01-01 | -                    | 2027-04-15T00:00:00Z | -
            listed before the policy, no review, a second late          | 2020-01-01 | -                    | 2027-04-15T00:00:01Z | 2027-04-15T00:00:00Z
            listed after the policy: a year from the listing             | 2026-09-01 | -                    | 2027-09-01T00:00:01Z | 2027-09-01T00:00:00Z
            reviewed: current for twelve months                          | 2020-01-01 | 2026-05-01T10:00:00Z | 2027-05-01T10:00:00Z | -
            reviewed: stale the moment after                             | 2020-01-01 | 2026-05-01T10:00:00Z | 2027-05-01T10:00:01Z | 2027-05-01T10:00:00Z
            a review made after the instant does not count               | 2020-01-01 | 2027-06-01T00:00:00Z | 2027-05-01T00:00:00Z | 2027-04-15T00:00:00Z
            """)
    void theScopesAreReviewedAtLeastEveryTwelveMonths(
            String why, String listed, @Nullable String reviewed, String at, @Nullable String since) {
        List<ScopeReview> reviews = reviewed == null
                ? List.of()
                : List.of(new ScopeReview(
                        APP,
                        List.of(new ScopeReview.Review(
                                Instant.parse(reviewed),
                                "sec@acme.example",
                                List.of("read:jira-work"),
                                List.of(),
                                null))));

        List<Violation> found = evaluate(at, app(listed, ListingState.LISTED, List.of("read:jira-work")), reviews);

        if (since == null) {
            assertThat(found).as(why).isEmpty();
        } else {
            assertThat(found).as(why).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("OAUTH-SCOPE-REVIEW-STALE");
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.severity()).isEqualTo(Severity.LOW);
                assertThat(v.evidence()).contains("(every 12 months)");
            });
        }
    }

    @Test
    void theScannersUnusedScopesFeedTheEvidence() {
        List<Violation> found = evaluate(
                "2027-05-01T00:00:00Z",
                app("2020-01-01", ListingState.LISTED, List.of("read:jira-work", "write:jira-work", "manage:jira")),
                List.of(),
                unused("write:jira-work"),
                unused("manage:jira"));

        assertThat(found)
                .singleElement()
                .extracting(Violation::evidence)
                .isEqualTo("no review of the app's scopes on record (the requirement reached it 2026-04-15); due"
                        + " 2027-04-15 (every 12 months); the scanner finds requested but unused: manage:jira,"
                        + " write:jira-work");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an app requesting no scopes has nothing to review | LISTED  | false
            an app with every listing removed is left alone   | REMOVED | true
            """)
    void appsWithNothingToReviewAreLeftAlone(String why, ListingState state, boolean scopes) {
        App app = app("2020-01-01", state, scopes ? List.of("read:jira-work") : List.of());

        assertThat(evaluate("2028-01-01T00:00:00Z", app, List.of())).as(why).isEmpty();
    }

    @Test
    void aReviewNamesWhatItKeptOrRemovedAndReviewsComeInOrder() {
        Instant at = Instant.parse("2026-05-01T00:00:00Z");
        assertThatThrownBy(() -> new ScopeReview.Review(at, "me", List.of(), List.of(), null))
                .hasMessageContaining("names the scopes it kept or removed");
        assertThatThrownBy(() -> new ScopeReview.Review(at, "me", List.of("a:b"), List.of("a:b"), null))
                .hasMessageContaining("kept or removed, not both");
        assertThatThrownBy(() -> new ScopeReview.Review(at, "me", List.of("read jira"), List.of(), null))
                .hasMessageContaining("is not a scope");
        ScopeReview.Review first = new ScopeReview.Review(at, "me", List.of("a:b"), List.of(), null);
        ScopeReview.Review earlier = new ScopeReview.Review(at.minusSeconds(1), "me", List.of("a:b"), List.of(), null);
        assertThatThrownBy(() -> new ScopeReview(APP, List.of(first)).with(earlier))
                .hasMessageContaining("in the order they were made");
    }
}
