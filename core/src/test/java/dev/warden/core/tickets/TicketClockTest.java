package dev.warden.core.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.policy.PolicyVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SLA clock, docs/policy sections 1 and 2, sentence by sentence. */
class TicketClockTest {
    static final PolicyVersions POLICY = PolicyVersions.builtIn();
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"; // 9.8

    static Instant t(String instant) {
        return Instant.parse(instant);
    }

    static Ticket ticket(TicketType type, Hosting hosting, double score, Instant reported, TicketEvent... later) {
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketEvent.Reported(reported, "analyst", null, score, null));
        events.addAll(List.of(later));
        return new Ticket(TicketKey.of("AMS-1"), type, AppKey.of("com.acme.app"), hosting, "A finding", events);
    }

    static TicketState at(Ticket ticket, Instant asOf) {
        return TicketClock.at(ticket, POLICY, asOf).orElseThrow();
    }

    static double scoreOf(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return 9.5;
            case HIGH:
                return 8.0;
            case MEDIUM:
                return 5.0;
            default:
                return 2.0;
        }
    }

    @ParameterizedTest(name = "{1} {2} reported {0} is due {3} days later under {4}")
    @CsvSource({
        // "A ticket's timeframe is taken from the version in force at the moment the ticket was reported."
        "2022-12-16T09:00:00Z, CRITICAL, CLOUD, 28, 2022-12-06",
        "2022-12-16T09:00:00Z, HIGH, CLOUD, 42, 2022-12-06",
        "2022-12-16T09:00:00Z, MEDIUM, CLOUD, 56, 2022-12-06",
        "2022-12-16T09:00:00Z, LOW, CLOUD, 175, 2022-12-06",
        "2022-12-16T09:00:00Z, CRITICAL, DATA_CENTER, 90, 2022-12-06",
        "2022-12-16T09:00:00Z, HIGH, DATA_CENTER, 90, 2022-12-06",
        "2022-12-16T09:00:00Z, MEDIUM, DATA_CENTER, 90, 2022-12-06",
        "2022-12-16T09:00:00Z, LOW, DATA_CENTER, 180, 2022-12-06",
        "2023-10-18T09:00:00Z, CRITICAL, CLOUD, 28, 2023-10-08",
        "2023-10-18T09:00:00Z, HIGH, CLOUD, 42, 2023-10-08",
        "2023-10-18T09:00:00Z, MEDIUM, CLOUD, 56, 2023-10-08",
        "2023-10-18T09:00:00Z, LOW, CLOUD, 175, 2023-10-08",
        "2023-10-18T09:00:00Z, CRITICAL, DATA_CENTER, 84, 2023-10-08",
        "2023-10-18T09:00:00Z, HIGH, DATA_CENTER, 84, 2023-10-08",
        "2023-10-18T09:00:00Z, MEDIUM, DATA_CENTER, 84, 2023-10-08",
        "2023-10-18T09:00:00Z, LOW, DATA_CENTER, 175, 2023-10-08",
        "2026-04-25T09:00:00Z, CRITICAL, CLOUD, 10, 2026-04-15",
        "2026-04-25T09:00:00Z, HIGH, CLOUD, 28, 2026-04-15",
        "2026-04-25T09:00:00Z, MEDIUM, CLOUD, 84, 2026-04-15",
        "2026-04-25T09:00:00Z, LOW, CLOUD, 175, 2026-04-15",
        "2026-04-25T09:00:00Z, CRITICAL, DATA_CENTER, 84, 2026-04-15",
        "2026-04-25T09:00:00Z, HIGH, DATA_CENTER, 84, 2026-04-15",
        "2026-04-25T09:00:00Z, MEDIUM, DATA_CENTER, 84, 2026-04-15",
        "2026-04-25T09:00:00Z, LOW, DATA_CENTER, 175, 2026-04-15",
    })
    void dueDateIsReportPlusTheTimeframeOfTheVersionInForce(
            Instant reported, Severity severity, Hosting hosting, int days, String version) {
        TicketState state = at(ticket(TicketType.SECURITY, hosting, scoreOf(severity), reported), reported);

        assertThat(state.severity()).isEqualTo(severity);
        assertThat(state.policyVersion()).isEqualTo(version);
        assertThat(state.clockStartAt()).isEqualTo(reported);
        assertThat(state.dueAt()).isEqualTo(reported.plus(Duration.ofDays(days)));
        assertThat(state.status()).isEqualTo(TicketStatus.NEEDS_PATCH);
    }

    @Test
    void aTicketReportedUnderOneVersionKeepsItsTimeframeUnderTheNext() {
        // Reported a minute before 2026-04-15 (Critical Cloud: 28 days then, 10 days after).
        Ticket before = ticket(TicketType.SCANNER, Hosting.CLOUD, 9.8, t("2026-04-14T23:59:00Z"));
        Ticket after = ticket(TicketType.SCANNER, Hosting.CLOUD, 9.8, t("2026-04-15T00:00:00Z"));
        Instant later = t("2026-05-01T00:00:00Z");

        assertThat(at(before, later).policyVersion()).isEqualTo("2023-10-08");
        assertThat(at(before, later).dueAt()).isEqualTo(t("2026-05-12T23:59:00Z"));
        assertThat(at(before, later).overdue()).isFalse();
        assertThat(at(after, later).policyVersion()).isEqualTo("2026-04-15");
        assertThat(at(after, later).dueAt()).isEqualTo(t("2026-04-25T00:00:00Z"));
        assertThat(at(after, later).overdue()).isTrue();
    }

    @Test
    void leapDaysCountAsDays() {
        // 2024 is a leap year: 28 days after 10 February is 9 March.
        Ticket ticket = ticket(TicketType.SECURITY, Hosting.CLOUD, 9.8, t("2024-02-10T12:00:00Z"));
        assertThat(at(ticket, t("2024-02-10T12:00:00Z")).dueAt()).isEqualTo(t("2024-03-09T12:00:00Z"));
        Ticket onLeapDay = ticket(TicketType.SECURITY, Hosting.DATA_CENTER, 2.0, t("2024-02-29T00:00:00Z"));
        assertThat(at(onLeapDay, t("2024-02-29T00:00:00Z")).dueAt()).isEqualTo(t("2024-08-22T00:00:00Z"));
    }

    @Test
    void dueDatesRunAcrossTheYearEnd() {
        Ticket ticket = ticket(TicketType.SCANNER, Hosting.CLOUD, 9.1, t("2026-12-25T18:00:00Z"));
        TicketState state = at(ticket, t("2027-01-04T18:00:01Z"));

        assertThat(state.dueAt()).isEqualTo(t("2027-01-04T18:00:00Z"));
        assertThat(state.overdue()).isTrue();
        assertThat(state.timeRemaining()).isEqualTo(Duration.ofSeconds(-1));
    }

    @Test
    void bugBountyClockStartsAtTriageWhenThatComesFirst() {
        // "their remediation clock starts when the partner triages, or when the 14 days run out, whichever is first"
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket triagedEarly = ticket(
                TicketType.BUG_BOUNTY,
                Hosting.CLOUD,
                8.0,
                reported,
                new TicketEvent.Triaged(t("2026-06-04T10:00:00Z"), "partner", null));
        TicketState state = at(triagedEarly, t("2026-06-05T00:00:00Z"));

        assertThat(state.clockStartAt()).isEqualTo(t("2026-06-04T10:00:00Z"));
        assertThat(state.dueAt()).isEqualTo(t("2026-07-02T10:00:00Z"));
        assertThat(state.status()).isEqualTo(TicketStatus.NEEDS_PATCH);
        assertThat(state.triageOverdue()).isFalse();
    }

    @Test
    void bugBountyClockStartsWhenTheWindowRunsOutWithoutTriage() {
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket untriaged = ticket(TicketType.BUG_BOUNTY, Hosting.CLOUD, 8.0, reported);
        Ticket triagedLate = ticket(
                TicketType.BUG_BOUNTY,
                Hosting.CLOUD,
                8.0,
                reported,
                new TicketEvent.Triaged(t("2026-06-20T00:00:00Z"), "partner", null));

        TicketState waiting = at(untriaged, t("2026-06-10T00:00:00Z"));
        assertThat(waiting.status()).isEqualTo(TicketStatus.NEEDS_TRIAGE);
        assertThat(waiting.clockStartAt()).isEqualTo(t("2026-06-15T00:00:00Z"));
        assertThat(waiting.triageDueAt()).isEqualTo(t("2026-06-15T00:00:00Z"));
        assertThat(waiting.triageOverdue()).isFalse();
        assertThat(at(untriaged, t("2026-06-15T00:00:01Z")).triageOverdue()).isTrue();
        assertThat(at(triagedLate, t("2026-06-21T00:00:00Z")).clockStartAt()).isEqualTo(t("2026-06-15T00:00:00Z"));
        assertThat(at(triagedLate, t("2026-06-21T00:00:00Z")).dueAt()).isEqualTo(t("2026-07-13T00:00:00Z"));
    }

    @Test
    void otherTicketTypesStartAtTheReportWhateverTheirTriage() {
        Instant reported = t("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> ticket(
                        TicketType.SCANNER,
                        Hosting.CLOUD,
                        8.0,
                        reported,
                        new TicketEvent.Triaged(t("2026-06-02T00:00:00Z"), "partner", null)))
                .hasMessageContaining("triage is not possible while the ticket is NEEDS_PATCH");
        assertThat(at(ticket(TicketType.SCANNER, Hosting.CLOUD, 8.0, reported), reported)
                        .triageDueAt())
                .isNull();
    }

    @Test
    void aSeverityChangeRecomputesFromTheSameClockStart() {
        // "A severity change re-computes the due date from the same clock start and is recorded."
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket ticket = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                reported,
                new TicketEvent.SeverityChanged(
                        t("2026-06-05T00:00:00Z"), "analyst", null, 5.0, "not reachable remotely"));

        assertThat(at(ticket, t("2026-06-04T00:00:00Z")).dueAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
        TicketState after = at(ticket, t("2026-06-12T00:00:00Z"));
        assertThat(after.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(after.dueAt()).isEqualTo(t("2026-08-24T00:00:00Z"));
        assertThat(after.overdue()).isFalse();
    }

    @Test
    void anApprovedExtensionMovesTheDueDate() {
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket ticket = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                reported,
                new TicketEvent.ExtensionRequested(
                        t("2026-06-05T00:00:00Z"),
                        "partner",
                        ExtensionReason.UPSTREAM_DEPENDENCY,
                        "wait for library 2.1",
                        t("2026-06-30T00:00:00Z"),
                        null),
                new TicketEvent.ExtensionApproved(t("2026-06-06T00:00:00Z"), "analyst", null, "fine"));

        TicketState state = at(ticket, t("2026-06-20T00:00:00Z"));
        assertThat(state.dueAt()).isEqualTo(t("2026-06-30T00:00:00Z"));
        assertThat(state.overdue()).isFalse();
        assertThat(state.status()).isEqualTo(TicketStatus.NEEDS_PATCH);
        Ticket otherDate = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                reported,
                new TicketEvent.ExtensionRequested(
                        t("2026-06-05T00:00:00Z"),
                        "partner",
                        ExtensionReason.PLATFORM_CHANGE,
                        "needs a platform API",
                        t("2026-07-30T00:00:00Z"),
                        null),
                new TicketEvent.ExtensionApproved(
                        t("2026-06-06T00:00:00Z"), "analyst", t("2026-07-01T00:00:00Z"), null));
        assertThat(at(otherDate, t("2026-06-20T00:00:00Z")).dueAt()).isEqualTo(t("2026-07-01T00:00:00Z"));
    }

    @Test
    void aDeniedExtensionLeavesTheOriginalDateAndAPendingOneDoesNotStopTheClock() {
        // "A pending request does not stop the clock."
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket pending = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                reported,
                new TicketEvent.ExtensionRequested(
                        t("2026-06-05T00:00:00Z"),
                        "partner",
                        ExtensionReason.OTHER,
                        "busy",
                        t("2026-07-30T00:00:00Z"),
                        null));
        Ticket denied = pending.with(
                new TicketEvent.ExtensionDenied(t("2026-06-12T00:00:00Z"), "analyst", "not blocked by anything"));

        TicketState waiting = at(pending, t("2026-06-11T00:00:01Z"));
        assertThat(waiting.status()).isEqualTo(TicketStatus.EXTENSION_REQUESTED);
        assertThat(waiting.extensionPending()).isTrue();
        assertThat(waiting.overdue()).isTrue();
        TicketState refused = at(denied, t("2026-06-13T00:00:00Z"));
        assertThat(refused.dueAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
        assertThat(refused.breachAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
    }

    @Test
    void aSeverityChangeAfterAnExtensionReplacesIt() {
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket ticket = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                8.0,
                reported,
                new TicketEvent.ExtensionRequested(
                        t("2026-06-05T00:00:00Z"),
                        "partner",
                        ExtensionReason.OTHER,
                        "plan",
                        t("2026-09-01T00:00:00Z"),
                        null),
                new TicketEvent.ExtensionApproved(t("2026-06-06T00:00:00Z"), "analyst", null, null),
                new TicketEvent.SeverityChanged(
                        t("2026-06-07T00:00:00Z"), "analyst", CRITICAL, null, "exploit public"));

        assertThat(at(ticket, t("2026-06-08T00:00:00Z")).dueAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
    }

    @Test
    void overdueMeansOpenPastTheDueDateAndTheBreachIsWhenThatBegan() {
        // "Overdue: a ticket not PATCHED/DUPLICATE/NOT_APPLICABLE past its due date."
        Instant reported = t("2026-06-01T00:00:00Z");
        Ticket open = ticket(TicketType.SCANNER, Hosting.CLOUD, 9.8, reported);
        Ticket fixedInTime = open.with(new TicketEvent.VerifiedPatched(t("2026-06-11T00:00:00Z"), "analyst", null));
        Ticket fixedLate = open.with(new TicketEvent.VerifiedPatched(t("2026-06-15T00:00:00Z"), "analyst", null));
        Ticket reopenedLate =
                fixedInTime.with(new TicketEvent.Reopened(t("2026-06-20T00:00:00Z"), "analyst", "fix incomplete"));
        Instant now = t("2026-06-25T00:00:00Z");

        assertThat(at(open, t("2026-06-11T00:00:00Z")).overdue())
                .as("at the due instant")
                .isFalse();
        assertThat(at(open, now).overdue()).isTrue();
        assertThat(at(open, now).breachAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
        assertThat(at(open, now).timeRemaining()).isEqualTo(Duration.ofDays(-14));
        assertThat(at(fixedInTime, now).overdue()).isFalse();
        assertThat(at(fixedInTime, now).breachAt()).isNull();
        assertThat(at(fixedLate, now).overdue()).isFalse();
        assertThat(at(fixedLate, now).breachAt()).isEqualTo(t("2026-06-11T00:00:00Z"));
        assertThat(at(reopenedLate, now).overdue()).isTrue();
        assertThat(at(reopenedLate, now).breachAt()).isEqualTo(t("2026-06-20T00:00:00Z"));
    }

    @Test
    void duplicatesAndNotApplicableTicketsAreNeverOverdue() {
        Ticket open = ticket(TicketType.SCANNER, Hosting.CLOUD, 9.8, t("2026-06-01T00:00:00Z"));
        Ticket duplicate = open.with(
                new TicketEvent.MarkedDuplicate(t("2026-06-02T00:00:00Z"), "analyst", TicketKey.of("AMS-7"), null));
        Ticket notApplicable =
                open.with(new TicketEvent.MarkedNotApplicable(t("2026-06-02T00:00:00Z"), "analyst", "test data"));

        assertThat(at(duplicate, t("2027-01-01T00:00:00Z")).status()).isEqualTo(TicketStatus.DUPLICATE);
        assertThat(at(duplicate, t("2027-01-01T00:00:00Z")).overdue()).isFalse();
        assertThat(at(notApplicable, t("2027-01-01T00:00:00Z")).overdue()).isFalse();
    }

    @Test
    void theStateAtAnEarlierInstantIgnoresLaterEvents() {
        Ticket ticket = ticket(
                TicketType.SCANNER,
                Hosting.CLOUD,
                9.8,
                t("2026-06-01T00:00:00Z"),
                new TicketEvent.WaitingForRelease(t("2026-06-03T00:00:00Z"), "partner", null),
                new TicketEvent.Released(t("2026-06-04T00:00:00Z"), "partner", null),
                new TicketEvent.VerifiedPatched(t("2026-06-05T00:00:00Z"), "analyst", null));

        assertThat(TicketClock.at(ticket, POLICY, t("2026-05-31T00:00:00Z"))).isEmpty();
        assertThat(at(ticket, t("2026-06-03T12:00:00Z")).status()).isEqualTo(TicketStatus.WAITING_FOR_RELEASE);
        assertThat(at(ticket, t("2026-06-04T12:00:00Z")).status()).isEqualTo(TicketStatus.NEEDS_SECURITY_REVIEW);
        assertThat(at(ticket, t("2026-06-05T12:00:00Z")).status()).isEqualTo(TicketStatus.PATCHED);
    }

    @Test
    void historiesMustStartWithTheReportAndRunInOrder() {
        Instant reported = t("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> ticket(
                        TicketType.SCANNER,
                        Hosting.CLOUD,
                        9.8,
                        reported,
                        new TicketEvent.VerifiedPatched(t("2026-05-01T00:00:00Z"), "analyst", null)))
                .hasMessageContaining("earlier than the one before it");
        assertThatThrownBy(() -> ticket(
                        TicketType.SCANNER,
                        Hosting.CLOUD,
                        9.8,
                        reported,
                        new TicketEvent.Reopened(t("2026-06-02T00:00:00Z"), "analyst", "why")))
                .hasMessageContaining("reopening is not possible while the ticket is NEEDS_PATCH");
        assertThatThrownBy(() -> ticket(TicketType.SCANNER, Hosting.CLOUD, 0.0, reported))
                .hasMessageContaining("0.0 is not a vulnerability");
    }

    @Test
    void aVectorGivesTheScore() {
        Ticket ticket = new Ticket(
                TicketKey.of("AMS-2"),
                TicketType.SCANNER,
                AppKey.of("a.b"),
                Hosting.DATA_CENTER,
                "x",
                List.of(new TicketEvent.Reported(t("2026-06-01T00:00:00Z"), "scanner", CRITICAL, null, null)));
        TicketState state = at(ticket, t("2026-06-01T00:00:00Z"));

        assertThat(state.score()).isEqualTo(9.8);
        assertThat(state.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(state.dueAt()).isEqualTo(t("2026-08-24T00:00:00Z"));
    }
}
