package dev.warden.core.policy;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One version of the operator's policy: every number Warden enforces, the date it takes effect, and
 * which numbers are defaults the operator chose ({@code operatorSet}) rather than published ones.
 * Read with {@link PolicyReader}; the format is docs/schema/warden.policy.v1.schema.json.
 */
public record PolicyVersion(
        String format,
        String id,
        String title,
        LocalDate effectiveFrom,
        @Nullable String source,
        Map<Severity, Double> severity,
        Map<Severity, Map<Hosting, Integer>> remediationDays,
        PolicyParts.Triage triage,
        PolicyParts.Extensions extensions,
        PolicyParts.Reminders reminders,
        PolicyParts.Contacts contacts,
        PolicyParts.OAuth oauth,
        PolicyParts.Verification verification,
        PolicyParts.Bounty bounty,
        PolicyParts.PersonalAccessTokens personalAccessTokens,
        PolicyParts.Incidents incidents,
        PolicyParts.Enforcement enforcement,
        List<String> operatorSet,
        PolicyParts.@Nullable Scanner scanner,
        PolicyParts.@Nullable IncidentProcess incidentProcess,
        PolicyParts.@Nullable CloudFortified cloudFortified,
        @Nullable List<PolicyParts.Question> questionnaire,
        PolicyParts.@Nullable Acknowledgement acknowledgement) {

    public static final String FORMAT = "warden.policy/v1";

    public PolicyVersion {
        for (Severity s : Severity.values()) {
            if (!severity.containsKey(s) || !remediationDays.containsKey(s)) {
                throw new IllegalArgumentException("a policy gives a band and timeframes for " + s);
            }
            for (Hosting h : Hosting.values()) {
                if (!remediationDays.get(s).containsKey(h)) {
                    throw new IllegalArgumentException("a policy gives a timeframe for " + s + " on " + h);
                }
            }
        }
        severity = new EnumMap<>(severity);
        Map<Severity, Map<Hosting, Integer>> table = new EnumMap<>(Severity.class);
        remediationDays.forEach((s, row) -> table.put(s, new EnumMap<>(row)));
        remediationDays = table;
        operatorSet = List.copyOf(operatorSet);
        questionnaire = questionnaire == null ? null : List.copyOf(questionnaire);
    }

    /** The instant the version takes effect: the start of its date, in UTC. */
    public Instant effectiveAt() {
        return effectiveFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The severity band of a CVSS base score; empty for 0.0, which is not a vulnerability. */
    public Optional<Severity> severityOf(double score) {
        for (Severity s : Severity.values()) {
            if (score >= minScore(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The remediation timeframe for a severity on a hosting type. */
    public Duration timeframe(Severity s, Hosting hosting) {
        return Duration.ofDays(days(s, hosting));
    }

    /** The remediation timeframe in days (complete for every severity and hosting; checked on creation). */
    public int days(Severity s, Hosting hosting) {
        Map<Hosting, Integer> row = java.util.Objects.requireNonNull(remediationDays.get(s));
        return java.util.Objects.requireNonNull(row.get(hosting));
    }

    /** The lowest CVSS base score of a severity band. */
    public double minScore(Severity s) {
        return java.util.Objects.requireNonNull(severity.get(s));
    }

    public Duration triageWindow() {
        return Duration.ofDays(triage.windowDays());
    }

    /** Whether a parameter, by its dotted path (for example {@code triage.clockStart}), is operator-set. */
    public boolean isOperatorSet(String path) {
        return operatorSet.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "."));
    }

    /**
     * The CVSS v3 vector a finding of a scanner rule is reported with as a SCANNER ticket; empty for a
     * rule that opens no ticket. A version without a {@code scanner} section uses {@link
     * PolicyParts.Scanner#DEFAULTS}.
     */
    public Optional<String> findingCvss(String scannerRule) {
        PolicyParts.Scanner table = scanner == null ? PolicyParts.Scanner.DEFAULTS : scanner;
        return Optional.ofNullable(table.findingCvss().get(scannerRule));
    }

    /**
     * The least severity of a bundled library's advisory that is a finding (and a SCANNER ticket): High
     * unless the version says otherwise.
     */
    public dev.warden.core.cvss.Severity dependencyThreshold() {
        dev.warden.core.cvss.Severity given = scanner == null ? null : scanner.dependencyThreshold();
        return given == null ? dev.warden.core.cvss.Severity.HIGH : given;
    }

    /**
     * What the version asks of a partner's documented incident response process; empty for versions
     * that ask nothing (those before 2026-04-15).
     */
    public Optional<PolicyParts.IncidentProcess> incidentProcessRequirement() {
        return Optional.ofNullable(incidentProcess);
    }

    /** What an app must keep meeting to hold the Cloud Fortified badge; empty for versions that say nothing. */
    public Optional<PolicyParts.CloudFortified> cloudFortifiedRequirements() {
        return Optional.ofNullable(cloudFortified);
    }

    /** How soon tickets are to be acknowledged; empty for versions that do not judge it. */
    public Optional<PolicyParts.Acknowledgement> acknowledgementWindow() {
        return Optional.ofNullable(acknowledgement);
    }

    /** The security questionnaire a new app's submission answers; empty for versions that have none. */
    public List<PolicyParts.Question> questions() {
        return questionnaire == null ? List.of() : questionnaire;
    }

    /** Reason categories a partner may give for an extension. */
    public Set<ExtensionReason> extensionReasons() {
        return Set.copyOf(extensions.reasons());
    }
}
