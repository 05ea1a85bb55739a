package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.catalog.Tier;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.tickets.TicketType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule, named by the policy sentence it implements. */
class RulesTest {
    static final PolicyVersions VERSIONS = PolicyVersions.builtIn();
    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    static final PolicyVersion POLICY = VERSIONS.inForceAt(NOW);
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");

    static Partner partner(SecurityContact... contacts) {
        return new Partner(ACME, "Acme", Tier.GOLD, PartnerStatus.ACTIVE, List.of(contacts));
    }

    static App app(OAuthClient... clients) {
        return new App(
                APP,
                "App",
                ACME,
                null,
                Set.of(Badge.CLOUD_FORTIFIED),
                List.of(
                        new Listing(Hosting.CLOUD, ListingState.LISTED, true, 500),
                        new Listing(Hosting.DATA_CENTER, ListingState.LISTED, true, 50)),
                List.of(clients));
    }

    static TicketState state(
            String key, TicketType type, Hosting hosting, double score, String reported, TicketEvent... more) {
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketEvent.Reported(Instant.parse(reported), "analyst", null, score, null));
        events.addAll(List.of(more));
        Ticket ticket = new Ticket(TicketKey.of(key), type, APP, hosting, "finding", events);
        return TicketClock.at(ticket, VERSIONS, NOW).orElseThrow();
    }

    static Facts facts(List<Partner> partners, List<App> apps, TicketState... tickets) {
        return Facts.of(NOW, partners, apps, List.of(tickets));
    }

    static final SecurityContact REACHABLE = new SecurityContact("Ana", "sec@acme.example", true);

    @Test
    void vulnOverdueOneViolationPerListingSinceTheFirstBreachListingEveryTicket() {
        // "Overdue: a ticket not PATCHED/DUPLICATE/NOT_APPLICABLE past its due date. Missing a due date is
        // what the enforcement section calls an 'SLO breach'."
        TicketState critical = state("AMS-412", TicketType.SCANNER, Hosting.CLOUD, 9.8, "2026-05-01T00:00:00Z");
        TicketState medium = state("AMS-7", TicketType.SCANNER, Hosting.CLOUD, 5.0, "2026-02-01T00:00:00Z");
        TicketState onTime = state("AMS-8", TicketType.SCANNER, Hosting.DATA_CENTER, 9.8, "2026-06-20T00:00:00Z");

        List<Violation> violations = new VulnOverdue()
                .evaluate(facts(List.of(partner(REACHABLE)), List.of(app()), critical, medium, onTime), POLICY);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("VULN-OVERDUE");
            assertThat(v.subject()).isEqualTo(new Subject.Listing(APP, Hosting.CLOUD, ACME));
            assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
            // AMS-7: Medium reported 1 Feb under 2023-10-08 (56 days) is due 29 March.
            assertThat(v.since()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
            assertThat(v.evidence())
                    .isEqualTo("AMS-7, Medium, due 2026-03-29, 94 days overdue; "
                            + "AMS-412, Critical, due 2026-05-11, 51 days overdue");
            assertThat(v.policyVersion()).isEqualTo("2026-04-15");
        });
    }

    @Test
    void evidenceNamesTheFirstFiveTicketsByDueDateAndCountsTheRest() {
        List<TicketState> many = new ArrayList<>();
        // Arriving out of order, as a stream does; AMS-9 and AMS-10 share a due date.
        for (int i : new int[] {7, 3, 8, 1, 6, 2, 5, 4}) {
            many.add(state("AMS-" + i, TicketType.SCANNER, Hosting.CLOUD, 9.8, "2026-05-0" + i + "T00:00:00Z"));
        }
        many.add(state("AMS-10", TicketType.SCANNER, Hosting.CLOUD, 9.8, "2026-05-01T00:00:00Z"));
        many.add(state("AMS-9", TicketType.SCANNER, Hosting.CLOUD, 9.8, "2026-05-01T00:00:00Z"));
        Facts facts = Facts.of(NOW, List.of(partner(REACHABLE)), List.of(app()), many);

        assertThat(new VulnOverdue().evaluate(facts, POLICY))
                .singleElement()
                .satisfies(v -> assertThat(v.evidence())
                        .isEqualTo("AMS-1, Critical, due 2026-05-11, 51 days overdue; "
                                + "AMS-9, Critical, due 2026-05-11, 51 days overdue; "
                                + "AMS-10, Critical, due 2026-05-11, 51 days overdue; "
                                + "AMS-2, Critical, due 2026-05-12, 50 days overdue; "
                                + "AMS-3, Critical, due 2026-05-13, 49 days overdue; and 5 more"));
    }

    @Test
    void closedTicketsBreakNoRule() {
        TicketState fixed = state(
                "AMS-9",
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                "2026-05-01T00:00:00Z",
                new TicketEvent.VerifiedPatched(Instant.parse("2026-05-20T00:00:00Z"), "analyst", null));
        assertThat(Breaches.matters(fixed)).isFalse();
        assertThat(Rules.evaluate(facts(List.of(partner(REACHABLE)), List.of(app()), fixed), POLICY))
                .extracting(Violation::rule)
                .containsExactly(
                        "BOUNTY-MISSING"); // the Gold, Cloud Fortified app has no program: not a ticket's doing
    }

    @Test
    void vulnTriageOverdueWhenTheTwoWeekWindowPassesUntriaged() {
        // "Bug bounty findings have a two-week (14-day) triage window."
        TicketState untriaged = state("AMS-20", TicketType.BUG_BOUNTY, Hosting.CLOUD, 7.5, "2026-06-10T00:00:00Z");
        TicketState inWindow = state("AMS-21", TicketType.BUG_BOUNTY, Hosting.DATA_CENTER, 7.5, "2026-06-20T00:00:00Z");

        List<Violation> violations = new VulnTriageOverdue()
                .evaluate(facts(List.of(partner(REACHABLE)), List.of(app()), untriaged, inWindow), POLICY);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.subject().id()).isEqualTo("com.acme.app/CLOUD");
            assertThat(v.since()).isEqualTo(Instant.parse("2026-06-24T00:00:00Z"));
            assertThat(v.evidence()).isEqualTo("AMS-20, High, triage due 2026-06-24, 7 days late");
        });
    }

    @Test
    void contactMissingWithNoContactOrNoneWithAnEcosystemAccount() {
        // "every partner needs at least one, with an active account on the operator's ecosystem tracker"
        Partner none = partner();
        Partner unreachable = new Partner(
                PartnerId.of("zed"),
                "Zed",
                Tier.NONE,
                PartnerStatus.ACTIVE,
                List.of(new SecurityContact("Zed", "z@zed.example", false)));
        Partner fine = new Partner(PartnerId.of("fine"), "Fine", Tier.NONE, null, List.of(REACHABLE));
        Partner terminated = new Partner(PartnerId.of("gone"), "Gone", Tier.NONE, PartnerStatus.TERMINATED, List.of());

        List<Violation> violations =
                new ContactMissing().evaluate(facts(List.of(none, unreachable, fine, terminated), List.of()), POLICY);

        assertThat(violations).extracting(v -> v.subject().id()).containsExactly("acme", "zed");
        assertThat(violations.get(0).evidence()).isEqualTo("Acme has no security contact");
        assertThat(violations.get(1).evidence()).contains("none with an active ecosystem account (z@zed.example)");
        assertThat(violations.get(0).since())
                .as("the facts do not tell when it began")
                .isNull();
    }

    @Test
    void oauthSecretNotRotatedWithinTheCadence() {
        // "rotated on a regular cadence (default we chose: every 365 days ...)"
        OAuthClient stale =
                new OAuthClient("stale-client", null, null, SecretStorage.KMS, Instant.parse("2025-03-01T00:00:00Z"));
        OAuthClient fresh =
                new OAuthClient("fresh-client", null, null, SecretStorage.KMS, Instant.parse("2026-01-01T00:00:00Z"));
        OAuthClient unknown = new OAuthClient("unknown-client", null, null, SecretStorage.UNKNOWN, null);

        List<Violation> stalePlusFresh =
                new OAuthSecretNotRotated().evaluate(facts(List.of(), List.of(app(stale, fresh))), POLICY);
        List<Violation> neverRotated =
                new OAuthSecretNotRotated().evaluate(facts(List.of(), List.of(app(unknown))), POLICY);
        List<Violation> allFresh = new OAuthSecretNotRotated().evaluate(facts(List.of(), List.of(app(fresh))), POLICY);

        assertThat(stalePlusFresh).singleElement().satisfies(v -> {
            assertThat(v.subject()).isEqualTo(new Subject.App(APP, ACME));
            assertThat(v.since()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
            assertThat(v.evidence())
                    .isEqualTo(
                            "client stale-client: secret last rotated 2025-03-01, 487 days ago (rotate every 365 days)");
        });
        assertThat(neverRotated.get(0).evidence()).isEqualTo("client unknown-client: no rotation on record");
        assertThat(allFresh).isEmpty();
    }

    @Test
    void theSameFactsAlwaysGiveTheSameViolationsInOneOrder() {
        TicketState a = state("AMS-1", TicketType.SCANNER, Hosting.CLOUD, 9.8, "2026-05-01T00:00:00Z");
        TicketState b = state("AMS-2", TicketType.BUG_BOUNTY, Hosting.DATA_CENTER, 9.8, "2026-05-01T00:00:00Z");
        Facts facts = facts(List.of(partner()), List.of(app(new OAuthClient("c-1234", null, null, null, null))), a, b);

        List<Violation> once = Rules.evaluate(facts, POLICY);
        List<Violation> twice = Rules.evaluate(
                facts(List.of(partner()), List.of(app(new OAuthClient("c-1234", null, null, null, null))), b, a),
                POLICY);

        assertThat(once).isEqualTo(twice);
        assertThat(once)
                .extracting(Violation::rule)
                .containsExactly(
                        "BOUNTY-MISSING",
                        "CONTACT-MISSING",
                        "OAUTH-SECRET-NOT-ROTATED",
                        "TICKET-ACK-OVERDUE",
                        "TICKET-ACK-OVERDUE",
                        "VULN-OVERDUE",
                        "VULN-TRIAGE-OVERDUE");
    }
}
