package dev.warden.server.enforcement;

import dev.warden.core.policy.EnforcementAction;
import org.jspecify.annotations.Nullable;

/** The bodies of the enforcement API's actions. */
public final class EnforcementRequests {
    private EnforcementRequests() {}

    /** An approver's decision, with an optional comment (required to reject). */
    public record Vote(@Nullable String comment) {}

    /** A step taken ahead of the ladder: which, why (a justification the policy allows) and a note. */
    public record Escalation(
            @Nullable EnforcementAction action,
            @Nullable Justification justification,
            @Nullable String note) {}

    /** A proposal to terminate a partner, with the reason (after internal review). */
    public record Termination(
            @Nullable String partner, @Nullable String reason) {}

    /** A partner's appeal against an action in effect: on what grounds. */
    public record Appeal(@Nullable String grounds) {}

    /** The decision on an appeal, with a note to the partner. */
    public record AppealDecision(@Nullable String note) {}

    /** An emergency pause of an actively exploited incident's apps: which incident, and why now. */
    public record EmergencyPause(
            @Nullable String incident, @Nullable String note) {}

    /** A note to go with a proposal to lift a resolved case's actions. */
    public record Note(@Nullable String note) {}
}
