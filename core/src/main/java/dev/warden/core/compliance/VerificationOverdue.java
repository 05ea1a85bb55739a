package dev.warden.core.compliance;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Verification;
import dev.warden.core.obligations.VerificationEvent;
import dev.warden.core.policy.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code VERIFICATION-OVERDUE}: "verification not completed in time, or an info request unanswered"
 * (docs/policy section 4: "14 days to submit; a missed deadline rejects the ticket. Partners must answer
 * requests for more information in time"). Judged on each partner's latest verification: not submitted
 * within the window, a request for information unanswered within its window (14 days, operator-set), or
 * rejected (the partner is not verified until a new verification succeeds).
 */
public final class VerificationOverdue implements Rule {
    public static final String ID = "VERIFICATION-OVERDUE";

    private static final Comparator<Verification> LATEST =
            Comparator.comparing(Verification::requestedAt).thenComparing(Verification::id);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A partner's verification was not submitted in time, an information request is unanswered, or"
                + " it was rejected";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<PartnerId, Verification> latest = new TreeMap<>();
        for (Verification v : facts.verifications()) {
            latest.merge(v.partner(), v, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
        }
        List<Violation> out = new ArrayList<>();
        for (Verification v : latest.values()) {
            Instant asOf = facts.asOf();
            String evidence = null;
            Instant since = null;
            switch (v.state()) {
                case REQUESTED:
                    Instant due = v.requestedAt()
                            .plus(Duration.ofDays(policy.verification().submitDays()));
                    if (asOf.isAfter(due)) {
                        evidence = "verification " + v.id() + " requested " + Evidence.date(v.requestedAt())
                                + ", not submitted; due " + Evidence.date(due) + " ("
                                + policy.verification().submitDays()
                                + " days), " + Evidence.elapsed(due, asOf) + " overdue; a missed deadline rejects it";
                        since = due;
                    }
                    break;
                case INFO_REQUESTED:
                    Instant asked = v.stateSince();
                    Instant answerDue =
                            asked.plus(Duration.ofDays(policy.verification().infoRequestResponseDays()));
                    if (asOf.isAfter(answerDue)) {
                        evidence = "verification " + v.id() + ": more information requested " + Evidence.date(asked)
                                + ", unanswered; due " + Evidence.date(answerDue) + ", "
                                + Evidence.elapsed(answerDue, asOf) + " overdue";
                        since = answerDue;
                    }
                    break;
                case REJECTED:
                    VerificationEvent last = v.events().get(v.events().size() - 1);
                    evidence = "verification " + v.id() + " rejected " + Evidence.date(last.at())
                            + (last.note() == null ? "" : " (" + last.note() + ")")
                            + "; the partner is not verified";
                    since = last.at();
                    break;
                default:
                    break;
            }
            if (evidence != null) {
                out.add(new Violation(
                        ID, new Subject.Partner(v.partner()), since, Severity.MEDIUM, evidence, policy.id()));
            }
        }
        return out;
    }
}
