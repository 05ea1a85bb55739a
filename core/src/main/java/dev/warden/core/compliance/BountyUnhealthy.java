package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BOUNTY-UNHEALTHY}: "a program dormant, unfunded or triaging too slowly" (docs/policy section 5:
 * "funded, triaging researcher submissions in time"; the operator-set defaults: median time to triage
 * at most 14 days, dormant after 90 days without activity, counted from the launch when no activity is
 * on record). The figures are those Warden computed where it has them (a program linked to Bugcrowd), else the
 * partner's; the evidence says which. Paused programs are judged too, so pausing one does not by itself resolve the case;
 * deactivated ones are left alone.
 */
public final class BountyUnhealthy implements Rule {
    public static final String ID = "BOUNTY-UNHEALTHY";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A bug bounty program is dormant, unfunded or triaging too slowly";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        List<Violation> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(facts.asOf(), ZoneOffset.UTC);
        for (BountyProgram p : facts.obligations().programs()) {
            if (p.status() == BountyProgram.Status.DEACTIVATED || p.launchedOn().isAfter(today)) {
                continue;
            }
            List<String> problems = problems(p, policy, today);
            boolean sinceKnown = p.funded() && !slowTriage(p, policy);
            LocalDate last = p.lastActivityOn() != null ? p.lastActivityOn() : p.launchedOn();
            LocalDate dormantFrom = last.plusDays(policy.bounty().dormantDays());
            Instant since = today.isBefore(dormantFrom)
                    ? null
                    : dormantFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!problems.isEmpty()) {
                out.add(new Violation(
                        ID,
                        new Subject.Program(p.id(), p.partner()),
                        sinceKnown ? since : null,
                        Severity.MEDIUM,
                        "program " + p.id() + " on " + p.platform() + ": " + String.join("; ", problems),
                        policy.id()));
            }
        }
        return out;
    }

    /** What is wrong with a program on {@code today}: not funded, triaging too slowly, dormant; empty when healthy. */
    public static List<String> problems(BountyProgram p, PolicyVersion policy, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (!p.funded()) {
            problems.add("not funded");
        }
        if (slowTriage(p, policy)) {
            problems.add("median time to triage " + p.medianTriageDays() + " days (at most "
                    + policy.bounty().maxMedianTriageDays() + ")");
        }
        LocalDate last = p.lastActivityOn() != null ? p.lastActivityOn() : p.launchedOn();
        LocalDate dormantFrom = last.plusDays(policy.bounty().dormantDays());
        if (!today.isBefore(dormantFrom)) {
            problems.add("dormant: no activity since " + last + " (" + (today.toEpochDay() - last.toEpochDay())
                    + " days; dormant after " + policy.bounty().dormantDays() + ")");
        }
        boolean figures = slowTriage(p, policy) || (p.lastActivityOn() != null && !today.isBefore(dormantFrom));
        if (figures) {
            // Which figures the judgement rests on: computed by Warden, or the partner's own.
            int last1 = problems.size() - 1;
            problems.set(
                    last1,
                    problems.get(last1)
                            + (p.figuresFrom() != null
                                    ? " (figures " + p.figuresFrom() + ")"
                                    : " (figures as reported by the partner)"));
        }
        return problems;
    }

    private static boolean slowTriage(BountyProgram p, PolicyVersion policy) {
        Double median = p.medianTriageDays();
        return median != null && median > policy.bounty().maxMedianTriageDays();
    }
}
