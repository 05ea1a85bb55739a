package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.Tier;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.BountyScope;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Bug bounty scope and the three program rules, named by the sentences of docs/policy section 5. */
class BountyRulesTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-07-01T00:00:00Z"));
    static final PartnerId ACME = PartnerId.of("acme");

    static Partner partner(Tier tier) {
        return new Partner(ACME, "Acme", tier, PartnerStatus.ACTIVE, List.of());
    }

    static App app(String key, boolean paid, long cloudInstalls, Badge... badges) {
        return new App(
                AppKey.of(key),
                key,
                ACME,
                null,
                Set.of(badges),
                List.of(
                        new Listing(Hosting.CLOUD, ListingState.LISTED, paid, cloudInstalls),
                        new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 100_000)),
                List.of());
    }

    static App dataCenterOnly(String key) {
        return new App(
                AppKey.of(key),
                key,
                ACME,
                null,
                Set.of(),
                List.of(new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 9_000)),
                List.of());
    }

    static final List<App> APPS = List.of(
            app("a.top", true, 900),
            app("b.hundred", true, 100),
            app("c.ninety-nine", true, 99),
            app("d.free", false, 50_000),
            dataCenterOnly("e.dc"));

    static List<String> required(Tier tier, List<App> apps) {
        return BountyScope.required(partner(tier), apps, POLICY.bounty()).stream()
                .map(r -> r.app().value())
                .toList();
    }

    static BountyProgram program(
            String id,
            BountyProgram.Visibility visibility,
            @Nullable String publicOn,
            String launchedOn,
            boolean funded,
            @Nullable Double median,
            @Nullable String lastActivity,
            String... apps) {
        return new BountyProgram(
                id,
                ACME,
                "Bugcrowd",
                java.util.Arrays.stream(apps).map(AppKey::of).toList(),
                visibility,
                publicOn == null ? null : LocalDate.parse(publicOn),
                LocalDate.parse(launchedOn),
                funded,
                BountyProgram.Status.ACTIVE,
                median,
                lastActivity == null ? null : LocalDate.parse(lastActivity));
    }

    static List<Violation> evaluate(Rule rule, String at, Tier tier, List<App> apps, BountyProgram... programs) {
        Facts facts = new Facts(
                Instant.parse(at),
                List.of(partner(tier)),
                apps,
                new Breaches(),
                new Obligations(List.of(), List.of(programs), List.of(), List.of(), List.of()));
        return rule.evaluate(facts, POLICY);
    }

    @Test
    void silverNeedsOnlyThePaidCloudAppWithTheMostInstalls() {
        // "Silver: the paid cloud app with the most installs." A free app and a Data Center app do not count.
        assertThat(required(Tier.SILVER, APPS)).containsExactly("a.top");
    }

    @Test
    void goldNeedsEveryPaidCloudAppWithAHundredOrMoreInstalls() {
        // "Gold: every paid cloud app with 100 or more installs." 100 is in, 99 is out.
        assertThat(required(Tier.GOLD, APPS)).containsExactly("a.top", "b.hundred");
    }

    @Test
    void platinumNeedsEveryPaidCloudApp() {
        // "Platinum: every paid cloud app."
        assertThat(required(Tier.PLATINUM, APPS)).containsExactly("a.top", "b.hundred", "c.ninety-nine");
    }

    @Test
    void anyAppWithTheCloudFortifiedBadgeNeedsOneWhateverTheTier() {
        // "Any app with the Cloud Fortified badge needs one too."
        List<App> apps = List.of(app("f.fortified", false, 3, Badge.CLOUD_FORTIFIED), app("g.paid", true, 500));
        assertThat(required(Tier.NONE, apps)).containsExactly("f.fortified");
        List<BountyScope.Requirement> gold = BountyScope.required(partner(Tier.GOLD), apps, POLICY.bounty());
        assertThat(gold).extracting(r -> r.app().value()).containsExactly("f.fortified", "g.paid");
        assertThat(gold.get(0).reasons()).containsExactly("the app has the Cloud Fortified badge");
    }

    @Test
    void aPartnerOutsideTheProgramTiersNeedsNoProgramForPaidApps() {
        assertThat(required(Tier.NONE, APPS)).isEmpty();
    }

    @Test
    void bountyMissingNamesEachUncoveredAppAndWhyAndAnActiveProgramCoversIt() {
        BountyProgram coversTop =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", true, 3.0, "2026-06-20", "a.top");
        List<Violation> found = evaluate(new BountyMissing(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, coversTop);
        assertThat(found).extracting(v -> v.subject().id()).containsExactly("b.hundred");
        assertThat(found.get(0).evidence())
                .isEqualTo("no active bug bounty program covers it; required because Gold partner: a paid Cloud app"
                        + " with 100 installs (100 or more)");

        BountyProgram paused = coversTop.withStatus(BountyProgram.Status.PAUSED);
        assertThat(evaluate(new BountyMissing(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, paused))
                .extracting(v -> v.subject().id())
                .containsExactly("a.top", "b.hundred");
    }

    @Test
    void existingProgramsMustBePublicOrScheduledByTheThirtiethOfJune() {
        // "every program must be public, or scheduled with the platform to go public, by 2026-06-30."
        BountyProgram privateOld =
                program("p1", BountyProgram.Visibility.PRIVATE, null, "2025-03-01", true, 2.0, "2026-06-01", "a.top");
        assertThat(evaluate(new BountyNotPublic(), "2026-06-30T23:59:59Z", Tier.GOLD, APPS, privateOld))
                .isEmpty();
        List<Violation> late = evaluate(new BountyNotPublic(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, privateOld);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).subject()).isEqualTo(new Subject.Program("p1", ACME));
        assertThat(late.get(0).since()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(late.get(0).evidence()).contains("still private").contains("by 2026-06-30");

        BountyProgram scheduled = program(
                "p1", BountyProgram.Visibility.SCHEDULED, "2026-08-01", "2025-03-01", true, 2.0, "2026-06-01", "a.top");
        assertThat(evaluate(new BountyNotPublic(), "2026-07-15T00:00:00Z", Tier.GOLD, APPS, scheduled))
                .isEmpty();
        assertThat(evaluate(new BountyNotPublic(), "2026-08-02T00:00:00Z", Tier.GOLD, APPS, scheduled))
                .extracting(Violation::evidence)
                .singleElement()
                .asString()
                .contains("scheduled to go public on 2026-08-01 and still not public");
    }

    /** "Actively scheduled to go public ... by June 30, 2026": when the scheduling was made counts. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # case                                                       | scheduled on | public on  | judged at            | evidence (empty: none)
            scheduled in June for August: in time                        | 2026-06-15   | 2026-08-01 | 2026-07-15T00:00:00Z |
            scheduled in July for September: too late                    | 2026-07-10   | 2026-09-01 | 2026-07-15T00:00:00Z | scheduled to go public on 2026-09-01 only on 2026-07-10, after the deadline, and still not public
            the same program judged before it was scheduled: private     | 2026-07-10   | 2026-09-01 | 2026-07-05T00:00:00Z | still private (its go-public is scheduled only on 2026-07-10)
            the same program before the deadline: nothing yet            | 2026-07-10   | 2026-09-01 | 2026-06-30T12:00:00Z |
            no date recorded (an older document): taken as in time       |              | 2026-09-01 | 2026-07-15T00:00:00Z |
            scheduled in time, the public date passed, still scheduled   | 2026-06-01   | 2026-07-01 | 2026-07-15T00:00:00Z | scheduled to go public on 2026-07-01 and still not public
            """)
    void aGoPublicScheduledAfterTheDeadlineIsNotInTime(
            String name, String scheduledOn, String publicOn, String at, String evidence) {
        BountyProgram program = new BountyProgram(
                "p1",
                ACME,
                "Bugcrowd",
                List.of(AppKey.of("a.top")),
                BountyProgram.Visibility.SCHEDULED,
                LocalDate.parse(publicOn),
                LocalDate.parse("2025-03-01"),
                true,
                BountyProgram.Status.ACTIVE,
                2.0,
                LocalDate.parse("2026-06-01"),
                scheduledOn == null ? null : LocalDate.parse(scheduledOn));
        List<Violation> found = evaluate(new BountyNotPublic(), at, Tier.GOLD, APPS, program);
        if (evidence == null) {
            assertThat(found).as(name).isEmpty();
        } else {
            assertThat(found).as(name).singleElement().satisfies(v -> {
                assertThat(v.evidence()).contains(evidence).contains("by 2026-06-30");
                assertThat(v.since())
                        .isEqualTo(Instant.parse(
                                evidence.startsWith("scheduled to go public on 2026-07-01")
                                        ? "2026-07-02T00:00:00Z"
                                        : "2026-07-01T00:00:00Z"));
            });
        }
    }

    @Test
    void aGoPublicIsScheduledBetweenLaunchAndThePublicDate() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BountyProgram(
                        "p1",
                        ACME,
                        "Bugcrowd",
                        List.of(AppKey.of("a.top")),
                        BountyProgram.Visibility.SCHEDULED,
                        LocalDate.parse("2026-08-01"),
                        LocalDate.parse("2025-03-01"),
                        true,
                        BountyProgram.Status.ACTIVE,
                        null,
                        null,
                        LocalDate.parse("2026-08-02")))
                .hasMessageContaining("scheduledOn must not be after publicOn");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BountyProgram(
                        "p1",
                        ACME,
                        "Bugcrowd",
                        List.of(AppKey.of("a.top")),
                        BountyProgram.Visibility.PRIVATE,
                        null,
                        LocalDate.parse("2025-03-01"),
                        true,
                        BountyProgram.Status.ACTIVE,
                        null,
                        null,
                        LocalDate.parse("2026-06-02")))
                .hasMessageContaining("a private program is not scheduled");
    }

    @Test
    void programsLaunchedAfterTheFirstOfFebruaryHaveSixMonthsToGoPublic() {
        // "Programs launched after 2026-02-01 start private and have six months to go public."
        BountyProgram young =
                program("p2", BountyProgram.Visibility.PRIVATE, null, "2026-03-10", true, 2.0, "2026-08-01", "a.top");
        assertThat(BountyNotPublic.deadline(young, POLICY.bounty())).isEqualTo(LocalDate.parse("2026-09-10"));
        assertThat(evaluate(new BountyNotPublic(), "2026-09-10T12:00:00Z", Tier.GOLD, APPS, young))
                .isEmpty();
        assertThat(evaluate(new BountyNotPublic(), "2026-09-11T00:00:00Z", Tier.GOLD, APPS, young))
                .hasSize(1);
        // Launched on 2026-02-01 itself is not "after": the 2026-06-30 deadline applies.
        BountyProgram onTheDay =
                program("p3", BountyProgram.Visibility.PRIVATE, null, "2026-02-01", true, 2.0, "2026-06-01", "a.top");
        assertThat(BountyNotPublic.deadline(onTheDay, POLICY.bounty())).isEqualTo(LocalDate.parse("2026-06-30"));
    }

    @Test
    void theEvidenceSaysWhoseFiguresTheJudgementRestsOn() {
        // The partner says 3 days; the platform's submissions say 25, and a last activity long ago.
        BountyProgram reported =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", true, 3.0, "2026-06-20", "a.top");
        assertThat(evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, reported))
                .isEmpty();
        BountyProgram measured =
                reported.withFigures(25.0, LocalDate.parse("2026-03-01"), "computed from 4 submissions");
        assertThat(measured.medianTriageDays()).isEqualTo(25.0);
        assertThat(measured.lastActivityOn()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, measured))
                .singleElement()
                .satisfies(v -> assertThat(v.evidence())
                        .contains("median time to triage 25.0 days (at most 14)")
                        .contains("dormant: no activity since 2026-03-01")
                        .endsWith("(figures computed from 4 submissions)"));
        // Figures not measured keep the partner's, and the partner's are named as such.
        BountyProgram partly = reported.withFigures(null, null, "computed from 0 submissions");
        assertThat(partly.medianTriageDays()).isEqualTo(3.0);
        assertThat(partly.lastActivityOn()).isEqualTo(LocalDate.parse("2026-06-20"));
        BountyProgram slow =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", true, 20.0, "2026-06-20", "a.top");
        assertThat(evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, slow))
                .singleElement()
                .satisfies(v -> assertThat(v.evidence()).endsWith("(figures as reported by the partner)"));
        // Only the unfunded: no figure was judged, none is named.
        BountyProgram unfunded =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", false, 3.0, "2026-06-20", "a.top");
        assertThat(evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, unfunded))
                .singleElement()
                .satisfies(v -> assertThat(v.evidence()).endsWith("not funded"));
    }

    @Test
    void aProgramMustBeFundedTriageInTimeAndNotBeDormant() {
        // "Healthy and active: funded, triaging researcher submissions in time ... median time to triage
        // <= 14 days; a program with no activity for 90 days is dormant."
        BountyProgram healthy =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", true, 14.0, "2026-04-02", "a.top");
        assertThat(evaluate(new BountyUnhealthy(), "2026-06-30T00:00:00Z", Tier.GOLD, APPS, healthy))
                .isEmpty();

        List<Violation> dormant = evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, healthy);
        assertThat(dormant).singleElement().satisfies(v -> {
            assertThat(v.evidence()).contains("dormant: no activity since 2026-04-02 (90 days");
            assertThat(v.since()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        });

        BountyProgram slowUnfunded =
                program("p1", BountyProgram.Visibility.PUBLIC, null, "2025-01-01", false, 14.5, "2026-06-20", "a.top");
        List<Violation> found = evaluate(new BountyUnhealthy(), "2026-07-01T00:00:00Z", Tier.GOLD, APPS, slowUnfunded);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.evidence()).contains("not funded").contains("median time to triage 14.5 days (at most 14)");
            assertThat(v.since()).isNull();
        });
        assertThat(evaluate(
                        new BountyUnhealthy(),
                        "2026-07-01T00:00:00Z",
                        Tier.GOLD,
                        APPS,
                        slowUnfunded.withStatus(BountyProgram.Status.DEACTIVATED)))
                .isEmpty();
    }
}
