package dev.warden.core.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Subject;
import dev.warden.core.compliance.Violation;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ladder of the policy's enforcement section, step by step. */
class LadderTest {
    static final PolicyVersion POLICY =
            PolicyVersions.builtIn().byId("2026-04-15").orElseThrow();
    static final Subject LISTING = new Subject.Listing(AppKey.of("com.acme.app"), Hosting.CLOUD, PartnerId.of("acme"));
    static final Instant BEGAN = Instant.parse("2026-05-11T00:00:00Z");

    static Violation violation(String rule, Instant since) {
        return new Violation(
                rule, LISTING, since, Severity.CRITICAL, "AMS-412, Critical, due 2026-05-11", "2026-04-15");
    }

    @Test
    void aMissedDueDateFirstProposesHidingTheListing() {
        // "Hide the app from search and browse ... the documented consequence of vulnerability SLO breaches."
        Proposal proposal = Ladder.next(violation("VULN-OVERDUE", BEGAN), BEGAN, 0, POLICY, BEGAN)
                .orElseThrow();

        assertThat(proposal.action()).isEqualTo(EnforcementAction.HIDE_LISTING);
        assertThat(proposal.approvalsRequired()).as("one approver for hiding").isEqualTo(1);
        assertThat(proposal.reason())
                .isEqualTo("VULN-OVERDUE since 2026-05-11T00:00:00Z: AMS-412, Critical, due 2026-05-11");
    }

    @ParameterizedTest(name = "step {0} of VULN-OVERDUE is {1}, due {2} days after the breach, {3} approver(s)")
    @CsvSource({"0, HIDE_LISTING, 0, 1", "1, PAUSE_LISTING, 30, 2", "2, SUSPEND_PARTNER, 60, 2"})
    void eachStepComesWhenItsTimeComesWithItsApprovals(int step, EnforcementAction action, int days, int approvals) {
        // "High-impact steps (pause, suspension, termination) need a second person's approval."
        Instant due = BEGAN.plusSeconds(86_400L * days);
        Violation v = violation("VULN-OVERDUE", BEGAN);

        assertThat(Ladder.next(v, BEGAN, step, POLICY, due.minusSeconds(1)))
                .as("not before its time")
                .isEmpty();
        Proposal proposal = Ladder.next(v, BEGAN, step, POLICY, due).orElseThrow();
        assertThat(proposal.action()).isEqualTo(action);
        assertThat(proposal.step()).isEqualTo(step);
        assertThat(proposal.dueAt()).isEqualTo(due);
        assertThat(proposal.approvalsRequired()).isEqualTo(approvals);
    }

    @Test
    void aClimbedLadderProposesNothingMoreAndTerminationNeverComesByItself() {
        // "termination is never automatic"
        Instant muchLater = BEGAN.plusSeconds(86_400L * 3650);
        assertThat(Ladder.next(violation("VULN-OVERDUE", BEGAN), BEGAN, 3, POLICY, muchLater))
                .isEmpty();
        for (String rule : POLICY.enforcement().ladders().keySet()) {
            assertThat(POLICY.enforcement().ladder(rule))
                    .extracting(s -> s.action())
                    .doesNotContain(EnforcementAction.TERMINATE_PARTNER);
        }
    }

    @Test
    void otherRulesStartWithAWarningAndItsThirtyDayWindow() {
        // "Warning with a remediation window (typically 30 days)."
        Proposal warning = Ladder.next(violation("CONTACT-MISSING", BEGAN), BEGAN, 0, POLICY, BEGAN)
                .orElseThrow();
        assertThat(warning.action()).isEqualTo(EnforcementAction.WARNING);
        assertThat(POLICY.enforcement().warningWindowDays()).isEqualTo(30);
        assertThat(Ladder.next(violation("CONTACT-MISSING", BEGAN), BEGAN, 1, POLICY, BEGAN.plusSeconds(86_400L * 29)))
                .isEmpty();
        assertThat(Ladder.next(violation("CONTACT-MISSING", BEGAN), BEGAN, 1, POLICY, BEGAN.plusSeconds(86_400L * 30))
                        .orElseThrow()
                        .action())
                .isEqualTo(EnforcementAction.HIDE_LISTING);
    }

    @Test
    void withoutAKnownStartAViolationCountsFromWhenItWasFirstSeen() {
        Violation unknownStart = new Violation(
                "CONTACT-MISSING",
                new Subject.Partner(PartnerId.of("acme")),
                null,
                Severity.MEDIUM,
                "Acme has no security contact",
                "2026-04-15");
        Instant seen = Instant.parse("2026-06-01T00:00:00Z");

        assertThat(Ladder.began(unknownStart, seen, BEGAN)).isEqualTo(seen);
        assertThat(Ladder.plan(List.of(unknownStart), POLICY, BEGAN))
                .singleElement()
                .satisfies(p -> assertThat(p.dueAt()).isEqualTo(BEGAN));
    }

    @Test
    void theReportListsEveryStepWhoseDayHasComeEachWithItsDay() {
        // An operator reading `warden evaluate` sees how far each case would have climbed by --as-of.
        Instant day45 = BEGAN.plusSeconds(86_400L * 45);

        assertThat(Ladder.plan(List.of(violation("VULN-OVERDUE", BEGAN)), POLICY, day45))
                .extracting(Proposal::action, Proposal::step, Proposal::dueAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EnforcementAction.HIDE_LISTING, 0, BEGAN),
                        org.assertj.core.groups.Tuple.tuple(
                                EnforcementAction.PAUSE_LISTING, 1, BEGAN.plusSeconds(86_400L * 30)));
    }
}
