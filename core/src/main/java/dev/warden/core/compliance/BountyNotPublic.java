package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BOUNTY-NOT-PUBLIC}: "a program neither public nor scheduled to be by its deadline" (docs/policy
 * section 5: "every program must be public, or scheduled with the platform to go public, by 2026-06-30.
 * Programs launched after 2026-02-01 start private and have six months to go public"). A program still
 * scheduled after its public date has passed counts as not public, and so does one whose go-public was
 * scheduled only after its deadline ({@code scheduledOn}; before that day it was private). Deactivated
 * programs are left alone.
 */
public final class BountyNotPublic implements Rule {
    public static final String ID = "BOUNTY-NOT-PUBLIC";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A bug bounty program is neither public nor scheduled to be by its deadline";
    }

    /** The last day a program may still be private: the policy's date, or six months after a late launch. */
    public static LocalDate deadline(BountyProgram program, PolicyParts.Bounty policy) {
        return program.launchedOn().isAfter(policy.newProgramsFrom())
                ? program.launchedOn().plusMonths(policy.newProgramMonthsToPublic())
                : policy.publicDeadline();
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        List<Violation> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(facts.asOf(), ZoneOffset.UTC);
        for (BountyProgram p : facts.obligations().programs()) {
            LocalDate deadline = deadline(p, policy.bounty());
            if (p.status() == BountyProgram.Status.DEACTIVATED
                    || p.visibility() == BountyProgram.Visibility.PUBLIC
                    || !today.isAfter(deadline)) {
                continue;
            }
            LocalDate from = deadline.plusDays(1);
            String evidence;
            LocalDate scheduledOn = p.scheduledOn();
            if (p.visibility() == BountyProgram.Visibility.SCHEDULED
                    && scheduledOn != null
                    && scheduledOn.isAfter(today)) {
                evidence = "still private (its go-public is scheduled only on " + scheduledOn + ")";
            } else if (p.visibility() == BountyProgram.Visibility.SCHEDULED
                    && scheduledOn != null
                    && scheduledOn.isAfter(deadline)) {
                // Scheduled too late: the deadline asked for public or scheduled by then; public cures it.
                evidence = "scheduled to go public on " + p.publicOn() + " only on " + scheduledOn + ", after the"
                        + " deadline, and still not public";
            } else if (p.visibility() == BountyProgram.Visibility.SCHEDULED) {
                LocalDate publicOn = java.util.Objects.requireNonNull(p.publicOn());
                if (!today.isAfter(publicOn)) {
                    continue; // scheduled with the platform in time, the date still ahead
                }
                from = publicOn.plusDays(1).isAfter(from) ? publicOn.plusDays(1) : from;
                evidence = "scheduled to go public on " + publicOn + " and still not public";
            } else {
                evidence = "still private";
            }
            Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            out.add(new Violation(
                    ID,
                    new Subject.Program(p.id(), p.partner()),
                    since,
                    Severity.MEDIUM,
                    "program " + p.id() + " on " + p.platform() + " (launched " + p.launchedOn() + ") is " + evidence
                            + "; it had to be public or scheduled by " + deadline,
                    policy.id()));
        }
        return out;
    }
}
