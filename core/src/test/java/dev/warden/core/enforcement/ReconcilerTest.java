package dev.warden.core.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Subject;
import dev.warden.core.compliance.Violation;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reconciliation: what happens to cases as violations come, climb their ladders and go. */
class ReconcilerTest {
    static final PolicyVersion POLICY =
            PolicyVersions.builtIn().byId("2026-04-15").orElseThrow();
    static final Subject LISTING = new Subject.Listing(AppKey.of("com.acme.app"), Hosting.CLOUD, PartnerId.of("acme"));
    static final Instant BEGAN = Instant.parse("2026-05-11T00:00:00Z");
    static final String KEY = Reconciler.key("VULN-OVERDUE", LISTING);

    static Violation violation(String rule, String evidence) {
        return new Violation(rule, LISTING, BEGAN, Severity.CRITICAL, evidence, POLICY.id());
    }

    static OpenCase open(CaseStatus status, String evidence, CaseAction... actions) {
        return new OpenCase(
                7,
                "VULN-OVERDUE",
                "listing",
                "com.acme.app/CLOUD",
                status,
                BEGAN,
                "CRITICAL",
                evidence,
                POLICY.id(),
                List.of(actions));
    }

    static CaseAction action(long id, String action, Origin origin, ActionStatus status) {
        return new CaseAction(id, action, origin, status, !action.equals("WARNING"));
    }

    static Instant day(int n) {
        return BEGAN.plus(Duration.ofDays(n));
    }

    @Test
    void aNewViolationOpensACaseAndProposesTheStepWhoseDayHasCome() {
        List<Command> commands =
                Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(), POLICY, day(0));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).isEqualTo(new Command.Open(KEY, violation("VULN-OVERDUE", "AMS-1"), BEGAN));
        assertThat(((Command.Propose) commands.get(1)).proposal().action()).isEqualTo(EnforcementAction.HIDE_LISTING);
    }

    @Test
    void aStepWaitingForApproversHoldsTheLadder() {
        // One step at a time: the pause is not proposed while the hide still waits, however late it is.
        OpenCase c = open(CaseStatus.OPEN, "AMS-1", action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.PROPOSED));

        assertThat(Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(c), POLICY, day(90)))
                .isEmpty();
    }

    @Test
    void aRejectedStepCountsAsClimbedAndTheNextComesOnItsDay() {
        OpenCase c = open(CaseStatus.OPEN, "AMS-1", action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.REJECTED));

        assertThat(Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(c), POLICY, day(29)))
                .isEmpty();
        assertThat(Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(c), POLICY, day(30)))
                .singleElement()
                .satisfies(cmd -> assertThat(((Command.Propose) cmd).proposal().action())
                        .isEqualTo(EnforcementAction.PAUSE_LISTING));
    }

    @Test
    void changedEvidenceRefreshesTheCase() {
        OpenCase c = open(CaseStatus.OPEN, "AMS-1", action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.PROPOSED));

        assertThat(Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1, AMS-2")), List.of(c), POLICY, day(1)))
                .containsExactly(new Command.Refresh(KEY, 7, violation("VULN-OVERDUE", "AMS-1, AMS-2")));
    }

    @Test
    void aResolvedViolationWithdrawsProposalsAndProposesLiftingWhatIsInEffect() {
        // "Every action is reversible when the issue is fixed (listing restored, badge returned)."
        OpenCase c = open(
                CaseStatus.OPEN,
                "AMS-1",
                action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.APPLIED),
                action(2, "PAUSE_LISTING", Origin.LADDER, ActionStatus.PROPOSED));

        List<Command> commands = Reconciler.reconcile(List.of(), List.of(c), POLICY, day(31));

        assertThat(commands)
                .containsExactly(
                        new Command.Withdraw(KEY, 2, "the violation was resolved"),
                        new Command.Resolve(KEY, 7, "VULN-OVERDUE", "listing:com.acme.app/CLOUD", 1),
                        new Command.ProposeLift(
                                KEY,
                                7,
                                List.of(c.actions().get(0)),
                                "the violation was resolved on 2026-06-11T00:00:00Z"));
    }

    @Test
    void aResolvedViolationWithNothingInEffectClosesTheCase() {
        // A warning changes nothing in the marketplace, so there is nothing to lift.
        OpenCase c = open(CaseStatus.OPEN, "AMS-1", action(1, "WARNING", Origin.LADDER, ActionStatus.APPLIED));

        assertThat(Reconciler.reconcile(List.of(), List.of(c), POLICY, day(3)))
                .containsExactly(
                        new Command.Resolve(KEY, 7, "VULN-OVERDUE", "listing:com.acme.app/CLOUD", 0),
                        new Command.Close(KEY, 7, "nothing to lift"));
    }

    @Test
    void aViolationBackBeforeTheLiftWasApprovedReopensTheCaseAndWithdrawsTheLift() {
        OpenCase c = open(
                CaseStatus.RESOLVED,
                "AMS-1",
                action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.APPLIED),
                action(2, "LIFT", Origin.LIFT, ActionStatus.PROPOSED));

        assertThat(Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(c), POLICY, day(5)))
                .containsExactly(
                        new Command.Reopen(KEY, 7, violation("VULN-OVERDUE", "AMS-1")),
                        new Command.Withdraw(KEY, 2, "the violation holds again"));
    }

    @Test
    void aResolvedCaseWhoseViolationStaysGoneIsLeftToItsLift() {
        OpenCase c = open(
                CaseStatus.RESOLVED,
                "AMS-1",
                action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.APPLIED),
                action(2, "LIFT", Origin.LIFT, ActionStatus.PROPOSED));

        assertThat(Reconciler.reconcile(List.of(), List.of(c), POLICY, day(5))).isEmpty();
    }

    @Test
    void aStepAlreadyInEffectByAnEscalationIsSkippedAndTheLadderClimbsOn() {
        // A pause taken early for active exploitation: when the ladder reaches PAUSE it skips it.
        OpenCase c = open(
                CaseStatus.OPEN,
                "AMS-1",
                action(1, "HIDE_LISTING", Origin.LADDER, ActionStatus.APPLIED),
                action(2, "PAUSE_LISTING", Origin.ESCALATION, ActionStatus.APPLIED));

        List<Command> commands =
                Reconciler.reconcile(List.of(violation("VULN-OVERDUE", "AMS-1")), List.of(c), POLICY, day(60));

        assertThat(commands).hasSize(2);
        assertThat(((Command.Skip) commands.get(0)).proposal().action()).isEqualTo(EnforcementAction.PAUSE_LISTING);
        assertThat(((Command.Propose) commands.get(1)).proposal().action())
                .isEqualTo(EnforcementAction.SUSPEND_PARTNER);
    }

    @Test
    void aTerminationCaseIsNeverResolvedByTheRules() {
        // "termination is never automatic", and neither is its withdrawal.
        OpenCase termination = new OpenCase(
                9, "TERMINATION", "partner", "acme", CaseStatus.OPEN, BEGAN, "CRITICAL", "fraud", "-", List.of());

        assertThat(Reconciler.reconcile(List.of(), List.of(termination), POLICY, day(1)))
                .isEmpty();
    }

    static Stream<Arguments> everyLadderOfEveryBuiltInPolicy() {
        List<Arguments> all = new ArrayList<>();
        for (PolicyVersion policy : PolicyVersions.builtIn().all()) {
            for (String rule : policy.enforcement().ladders().keySet()) {
                // Ladders may be laid out for rules Warden cannot yet find; no case of theirs exists.
                if (dev.warden.core.compliance.Rules.ALL.stream().anyMatch(r -> r.id().equals(rule))) {
                    all.add(Arguments.of(policy.id(), rule));
                }
            }
        }
        assertThat(all).hasSizeGreaterThan(30);
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}: each step on its day, approved at once, climbs the whole ladder")
    @MethodSource("everyLadderOfEveryBuiltInPolicy")
    void everyLadderIsClimbedStepByStepOnItsDays(String policyId, String rule) {
        PolicyVersion policy = PolicyVersions.builtIn().byId(policyId).orElseThrow();
        List<PolicyParts.LadderStep> ladder = policy.enforcement().ladder(rule);
        Violation v = new Violation(rule, LISTING, BEGAN, Severity.HIGH, "evidence", policy.id());
        String key = Reconciler.key(rule, LISTING);
        List<CaseAction> actions = new ArrayList<>();
        boolean opened = false;
        for (int i = 0; i < ladder.size(); i++) {
            Instant due = BEGAN.plus(Duration.ofDays(ladder.get(i).afterDays()));
            OpenCase c = new OpenCase(
                    1,
                    rule,
                    LISTING.type(),
                    LISTING.id(),
                    CaseStatus.OPEN,
                    BEGAN,
                    "HIGH",
                    "evidence",
                    policy.id(),
                    actions);
            if (i > 0 && ladder.get(i).afterDays() > ladder.get(i - 1).afterDays()) {
                assertThat(Reconciler.reconcile(List.of(v), List.of(c), policy, due.minusSeconds(1)))
                        .as("step %d not before its day", i)
                        .isEmpty();
            }
            List<Command> commands = Reconciler.reconcile(List.of(v), opened ? List.of(c) : List.of(), policy, due);
            Proposal proposed = null;
            for (Command cmd : commands) {
                if (cmd instanceof Command.Propose p) {
                    proposed = p.proposal();
                } else {
                    assertThat(cmd).isEqualTo(new Command.Open(key, v, BEGAN));
                }
            }
            opened = true;
            assertThat(proposed).as("step %d proposed on its day", i).isNotNull();
            assertThat(proposed.step()).isEqualTo(i);
            assertThat(proposed.action()).isEqualTo(ladder.get(i).action());
            assertThat(proposed.dueAt())
                    .isEqualTo(BEGAN.plus(Duration.ofDays(ladder.get(i).afterDays())));
            assertThat(proposed.approvalsRequired())
                    .isEqualTo(policy.enforcement().approvalsFor(ladder.get(i).action()));
            actions.add(new CaseAction(
                    actions.size() + 1, proposed.action().name(), Origin.LADDER, ActionStatus.APPLIED, true));
        }
        OpenCase top = new OpenCase(
                1,
                rule,
                LISTING.type(),
                LISTING.id(),
                CaseStatus.OPEN,
                BEGAN,
                "HIGH",
                "evidence",
                policy.id(),
                actions);
        assertThat(Reconciler.reconcile(List.of(v), List.of(top), policy, BEGAN.plus(Duration.ofDays(3650))))
                .as("a climbed ladder proposes nothing more; termination never comes by itself")
                .isEmpty();
    }
}
