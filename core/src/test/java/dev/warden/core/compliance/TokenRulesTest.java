package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user API token rules, named by the sentences of docs/policy section 6. */
class TokenRulesTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-07-01T00:00:00Z"));
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");

    static App app(@Nullable String firstListed) {
        return new App(
                APP,
                "App",
                ACME,
                firstListed == null ? null : LocalDate.parse(firstListed),
                Set.of(),
                List.of(new Listing(Hosting.CLOUD, ListingState.LISTED, true, 10)),
                List.of());
    }

    static final TokenUse.Declaration COLLECTS =
            new TokenUse.Declaration(true, false, false, Instant.parse("2026-03-01T00:00:00Z"));
    static final TokenUse.Declaration NOTHING =
            new TokenUse.Declaration(false, false, false, Instant.parse("2026-03-01T00:00:00Z"));
    static final TokenUse.ScanEvidence FOUND = new TokenUse.ScanEvidence(
            Instant.parse("2026-05-02T00:00:00Z"),
            "app-1.4.0.jar",
            List.of(new TokenUse.Finding("pat-collection", "app-1.4.0.jar!/settings.html:12", null)));

    static List<Violation> evaluate(Rule rule, String at, App app, TokenUse use) {
        Facts facts = new Facts(
                Instant.parse(at),
                List.of(),
                List.of(app),
                new Breaches(),
                new Obligations(List.of(), List.of(), List.of(), List.of(), List.of(use)));
        return rule.evaluate(facts, POLICY);
    }

    @Test
    void existingAppsMustFinishMigratingByTheEndOfJune() {
        // "Existing apps must finish migrating (to OAuth or the platform's own auth) by the end of Q2 2026
        // (2026-06-30)"
        TokenUse use = new TokenUse(APP, COLLECTS, TokenUse.Migration.IN_PROGRESS, null, null);
        assertThat(evaluate(new PatCollection(), "2026-06-30T23:59:59Z", app("2020-01-01"), use))
                .isEmpty();
        List<Violation> found = evaluate(new PatCollection(), "2026-07-01T00:00:00Z", app("2020-01-01"), use);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.since()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
            assertThat(v.evidence())
                    .isEqualTo("declared: collects user API tokens; migration in progress; existing apps had until"
                            + " 2026-06-30");
        });
        TokenUse migrated = new TokenUse(APP, NOTHING, TokenUse.Migration.MIGRATED, null, null);
        assertThat(evaluate(new PatCollection(), "2026-07-01T00:00:00Z", app("2020-01-01"), migrated))
                .isEmpty();
    }

    // "While that platform work is in progress, your migration window will be extended accordingly":
    // judged as of an instant, each part of the record counts from its date.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            platform work still open then                     | 2026-07-15T00:00:00Z | 2026-08-01T00:00:00Z | -                    | -
            closed on 1 August: late from then                | 2026-08-02T00:00:00Z | 2026-08-01T00:00:00Z | -                    | 2026-08-01T00:00:00Z
            closed before the deadline: late from the deadline | 2026-07-02T00:00:00Z | 2026-06-20T00:00:00Z | -                    | 2026-07-01T00:00:00Z
            migrated after the instant: still in progress      | 2026-07-15T00:00:00Z | 2026-06-20T00:00:00Z | 2026-09-01T00:00:00Z | 2026-07-01T00:00:00Z
            """)
    void theRecordIsJudgedAsItStoodAtTheInstant(
            String why, String at, String closed, @Nullable String migrated, @Nullable String since) {
        TokenUse.Extension extension =
                new TokenUse.Extension("ECO-1412", false, Instant.parse("2026-06-01T00:00:00Z"), Instant.parse(closed));
        TokenUse use = new TokenUse(
                APP,
                COLLECTS,
                migrated == null ? TokenUse.Migration.IN_PROGRESS : TokenUse.Migration.MIGRATED,
                extension,
                null,
                migrated == null ? null : Instant.parse(migrated));

        List<Violation> found = evaluate(new PatCollection(), at, app("2020-01-01"), use);

        if (since == null) {
            assertThat(found).as(why).isEmpty();
        } else {
            assertThat(found).as(why).singleElement().satisfies(v -> {
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.evidence())
                        .contains("migration in progress")
                        .contains("platform request ECO-1412 closed " + closed.substring(0, 10));
            });
        }
    }

    @Test
    void aRecordGivesTheDatesOnlyOfWhatHappened() {
        assertThatThrownBy(() -> new TokenUse(
                        APP,
                        COLLECTS,
                        TokenUse.Migration.IN_PROGRESS,
                        null,
                        null,
                        Instant.parse("2026-06-01T00:00:00Z")))
                .hasMessageContaining("migratedAt is given only for a MIGRATED migration");
        assertThatThrownBy(() -> new TokenUse.Extension(
                        "ECO-1", true, Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z")))
                .hasMessageContaining("closedAt is given only for a closed extension");
        TokenUse later = new TokenUse(APP, COLLECTS, TokenUse.Migration.NOT_STARTED, null, FOUND);
        assertThat(later.asOf(Instant.parse("2026-02-01T00:00:00Z")).handlesTokens())
                .as("declared and scanned after the instant: nothing known then")
                .isFalse();
    }

    @Test
    void theWindowIsExtendedWhilePlatformWorkIsOpen() {
        // "where the needed API exists only for tokens, the partner can ask for platform work and the
        // window is extended while that work is open"
        TokenUse.Extension open = new TokenUse.Extension("ECO-1412", true, Instant.parse("2026-05-01T00:00:00Z"));
        TokenUse extended = new TokenUse(APP, COLLECTS, TokenUse.Migration.IN_PROGRESS, open, null);
        assertThat(evaluate(new PatCollection(), "2026-09-01T00:00:00Z", app("2020-01-01"), extended))
                .isEmpty();
        TokenUse closed = new TokenUse(
                APP,
                COLLECTS,
                TokenUse.Migration.IN_PROGRESS,
                new TokenUse.Extension("ECO-1412", false, open.requestedAt()),
                null);
        assertThat(evaluate(new PatCollection(), "2026-09-01T00:00:00Z", app("2020-01-01"), closed))
                .extracting(Violation::evidence)
                .singleElement()
                .asString()
                .endsWith("(platform request ECO-1412 is closed)");
    }

    @Test
    void newAppsMustComplyAtOnceWithoutAnExtension() {
        // "New apps submitted after the policy must comply before approval."
        TokenUse.Extension open = new TokenUse.Extension("ECO-9", true, Instant.parse("2026-05-01T00:00:00Z"));
        TokenUse use = new TokenUse(APP, null, TokenUse.Migration.NOT_STARTED, open, FOUND);
        assertThat(evaluate(new PatCollection(), "2026-05-20T00:00:00Z", app("2026-05-10"), use))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.since()).isEqualTo(Instant.parse("2026-05-10T00:00:00Z"));
                    assertThat(v.evidence()).contains("a new app (first listed 2026-05-10) must comply at once");
                    assertThat(v.evidence()).contains("pat-collection at app-1.4.0.jar!/settings.html:12");
                });
        // Listed the day before the policy took effect: an existing app, with the window to 2026-06-30.
        assertThat(evaluate(new PatCollection(), "2026-05-20T00:00:00Z", app("2026-04-14"), use))
                .isEmpty();
    }

    @Test
    void aDeclarationOfNoTokensContradictedByTheScanIsAMismatch() {
        // Signals: "the partner's own disclosure (security questionnaire / Privacy & Security tab) and the
        // scanner"; DISCLOSURE-MISMATCH: "what the partner declared contradicts what Warden observed".
        TokenUse contradicted = new TokenUse(APP, NOTHING, TokenUse.Migration.MIGRATED, null, FOUND);
        List<Violation> found =
                evaluate(new DisclosureMismatch(), "2026-05-20T00:00:00Z", app("2020-01-01"), contradicted);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.since()).isEqualTo(FOUND.scannedAt());
            assertThat(v.evidence()).startsWith("declared on 2026-03-01 that the app does not collect");
        });
        TokenUse honest = new TokenUse(APP, COLLECTS, TokenUse.Migration.IN_PROGRESS, null, FOUND);
        assertThat(evaluate(new DisclosureMismatch(), "2026-05-20T00:00:00Z", app("2020-01-01"), honest))
                .isEmpty();
        TokenUse cleanScan = new TokenUse(
                APP,
                NOTHING,
                TokenUse.Migration.MIGRATED,
                null,
                new TokenUse.ScanEvidence(FOUND.scannedAt(), "app-1.5.0.jar", List.of()));
        assertThat(evaluate(new DisclosureMismatch(), "2026-05-20T00:00:00Z", app("2020-01-01"), cleanScan))
                .isEmpty();
    }
}
