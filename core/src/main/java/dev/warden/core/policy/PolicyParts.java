package dev.warden.core.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of a policy version, one record per area of the policy. */
public final class PolicyParts {
    private PolicyParts() {}

    /** The bug bounty triage window. */
    public record Triage(int windowDays, ClockStart clockStart) {}

    /**
     * How soon a partner acknowledges a ticket assigned to it ("Partners should acknowledge and triage AMS
     * tickets promptly after they are assigned"), in business days (Monday to Friday, UTC) from the
     * report, per ticket type. Operator-set: the policy gives no number.
     */
    public record Acknowledgement(Map<dev.warden.core.tickets.TicketType, Integer> businessDays) {
        public Acknowledgement {
            businessDays = Map.copyOf(businessDays);
        }

        /** The instant a ticket of this type reported at {@code reported} is to be acknowledged by. */
        public java.time.Instant dueAt(dev.warden.core.tickets.TicketType type, java.time.Instant reported) {
            int left = java.util.Objects.requireNonNull(businessDays.get(type));
            // Plain arithmetic on the epoch day (1970-01-01 was a Thursday): a million tickets pass here.
            long day = Math.floorDiv(reported.getEpochSecond(), 86_400L);
            long added = 0;
            while (left > 0) {
                added++;
                long weekday = Math.floorMod(day + added + 3, 7L); // 0 Monday ... 5 Saturday, 6 Sunday
                if (weekday < 5) {
                    left--;
                }
            }
            return reported.plusSeconds(added * 86_400L);
        }
    }

    /** What an extension request may give as a reason, and how far one extension may move a due date. */
    public record Extensions(List<ExtensionReason> reasons, int maxDaysPerExtension) {
        public Extensions {
            reasons = List.copyOf(reasons);
        }
    }

    /** When people are reminded of an approaching due date. */
    public record Reminders(List<Integer> daysBeforeDue) {
        public Reminders {
            daysBeforeDue = List.copyOf(daysBeforeDue);
        }
    }

    /** Security contact requirements. */
    public record Contacts(boolean requireEcosystemAccount) {}

    /**
     * OAuth client requirements (section 3).
     *
     * @param secretStorageGraceDays how long a client's secret storage may stay unknown; null where the
     *     version does not judge secret storage
     * @param rotateAfterExposureDays within how many days of an exposure every client is rotated ("rotate
     *     immediately if exposure is suspected"); null where the version does not judge it
     * @param scopeReviewMonths how long a review of an app's scopes stays current ("audit scope usage
     *     periodically"); null where the version does not judge it
     */
    public record OAuth(
            int secretRotationDays,
            int domainExpiryWarningDays,
            double takeoverCvss,
            @org.jspecify.annotations.Nullable Integer secretStorageGraceDays,
            @org.jspecify.annotations.Nullable Integer rotateAfterExposureDays,
            @org.jspecify.annotations.Nullable Integer scopeReviewMonths) {
        /** A version written before secret storage, rotation after exposure and scope reviews were judged. */
        public OAuth(int secretRotationDays, int domainExpiryWarningDays, double takeoverCvss) {
            this(secretRotationDays, domainExpiryWarningDays, takeoverCvss, null, null, null);
        }
    }

    /** Partner verification deadlines (section 4). */
    public record Verification(int submitDays, int infoRequestResponseDays, int changeNotificationDays) {}

    /** Bug bounty scope, deadlines and health (section 5). */
    public record Bounty(
            int goldMinInstalls,
            LocalDate publicDeadline,
            LocalDate newProgramsFrom,
            int newProgramMonthsToPublic,
            int maxMedianTriageDays,
            int dormantDays) {}

    /** The ban on collecting user API tokens (section 6). */
    public record PersonalAccessTokens(LocalDate migrationDeadline, LocalDate newAppsFrom) {}

    /** Incident response deadlines (section 7). */
    public record Incidents(
            int reportWithinHours, int updateEveryHours, int remediationPlanDays, int reviewDaysAfterContainment) {}

    /**
     * The documented incident response process (section 7: partners "are expected to maintain a
     * documented security incident response process"): from when Warden expects one on record, and how
     * many months a review stays current. Both are operator-set; the policy gives no numbers.
     */
    public record IncidentProcess(LocalDate requiredFrom, int reviewEveryMonths) {}

    /**
     * What an app must keep meeting to hold the Cloud Fortified badge. The policy names bug bounty
     * participation ("a prerequisite for Cloud Fortified approval"); the rest are operator-set.
     *
     * @param bountyProgram an active, healthy bug bounty program covers the app
     * @param noOverdueFrom no open ticket of this severity or worse is past its due date on the app's Cloud listing
     * @param noOpenIncident no open incident names the app
     * @param reviewEveryMonths the award is reviewed at least this often
     */
    public record CloudFortified(
            boolean bountyProgram,
            dev.warden.core.cvss.Severity noOverdueFrom,
            boolean noOpenIncident,
            int reviewEveryMonths,
            @org.jspecify.annotations.Nullable Integer minSlaAttainmentPercent) {
        /** Without the SLA requirement (a version written before it existed). */
        public CloudFortified(
                boolean bountyProgram,
                dev.warden.core.cvss.Severity noOverdueFrom,
                boolean noOpenIncident,
                int reviewEveryMonths) {
            this(bountyProgram, noOverdueFrom, noOpenIncident, reviewEveryMonths, null);
        }
    }

    /** How an answer or an observation weighs in the new-app security review. */
    public enum Signal {
        PASS,
        /** The analyst looks closer; approval stays possible. */
        WARNING,
        /** The app is not approved unless a second person overrides it, on the record. */
        FAIL
    }

    /** What a question expects: yes or no, one of listed choices, or free text (which raises no signal). */
    public enum AnswerType {
        YES_NO,
        CHOICE,
        TEXT
    }

    /**
     * What one answer to a question signals, and why (the policy sentence, shown to the partner).
     *
     * @param why required for WARNING and FAIL
     */
    public record AnswerSignal(
            Signal signal,
            @org.jspecify.annotations.Nullable String why) {}

    /**
     * A question of the security questionnaire a new app's submission answers (section 6: "Apps that
     * collect, transmit, or store Atlassian user account API tokens will not be approved during the
     * security questionnaire review").
     *
     * @param answers for YES_NO the answers YES and NO, for CHOICE each choice: what it signals; TEXT has none
     */
    public record Question(String id, String text, AnswerType type, Map<String, AnswerSignal> answers) {
        public Question {
            answers = answers == null ? Map.of() : Map.copyOf(answers);
        }
    }

    /** One step of a rule's ladder: the action, and how many days after the violation began it comes due. */
    public record LadderStep(EnforcementAction action, int afterDays) {}

    /** The enforcement ladder (section 8): windows, approvals per action, and each rule's steps. */
    public record Enforcement(
            int warningWindowDays,
            int appealWindowDays,
            Map<EnforcementAction, Integer> approvals,
            Map<String, List<LadderStep>> ladders,
            Set<EnforcementAction> skippableFor) {
        public Enforcement {
            approvals = Map.copyOf(approvals);
            ladders = Map.copyOf(ladders);
            skippableFor = Set.copyOf(skippableFor);
        }

        /** How many different approvers an action needs. */
        public int approvalsFor(EnforcementAction action) {
            Integer n = approvals.get(action);
            if (n == null) {
                throw new IllegalArgumentException("no approval count for " + action);
            }
            return n;
        }

        public List<LadderStep> ladder(String ruleId) {
            return ladders.getOrDefault(ruleId, List.of());
        }
    }

    /**
     * The operator's scanner (section 3): the CVSS v3 vector a finding of each scanner rule is reported
     * with as a SCANNER ticket. A rule not listed opens no ticket (its findings are still findings, and
     * may raise a rule such as OAUTH-SCOPE-EXCESS). A vulnerable bundled library is reported at its
     * advisory's own CVSS, and only from {@code dependencyThreshold} up (absent: High, as the policy
     * names "Critical or High" vulnerabilities).
     */
    public record Scanner(
            Map<String, String> findingCvss,
            dev.warden.core.cvss.@org.jspecify.annotations.Nullable Severity dependencyThreshold) {
        /** The vectors of a version that names none (versions before 2026-04-15). */
        public static final Scanner DEFAULTS = new Scanner(
                Map.of(
                        "oauth-client-secret", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N",
                        "atlassian-api-token", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
                        "dc-personal-access-token", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
                        "atlassian-admin-key", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
                        "pat-collection", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:N",
                        "private-key", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N"),
                dev.warden.core.cvss.Severity.HIGH);

        public Scanner {
            findingCvss = Map.copyOf(findingCvss);
        }
    }
}
