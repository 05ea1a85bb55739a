package dev.warden.core.enforcement;

import dev.warden.core.compliance.Violation;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.time.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The enforcement ladder of the policy's enforcement section, as the policy version lays it out per rule: steps in
 * order, each due a number of days after the violation began. A case climbs one step at a time; the
 * next step is proposed once its time has come, never before, and termination is never proposed
 * automatically (a version cannot even contain it).
 */
public final class Ladder {
    private Ladder() {}

    /**
     * The next step for a violation whose case has taken {@code stepsTaken} steps.
     *
     * @param began when the violation began (its own start, or when it was first seen)
     */
    public static Optional<Proposal> next(
            Violation violation, Instant began, int stepsTaken, PolicyVersion policy, Instant asOf) {
        List<PolicyParts.LadderStep> steps = policy.enforcement().ladder(violation.rule());
        if (stepsTaken >= steps.size()) {
            return Optional.empty();
        }
        PolicyParts.LadderStep step = steps.get(stepsTaken);
        Instant due = began.plus(Duration.ofDays(step.afterDays()));
        if (due.isAfter(asOf)) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(
                violation.rule(),
                violation.subject(),
                step.action(),
                stepsTaken,
                due,
                reason(violation, began),
                Approvals.required(Origin.LADDER, step.action().name(), policy)));
    }

    /**
     * Every step whose day has come for each violation, in ladder order, as if no case had climbed yet:
     * what {@code warden evaluate} shows, so an operator sees how far each case would have gone.
     */
    public static List<Proposal> plan(List<Violation> violations, PolicyVersion policy, Instant asOf) {
        List<Proposal> out = new ArrayList<>();
        for (Violation v : violations) {
            Instant began = began(v, null, asOf);
            for (int step = 0; ; step++) {
                Optional<Proposal> due = next(v, began, step, policy, asOf);
                if (due.isEmpty()) {
                    break;
                }
                out.add(due.get());
            }
        }
        return out;
    }

    /** When a violation began: its own start if the facts tell, else when it was first seen, else now. */
    public static Instant began(Violation violation, @Nullable Instant firstSeen, Instant asOf) {
        if (violation.since() != null) {
            return violation.since();
        }
        return firstSeen != null ? firstSeen : asOf;
    }

    static String reason(Violation violation, Instant began) {
        return violation.rule() + " since " + Instants.format(began) + ": " + violation.evidence();
    }
}
