package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.validation.Fields;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The bodies of the enforcement API's actions; each checks itself and reports every mistake at once. */
public final class EnforcementRequests {
    static final int MAX_NOTE = 2000;
    static final int MAX_GROUNDS = 4000;

    private EnforcementRequests() {}

    /** An approver's decision, with an optional comment (required to reject). */
    public record Vote(@Nullable String comment) {
        void check(boolean approve) {
            Fields f = new Fields("invalid decision");
            if (!approve) {
                f.requireText("/comment", comment, "say why the action is rejected");
            }
            f.maxLength("/comment", comment, MAX_NOTE).check();
        }
    }

    /** A step taken ahead of the ladder: which, why (a justification the policy allows) and a note. */
    public record Escalation(
            @Nullable EnforcementAction action,
            @Nullable Justification justification,
            @Nullable String note) {

        /** Checked against what the policy version in force allows ahead of the ladder. */
        void check(Set<EnforcementAction> skippable, String policyId) {
            Fields f = new Fields("invalid escalation")
                    .require("/action", action, "is required")
                    .require(
                            "/justification",
                            justification,
                            "is required: ACTIVE_EXPLOITATION, MALICIOUS_ACTIVITY or LEGAL_OBLIGATION")
                    .requireText("/note", note, "say what justifies skipping the ladder")
                    .maxLength("/note", note, MAX_NOTE);
            if (action != null && !skippable.contains(action)) {
                f.error(
                        "/action",
                        "policy " + policyId + " allows only "
                                + skippable.stream().sorted().toList() + " ahead of the ladder");
            }
            f.check();
        }

        EnforcementAction checkedAction() {
            return Objects.requireNonNull(action);
        }

        Justification checkedJustification() {
            return Objects.requireNonNull(justification);
        }

        String checkedNote() {
            return Objects.requireNonNull(note);
        }
    }

    /** A proposal to terminate a partner, with the reason (after internal review). */
    public record Termination(
            @Nullable String partner, @Nullable String reason) {
        void check() {
            Fields f = new Fields("invalid termination");
            if (partner == null || !PartnerId.isValid(partner)) {
                f.error("/partner", "is required: a partner id");
            }
            f.requireText("/reason", reason, "say why, after internal review")
                    .maxLength("/reason", reason, MAX_GROUNDS)
                    .check();
        }

        PartnerId partnerId() {
            return PartnerId.of(Objects.requireNonNull(partner));
        }

        String checkedReason() {
            return Objects.requireNonNull(reason);
        }
    }

    /** A partner's appeal against an action in effect: on what grounds. */
    public record Appeal(@Nullable String grounds) {
        String checkedGrounds() {
            new Fields("invalid appeal")
                    .requireText("/grounds", grounds, "say why the action should be reversed")
                    .maxLength("/grounds", grounds, MAX_GROUNDS)
                    .check();
            return Objects.requireNonNull(grounds);
        }
    }

    /** The decision on an appeal, with a note to the partner (required to deny). */
    public record AppealDecision(@Nullable String note) {
        void check(boolean uphold) {
            Fields f = new Fields("invalid decision");
            if (!uphold) {
                f.requireText("/note", note, "tell the partner why the appeal is denied");
            }
            f.maxLength("/note", note, MAX_NOTE).check();
        }
    }

    /** An emergency pause of an actively exploited incident's apps: which incident, and why now. */
    public record EmergencyPause(
            @Nullable String incident, @Nullable String note) {
        void check() {
            new Fields("invalid emergency pause")
                    .requireText("/incident", incident, "is required: the id of the incident, for example INC-4")
                    .requireText("/note", note, "say what is being exploited and why pause now")
                    .maxLength("/note", note, MAX_NOTE)
                    .check();
        }
    }

    /** A note to go with a proposal to lift a resolved case's actions. */
    public record Note(@Nullable String note) {
        void check() {
            new Fields("invalid request").maxLength("/note", note, MAX_NOTE).check();
        }
    }
}
