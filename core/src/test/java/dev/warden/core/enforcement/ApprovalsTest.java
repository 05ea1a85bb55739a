package dev.warden.core.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Who decides on enforcement, and how many people it takes. */
class ApprovalsTest {
    static final PolicyVersion POLICY =
            PolicyVersions.builtIn().byId("2026-04-15").orElseThrow();

    static Approvals.Vote yes(String who) {
        return new Approvals.Vote(who, true);
    }

    @ParameterizedTest(name = "2026-04-15: {0} needs {1} approver(s)")
    @CsvSource({
        "WARNING, 1",
        "REVOKE_BADGE, 1",
        "HIDE_LISTING, 1",
        "PAUSE_LISTING, 2",
        "SUSPEND_PARTNER, 2",
        "TERMINATE_PARTNER, 2",
        "PAUSE_BOUNTY_PROGRAM, 1",
        "DEACTIVATE_BOUNTY_PROGRAM, 2"
    })
    void highImpactStepsNeedASecondPerson(EnforcementAction action, int approvers) {
        // "High-impact steps (pause, suspension, termination) need a second person's approval."
        assertThat(Approvals.required(Origin.LADDER, action.name(), POLICY)).isEqualTo(approvers);
        assertThat(Approvals.required(Origin.ESCALATION, action.name(), POLICY)).isEqualTo(approvers);
    }

    static Stream<Arguments> everyApprovalCountOfEveryBuiltInPolicy() {
        List<Arguments> all = new ArrayList<>();
        for (PolicyVersion policy : PolicyVersions.builtIn().all()) {
            for (EnforcementAction action : EnforcementAction.values()) {
                all.add(Arguments.of(policy.id(), action, policy.enforcement().approvalsFor(action)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1} is approved by {2} different people, not one fewer")
    @MethodSource("everyApprovalCountOfEveryBuiltInPolicy")
    void anActionTakesEffectOnlyWithTheApprovalsItsVersionSets(String policyId, EnforcementAction action, int set) {
        PolicyVersion policy = PolicyVersions.builtIn().byId(policyId).orElseThrow();
        int required = Approvals.required(Origin.LADDER, action.name(), policy);
        assertThat(required).isEqualTo(set);
        List<Approvals.Vote> votes = new ArrayList<>();
        for (int i = 1; i < required; i++) {
            votes.add(yes("approver-" + i));
            assertThat(Approvals.outcome(votes, required)).isEqualTo(Approvals.Outcome.PENDING);
        }
        votes.add(yes("approver-" + required));
        assertThat(Approvals.outcome(votes, required)).isEqualTo(Approvals.Outcome.APPROVED);
        if (action == EnforcementAction.TERMINATE_PARTNER) {
            assertThat(Approvals.required(Origin.TERMINATION, action.name(), policy))
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void terminationNeedsAtLeastTwoPeopleWhateverTheVersionSays() {
        // "termination ... after internal review": never on one person's word.
        PolicyVersion lenient = PolicyVersions.builtIn().byId("2026-04-15").orElseThrow();
        assertThat(Approvals.required(Origin.TERMINATION, "TERMINATE_PARTNER", lenient))
                .isEqualTo(Math.max(2, lenient.enforcement().approvalsFor(EnforcementAction.TERMINATE_PARTNER)));
    }

    @Test
    void aLiftNeedsOneApprover() {
        // "Every action is reversible when the issue is fixed."
        assertThat(Approvals.required(Origin.LIFT, Approvals.LIFT, POLICY)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource({
        "true, ana, PROPOSED, warden, ",
        "false, client-1, PROPOSED, warden, NOT_A_PERSON",
        "true, ana, APPLIED, warden, NOT_PROPOSED",
        "true, ana, PROPOSED, ana, OWN_PROPOSAL",
        "true, bo, PROPOSED, warden, ALREADY_VOTED"
    })
    void whoMayVote(boolean person, String voter, ActionStatus status, String proposer, Approvals.Refusal refusal) {
        // Four eyes: a person, not the proposer, once each.
        assertThat(Approvals.mayVote(person, voter, status, proposer, List.of(yes("bo"))))
                .isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void oneRejectionEndsTheProposal() {
        assertThat(Approvals.outcome(List.of(yes("ana"), new Approvals.Vote("bo", false)), 2))
                .isEqualTo(Approvals.Outcome.REJECTED);
    }

    @Test
    void anAppealIsDecidedBySomeoneWhoTookNoPartInTheAction() {
        List<Approvals.Vote> votes = List.of(yes("ana"), new Approvals.Vote("cy", false));

        assertThat(Approvals.mayDecideAppeal(true, "ana", "warden", votes)).contains(Approvals.Refusal.TOOK_PART);
        assertThat(Approvals.mayDecideAppeal(true, "bo", "bo", votes)).contains(Approvals.Refusal.TOOK_PART);
        assertThat(Approvals.mayDecideAppeal(true, "cy", "warden", votes)).isEmpty();
        assertThat(Approvals.mayDecideAppeal(false, "dee", "warden", votes)).contains(Approvals.Refusal.NOT_A_PERSON);
    }

    @Test
    void anActionInEffectMayBeAppealedWithinTheWindow() {
        Instant applied = Instant.parse("2026-06-01T00:00:00Z");
        int window = POLICY.enforcement().appealWindowDays();

        assertThat(Approvals.appealableUntil(ActionStatus.APPLIED, Origin.LADDER, applied, POLICY))
                .contains(applied.plusSeconds(86_400L * window));
        assertThat(Approvals.appealableUntil(ActionStatus.APPLIED, Origin.LIFT, applied, POLICY))
                .isEmpty();
        assertThat(Approvals.appealableUntil(ActionStatus.LIFTED, Origin.LADDER, applied, POLICY))
                .isEmpty();
        assertThat(Approvals.appealableUntil(ActionStatus.PROPOSED, Origin.LADDER, null, POLICY))
                .isEmpty();
    }
}
