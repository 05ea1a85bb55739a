package dev.warden.core.obligations;

import dev.warden.core.policy.PolicyParts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a partner owes the operator for an incident at an instant (docs/policy section 7), each with its
 * due moment: the report within 24 hours of awareness, status updates until contained, the remediation
 * plan, the post-incident review after containment, and the customer notice when customers were
 * affected. The numbers come from the policy version.
 */
public final class IncidentDuties {
    /** One duty: what, when it was due, when it was met (null: not yet), and whether it is late at the instant. */
    public record Duty(
            String name,
            String what,
            @Nullable Instant due,
            @Nullable Instant done,
            boolean late) {}

    public static final String REPORT = "report";
    public static final String STATUS_UPDATE = "statusUpdate";
    public static final String REMEDIATION_PLAN = "remediationPlan";
    public static final String REVIEW = "postIncidentReview";
    public static final String CUSTOMER_NOTICE = "customerNotice";

    private IncidentDuties() {}

    /** The report's deadline: this many hours after the partner became aware. */
    public static Instant reportDue(Incident incident, PolicyParts.Incidents policy) {
        return incident.awareAt().plus(Duration.ofHours(policy.reportWithinHours()));
    }

    /**
     * Whether the report is late at {@code asOf}: reported after its deadline, or not reported by the
     * partner and the deadline has passed.
     */
    public static boolean reportedLate(Incident incident, PolicyParts.Incidents policy, Instant asOf) {
        Instant reported = incident.reportedAt();
        return (reported != null ? reported : asOf).isAfter(reportDue(incident, policy));
    }

    /**
     * The duties at {@code asOf}. The customer notice is due with the remediation plan (the policy says
     * "promptly" and gives no number; Warden holds it to the plan's window).
     */
    public static List<Duty> at(Incident incident, PolicyParts.Incidents policy, Instant asOf) {
        List<Duty> duties = new ArrayList<>();
        Instant reportDue = reportDue(incident, policy);
        duties.add(new Duty(
                REPORT,
                "report within " + policy.reportWithinHours() + " hours of becoming aware",
                reportDue,
                incident.reportedAt(),
                reportedLate(incident, policy, asOf)));
        Instant reported = incident.reportedAt();
        if (reported == null) {
            return duties; // the follow-up duties count from the partner's report
        }

        Instant contained = incident.containedAt();
        if (contained == null) {
            Instant next = incident.lastStatusAt().plus(Duration.ofHours(policy.updateEveryHours()));
            duties.add(new Duty(
                    STATUS_UPDATE,
                    "a status update at least every " + policy.updateEveryHours() + " hours until contained",
                    next,
                    null,
                    asOf.isAfter(next)));
        }

        Instant planDue = reported.plus(Duration.ofDays(policy.remediationPlanDays()));
        Instant plan = incident.first(IncidentEvent.Type.REMEDIATION_PLAN)
                .map(IncidentEvent::at)
                .orElse(null);
        duties.add(new Duty(
                REMEDIATION_PLAN,
                "a remediation plan within " + policy.remediationPlanDays() + " days of the report",
                planDue,
                plan,
                plan == null && asOf.isAfter(planDue)));

        Instant review =
                incident.first(IncidentEvent.Type.REVIEW).map(IncidentEvent::at).orElse(null);
        Instant reviewDue =
                contained == null ? null : contained.plus(Duration.ofDays(policy.reviewDaysAfterContainment()));
        duties.add(new Duty(
                REVIEW,
                "a post-incident review within " + policy.reviewDaysAfterContainment() + " days of containment",
                reviewDue,
                review,
                review == null && reviewDue != null && asOf.isAfter(reviewDue)));

        if (incident.customersAffectedNow() > 0) {
            Instant notice = incident.first(IncidentEvent.Type.CUSTOMERS_NOTIFIED)
                    .map(IncidentEvent::at)
                    .orElse(null);
            duties.add(new Duty(
                    CUSTOMER_NOTICE,
                    "notify the " + incident.customersAffectedNow() + " affected customers with the operator's"
                            + " template",
                    planDue,
                    notice,
                    notice == null && asOf.isAfter(planDue)));
        }
        return duties;
    }
}
