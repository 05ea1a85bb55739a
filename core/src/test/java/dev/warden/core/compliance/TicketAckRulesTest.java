package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Partners should acknowledge and triage AMS tickets promptly after they are assigned" (section 2). */
class TicketAckRulesTest {
    static final PolicyVersions VERSIONS = PolicyVersions.builtIn();
    static final AppKey APP = AppKey.of("com.acme.app");
    static final App ACME_APP = new App(
            APP,
            "App",
            PartnerId.of("acme"),
            null,
            Set.of(),
            List.of(new Listing(Hosting.CLOUD, ListingState.LISTED, true, 10)),
            List.of());

    static TicketEvent event(String kind, String at) {
        Instant when = Instant.parse(at);
        return switch (kind) {
            case "ACKNOWLEDGED" -> new TicketEvent.Acknowledged(when, "pat@acme.example", null);
            case "TRIAGED" -> new TicketEvent.Triaged(when, "pat@acme.example", null);
            case "COMMENTED" -> new TicketEvent.Commented(when, "pat@acme.example", "looking");
            case "VERIFIED_PATCHED" -> new TicketEvent.VerifiedPatched(when, "analyst", null);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // Five business days (Monday to Friday, UTC) from the report, for every ticket type (operator-set).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            reported Monday: due the next Monday                  | SCANNER    | 2026-06-01T10:00:00Z | -                | -                    | 2026-06-08T10:00:00Z | -
            reported Monday, judged a second late                 | SCANNER    | 2026-06-01T10:00:00Z | -                | -                    | 2026-06-08T10:00:01Z | 2026-06-08T10:00:00Z
            reported Friday: the weekend does not count           | SECURITY   | 2026-06-05T10:00:00Z | -                | -                    | 2026-06-12T10:00:01Z | 2026-06-12T10:00:00Z
            acknowledged in time                                  | SCANNER    | 2026-06-01T10:00:00Z | ACKNOWLEDGED     | 2026-06-03T00:00:00Z | 2026-06-20T00:00:00Z | -
            acknowledged late: no longer held once acknowledged   | SCANNER    | 2026-06-01T10:00:00Z | ACKNOWLEDGED     | 2026-06-10T00:00:00Z | 2026-06-20T00:00:00Z | -
            acknowledged after the instant judged                 | SCANNER    | 2026-06-01T10:00:00Z | ACKNOWLEDGED     | 2026-06-10T00:00:00Z | 2026-06-09T00:00:00Z | 2026-06-08T10:00:00Z
            triage acknowledges a bug bounty ticket               | BUG_BOUNTY | 2026-06-01T10:00:00Z | TRIAGED          | 2026-06-02T00:00:00Z | 2026-06-20T00:00:00Z | -
            a comment is not an acknowledgement                   | BUG_BOUNTY | 2026-06-01T10:00:00Z | COMMENTED        | 2026-06-02T00:00:00Z | 2026-06-09T00:00:00Z | 2026-06-08T10:00:00Z
            a closed ticket is left alone                         | SCANNER    | 2026-06-01T10:00:00Z | VERIFIED_PATCHED | 2026-06-02T00:00:00Z | 2026-06-20T00:00:00Z | -
            reported under a version without the window            | SCANNER    | 2026-03-02T10:00:00Z | -                | -                    | 2026-03-20T00:00:00Z | -
            """)
    void ticketsAreAcknowledgedWithinFiveBusinessDays(
            String why,
            TicketType type,
            String reported,
            @Nullable String step,
            @Nullable String stepAt,
            String at,
            @Nullable String since) {
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketEvent.Reported(Instant.parse(reported), "analyst", null, 5.0, null));
        if (step != null && stepAt != null) {
            events.add(event(step, stepAt));
        }
        Ticket ticket = new Ticket(TicketKey.of("AMS-9"), type, APP, Hosting.CLOUD, "finding", events);
        Instant asOf = Instant.parse(at);
        TicketState state = TicketClock.at(ticket, VERSIONS, asOf).orElseThrow();

        List<Violation> found = new TicketAckOverdue()
                .evaluate(Facts.of(asOf, List.of(), List.of(ACME_APP), List.of(state)), VERSIONS.inForceAt(asOf));

        if (since == null) {
            assertThat(found).as(why).isEmpty();
        } else {
            assertThat(found).as(why).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("TICKET-ACK-OVERDUE");
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                assertThat(v.severity()).isEqualTo(Severity.LOW);
                assertThat(v.evidence()).startsWith("AMS-9, Medium, acknowledge by " + since.substring(0, 10));
            });
        }
    }
}
