package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentCategory;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.tickets.TicketType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cloud Fortified eligibility and {@code BADGE-REQUIREMENTS-UNMET}, named by the policy: participation in
 * the bug bounty program "is also a prerequisite for Cloud Fortified approval" (section 5), and badges are
 * revoked "while requirements are unmet" (section 8). No overdue High or Critical ticket, no open incident
 * and a yearly review are operator-set in the built-in 2026-04-15 version.
 */
class BadgeEligibilityTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(NOW);
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.fortress");
    static final App FORTRESS = new App(
            APP,
            "Fortress",
            ACME,
            LocalDate.parse("2022-01-01"),
            Set.of(Badge.CLOUD_FORTIFIED),
            List.of(new Listing(Hosting.CLOUD, ListingState.LISTED, true, 5000)),
            List.of());

    static BountyProgram program(BountyProgram.Status status, boolean funded, String lastActivity) {
        return new BountyProgram(
                "BB-1",
                ACME,
                "Bugcrowd",
                List.of(APP),
                BountyProgram.Visibility.PUBLIC,
                null,
                LocalDate.parse("2024-01-01"),
                funded,
                status,
                6.0,
                LocalDate.parse(lastActivity));
    }

    static BadgeAward awarded(String at) {
        return new BadgeAward(
                APP,
                Badge.CLOUD_FORTIFIED,
                List.of(
                        new BadgeAward.Event(
                                BadgeAward.Type.APPLIED, Instant.parse(at).minusSeconds(86400), "pat", null),
                        new BadgeAward.Event(BadgeAward.Type.AWARDED, Instant.parse(at), "ian", null)));
    }

    static TicketState overdue(String key, double score) {
        Ticket ticket = new Ticket(
                TicketKey.of(key),
                TicketType.SCANNER,
                APP,
                Hosting.CLOUD,
                "finding",
                List.of(new TicketEvent.Reported(Instant.parse("2026-06-01T00:00:00Z"), "analyst", null, score, null)));
        return TicketClock.at(ticket, PolicyVersions.builtIn(), NOW).orElseThrow();
    }

    static Incident openIncident() {
        return new Incident(
                "INC-1",
                ACME,
                List.of(APP),
                IncidentCategory.DATA_EXPOSURE,
                "Export readable by other tenants",
                Instant.parse("2026-10-30T00:00:00Z"),
                Instant.parse("2026-10-30T06:00:00Z"),
                false,
                0,
                List.of());
    }

    static Facts facts(
            List<BountyProgram> programs, List<Incident> incidents, List<TicketState> tickets, BadgeAward award) {
        Breaches breaches = Breaches.of(tickets);
        return new Facts(
                NOW,
                List.of(new Partner(ACME, "Acme", Tier.GOLD, PartnerStatus.ACTIVE, List.of())),
                List.of(FORTRESS),
                breaches,
                new Obligations(
                        incidents,
                        programs,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(award),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | program  | funded | last activity | ticket CVSS | open incident | awarded              | unmet (empty: eligible)
            an active, healthy program and nothing else amiss  | ACTIVE   | true   | 2026-10-20    | 0           | false         | 2026-03-01T00:00:00Z |
            no program covering the app                         | NONE     | true   | 2026-10-20    | 0           | false         | 2026-03-01T00:00:00Z | no bug bounty program covers the app
            the program was paused                              | PAUSED   | true   | 2026-10-20    | 0           | false         | 2026-03-01T00:00:00Z | no active bug bounty program covers the app: BB-1 PAUSED
            the program is unfunded                             | ACTIVE   | false  | 2026-10-20    | 0           | false         | 2026-03-01T00:00:00Z | bug bounty program BB-1 is unhealthy: not funded
            the program is dormant (90 days without activity)   | ACTIVE   | true   | 2026-07-01    | 0           | false         | 2026-03-01T00:00:00Z | dormant: no activity since 2026-07-01
            an overdue High ticket                              | ACTIVE   | true   | 2026-10-20    | 7.5         | false         | 2026-03-01T00:00:00Z | overdue HIGH or worse tickets on the Cloud listing: AMS-9 (HIGH)
            an overdue Medium ticket is not an overdue High     | ACTIVE   | true   | 2026-10-20    | 5.0         | false         | 2026-03-01T00:00:00Z | SLA attainment over the last 12 months is 0% (0 of 1 tickets due on the Cloud listing fixed by their due date; at least 90% asked)
            an open incident naming the app                     | ACTIVE   | true   | 2026-10-20    | 0           | true          | 2026-03-01T00:00:00Z | open incident INC-1 (Export readable by other tenants)
            awarded twelve months ago to the day                | ACTIVE   | true   | 2026-10-20    | 0           | false         | 2025-11-01T00:00:00Z |
            the annual review is overdue                        | ACTIVE   | true   | 2026-10-20    | 0           | false         | 2025-10-31T00:00:00Z | annual review overdue: last reviewed 2025-10-31, due by 2026-10-31
            """)
    void judgesEachRequirement(
            String name,
            String program,
            boolean funded,
            String lastActivity,
            double score,
            boolean incident,
            String awardedAt,
            String unmet) {
        List<BountyProgram> programs = program.equals("NONE")
                ? List.of()
                : List.of(program(BountyProgram.Status.valueOf(program), funded, lastActivity));
        List<TicketState> tickets = new ArrayList<>();
        if (score > 0) {
            tickets.add(overdue("AMS-9", score));
        }
        BadgeAward award = awarded(awardedAt);
        Facts facts = facts(programs, incident ? List.of(openIncident()) : List.of(), tickets, award);
        List<String> found = BadgeEligibility.unmet(FORTRESS, facts, POLICY, award);
        List<Violation> violations = new BadgeRequirementsUnmet().evaluate(facts, POLICY);
        if (unmet == null) {
            assertThat(found).as(name).isEmpty();
            assertThat(violations).as(name).isEmpty();
        } else {
            assertThat(String.join("; ", found)).as(name).contains(unmet);
            assertThat(violations).as(name).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("BADGE-REQUIREMENTS-UNMET");
                assertThat(v.subject()).isEqualTo(new Subject.App(APP, ACME));
                assertThat(v.since())
                        .as("the notice window counts from the first evaluation that sees it")
                        .isNull();
                assertThat(v.evidence())
                        .startsWith("Fortress (CLOUD_FORTIFIED): ")
                        .contains(unmet);
            });
        }
    }

    /**
     * A Critical Cloud ticket (due 10 days after it is reported) reported {@code daysAgo} before now, fixed
     * {@code fixedAfterDays} after it was reported (negative: still open), on a listing.
     */
    static TicketState critical(int n, Hosting hosting, int daysAgo, int fixedAfterDays, boolean duplicate) {
        Instant reported = NOW.minus(java.time.Duration.ofDays(daysAgo));
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketEvent.Reported(reported, "analyst", null, 9.5, null));
        if (duplicate) {
            events.add(new TicketEvent.MarkedDuplicate(
                    reported.plus(java.time.Duration.ofDays(15)), "analyst", TicketKey.of("AMS-1"), "same"));
        }
        if (fixedAfterDays >= 0 && !duplicate) {
            Instant fixed = reported.plus(java.time.Duration.ofDays(fixedAfterDays));
            events.add(new TicketEvent.Released(fixed, "pat", null));
            events.add(new TicketEvent.VerifiedPatched(fixed, "analyst", null));
        }
        Ticket ticket = new Ticket(TicketKey.of("AMS-" + (100 + n)), TicketType.SCANNER, APP, hosting, "t" + n, events);
        return TicketClock.at(ticket, PolicyVersions.builtIn(), NOW).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case ("SLA attainment over the last year", at least 90% operator-set) | in time | late | extra                 | SLA unmet (empty: met)
            nine of ten fixed in time is 90%, enough                                  | 9       | 1    |                       |
            eight of ten fixed in time is 80%, not enough                             | 8       | 2    |                       | SLA attainment over the last 12 months is 80% (8 of 10 tickets due on the Cloud listing fixed by their due date; at least 90% asked)
            no ticket came due: nothing to attain                                     | 0       | 0    |                       |
            a ticket still open past its due date is missed                           | 8       | 1    | open                  | 80% (8 of 10
            a ticket that came due more than a year ago does not count                | 9       | 1    | late a year ago       |
            a duplicate, even one marked late, does not count                                               | 9       | 1    | late duplicate        |
            a ticket not due yet does not count                                       | 9       | 1    | not due yet           |
            the Data Center listing's tickets do not count for a Cloud badge          | 9       | 1    | late on Data Center   |
            """)
    void judgesSlaAttainmentOverTheLastYear(String name, int inTime, int late, String extra, String unmet) {
        List<TicketState> tickets = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < inTime; i++) {
            tickets.add(critical(n++, Hosting.CLOUD, 30 + i, 5, false));
        }
        for (int i = 0; i < late; i++) {
            tickets.add(critical(n++, Hosting.CLOUD, 60 + i, 15, false));
        }
        if (extra != null) {
            switch (extra) {
                case "open" -> tickets.add(critical(n, Hosting.CLOUD, 20, -1, false));
                case "late a year ago" -> tickets.add(critical(n, Hosting.CLOUD, 400, 30, false));
                case "late duplicate" -> tickets.add(critical(n, Hosting.CLOUD, 60, -1, true));
                case "not due yet" -> tickets.add(critical(n, Hosting.CLOUD, 3, -1, false));
                case "late on Data Center" -> tickets.add(critical(n, Hosting.DATA_CENTER, 200, 100, false));
                default -> throw new IllegalArgumentException(extra);
            }
        }
        BadgeAward award = awarded("2026-03-01T00:00:00Z");
        List<String> sla = BadgeEligibility.unmet(
                        FORTRESS,
                        facts(
                                List.of(program(BountyProgram.Status.ACTIVE, true, "2026-10-20")),
                                List.of(),
                                tickets,
                                award),
                        POLICY,
                        award)
                .stream()
                .filter(u -> u.startsWith("SLA"))
                .toList();
        if (unmet == null) {
            assertThat(sla).as(name).isEmpty();
        } else {
            assertThat(sla).as(name).singleElement().asString().contains(unmet);
        }
    }

    @Test
    void onlyAnAwardInForceIsJudgedAndARevokedBadgeStaysAwarded() {
        BountyProgram paused = program(BountyProgram.Status.PAUSED, true, "2026-10-20");
        BadgeAward applied = new BadgeAward(
                APP,
                Badge.CLOUD_FORTIFIED,
                List.of(new BadgeAward.Event(
                        BadgeAward.Type.APPLIED, Instant.parse("2026-10-01T00:00:00Z"), "pat", null)));
        assertThat(new BadgeRequirementsUnmet().evaluate(facts(List.of(paused), List.of(), List.of(), applied), POLICY))
                .as("an application is judged by the analyst, not by the rule")
                .isEmpty();
        // Enforcement revokes the badge on the listing; the award stands, so the rule still sees the app.
        App revoked = new App(APP, "Fortress", ACME, null, Set.of(), FORTRESS.listings(), List.of());
        BadgeAward award = awarded("2026-03-01T00:00:00Z");
        Facts facts = new Facts(
                NOW,
                List.of(),
                List.of(revoked),
                new Breaches(),
                new Obligations(
                        List.of(),
                        List.of(paused),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(award),
                        List.of()));
        assertThat(new BadgeRequirementsUnmet().evaluate(facts, POLICY)).hasSize(1);
        BadgeAward later = award.with(new BadgeAward.Event(
                BadgeAward.Type.WITHDRAWN, Instant.parse("2026-12-01T00:00:00Z"), "ian", "Left the program"));
        assertThat(later.asOf(NOW).state()).as("judged as it stood").isEqualTo(BadgeAward.State.AWARDED);
        assertThat(later.state()).isEqualTo(BadgeAward.State.WITHDRAWN);
    }

    @Test
    void theLifecycleKeepsItsOrder() {
        BadgeAward none = new BadgeAward(APP, Badge.CLOUD_FORTIFIED, List.of());
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        assertThatThrownBy(() -> none.with(new BadgeAward.Event(BadgeAward.Type.AWARDED, t, "ian", null)))
                .hasMessageContaining("cannot award a badge that is none");
        BadgeAward applied = none.with(new BadgeAward.Event(BadgeAward.Type.APPLIED, t, "pat", null));
        assertThatThrownBy(() -> applied.with(new BadgeAward.Event(BadgeAward.Type.REJECTED, t, "ian", null)))
                .hasMessageContaining("needs a note");
        BadgeAward rejected =
                applied.with(new BadgeAward.Event(BadgeAward.Type.REJECTED, t, "ian", "No bug bounty program yet"));
        assertThat(rejected.state()).isEqualTo(BadgeAward.State.REJECTED);
        assertThat(rejected.with(new BadgeAward.Event(BadgeAward.Type.APPLIED, t.plusSeconds(60), "pat", null))
                        .state())
                .as("the partner applies again")
                .isEqualTo(BadgeAward.State.APPLIED);
        assertThatThrownBy(() -> new BadgeAward(APP, Badge.RUNS_ON_ATLASSIAN, List.of()))
                .hasMessageContaining("CLOUD_FORTIFIED");
    }
}
