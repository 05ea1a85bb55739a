package dev.warden.core.enforcement;

import dev.warden.core.compliance.Rule;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Subject;
import dev.warden.core.compliance.Violation;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what the rules found for one partner, and the partner's cases that are not closed, into the
 * commands that bring the cases in line (the policy's enforcement section):
 *
 * <ul>
 *   <li>a violation without a case opens one; one whose case was resolved reopens it, withdrawing the
 *       lift still waiting for approvers ("every action is reversible when the issue is fixed", and the
 *       issue is back);
 *   <li>an open case proposes the next step of its rule's ladder once the step's day has come, one step
 *       at a time, never while another of its steps waits for approvers; a step already in effect in the
 *       case is skipped ("each step ... roughly in escalating order");
 *   <li>an open case whose violation is gone is resolved: its proposals are withdrawn and, if anything it
 *       did is still in effect, lifting it is proposed, otherwise the case is closed.
 * </ul>
 *
 * Cases of other kinds (a termination a person proposed) are left alone.
 */
public final class Reconciler {
    private static final Set<String> RULE_IDS =
            Rules.ALL.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());

    private Reconciler() {}

    /** The key that pairs a violation with its case: rule, subject type and subject id. */
    public static String key(String rule, String subjectType, String subjectId) {
        return rule + "|" + subjectType + "|" + subjectId;
    }

    /** The key of a violation's case. */
    public static String key(String rule, Subject subject) {
        return key(rule, subject.type(), subject.id());
    }

    /**
     * The commands, in the order to apply them.
     *
     * @param violations what the rules found for the partner at {@code now}
     * @param cases the partner's cases that are not closed
     */
    public static List<Command> reconcile(
            List<Violation> violations, List<OpenCase> cases, PolicyVersion policy, Instant now) {
        Map<String, OpenCase> active = new LinkedHashMap<>();
        for (OpenCase c : cases) {
            if (RULE_IDS.contains(c.rule())) {
                active.put(c.key(), c);
            }
        }
        List<Command> out = new ArrayList<>();
        for (Violation v : violations) {
            String key = key(v.rule(), v.subject());
            OpenCase found = active.remove(key);
            if (found == null) {
                Instant began = Ladder.began(v, null, now);
                out.add(new Command.Open(key, v, began));
                climb(key, v, began, List.of(), policy, now, out);
            } else {
                List<CaseAction> actions =
                        found.status() == CaseStatus.RESOLVED ? reopen(key, found, v, out) : found.actions();
                if (!found.evidence().equals(v.evidence())
                        || !found.severity().equals(v.severity().name())
                        || !found.policyVersion().equals(v.policyVersion())) {
                    out.add(new Command.Refresh(key, found.id(), v));
                }
                climb(key, v, found.began(), actions, policy, now, out);
            }
        }
        for (OpenCase gone : active.values()) {
            if (gone.status() == CaseStatus.OPEN) {
                resolve(gone, now, out);
            }
        }
        return out;
    }

    private static List<CaseAction> reopen(String key, OpenCase found, Violation v, List<Command> out) {
        out.add(new Command.Reopen(key, found.id(), v));
        List<CaseAction> actions = new ArrayList<>();
        for (CaseAction a : found.actions()) {
            if (a.pendingLift()) {
                out.add(new Command.Withdraw(key, a.id(), "the violation holds again"));
                actions.add(a.withdrawn());
            } else {
                actions.add(a);
            }
        }
        return actions;
    }

    private static void climb(
            String key,
            Violation v,
            Instant began,
            List<CaseAction> actions,
            PolicyVersion policy,
            Instant now,
            List<Command> out) {
        if (actions.stream().anyMatch(CaseAction::pendingStep)) {
            return; // one step at a time: approvers decide on the one waiting first
        }
        int taken = (int) actions.stream().filter(CaseAction::climbed).count();
        Set<String> inEffect = actions.stream()
                .filter(a -> a.status() == ActionStatus.APPLIED && a.origin() != Origin.LIFT)
                .map(CaseAction::action)
                .collect(Collectors.toSet());
        while (true) {
            Optional<Proposal> next = Ladder.next(v, began, taken, policy, now);
            if (next.isEmpty()) {
                return;
            }
            Proposal p = next.get();
            if (!inEffect.contains(p.action().name())) {
                out.add(new Command.Propose(key, p));
                return;
            }
            out.add(new Command.Skip(key, p));
            taken++;
        }
    }

    private static void resolve(OpenCase c, Instant now, List<Command> out) {
        String key = c.key();
        for (CaseAction a : c.actions()) {
            if (a.status() == ActionStatus.PROPOSED) {
                out.add(new Command.Withdraw(key, a.id(), "the violation was resolved"));
            }
        }
        List<CaseAction> toLift =
                c.actions().stream().filter(CaseAction::needsLifting).toList();
        out.add(new Command.Resolve(key, c.id(), c.rule(), c.subjectType() + ":" + c.subjectId(), toLift.size()));
        if (toLift.isEmpty()) {
            out.add(new Command.Close(key, c.id(), "nothing to lift"));
        } else {
            out.add(new Command.ProposeLift(
                    key, c.id(), toLift, "the violation was resolved on " + Instants.format(now)));
        }
    }
}
