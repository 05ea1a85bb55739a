package dev.warden.core.compliance;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code INCIDENT-PROCESS-UNDOCUMENTED}: "All Marketplace partners are expected to maintain a documented
 * security incident response process covering" prompt investigation, immediate containment and active
 * collaboration with the operator (docs/policy section 7). A partner is in violation, from the version's
 * {@code incidentProcess.requiredFrom} date, while as of the instant judged it has attested no process,
 * its last attested review is older than {@code reviewEveryMonths}, or the attested document leaves out
 * one of the three elements. Terminated partners are left alone; versions without an
 * {@code incidentProcess} section ask for nothing.
 */
public final class IncidentProcessUndocumented implements Rule {
    public static final String ID = "INCIDENT-PROCESS-UNDOCUMENTED";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A partner has no current documented incident response process covering investigation,"
                + " containment and collaboration";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Optional<PolicyParts.IncidentProcess> asked = policy.incidentProcessRequirement();
        if (asked.isEmpty()) {
            return List.of();
        }
        Instant required = startOf(asked.get().requiredFrom());
        if (facts.asOf().isBefore(required)) {
            return List.of();
        }
        int months = asked.get().reviewEveryMonths();
        Map<PartnerId, IncidentProcess> byPartner = new HashMap<>();
        facts.obligations().incidentProcesses().forEach(p -> byPartner.put(p.partner(), p));
        List<Violation> out = new ArrayList<>();
        for (Partner partner : facts.partners()) {
            if (partner.status() == PartnerStatus.TERMINATED) {
                continue;
            }
            IncidentProcess process = byPartner.get(partner.id());
            Optional<IncidentProcess.Attestation> current =
                    process == null ? Optional.empty() : process.asOf(facts.asOf());
            String evidence;
            Instant since;
            switch (IncidentProcess.standing(current, facts.asOf(), months)) {
                case MISSING -> {
                    evidence = partner.name() + " has attested no documented incident response process (expected"
                            + " from " + asked.get().requiredFrom() + ")";
                    since = required;
                }
                case STALE -> {
                    IncidentProcess.Attestation a = current.orElseThrow();
                    evidence = partner.name() + "'s incident response process was last reviewed on " + a.reviewedOn()
                            + ", more than " + months + " months ago (a review was due by " + a.reviewDue(months)
                            + "): " + a.document();
                    since = max(required, a.staleFrom(months));
                }
                case INCOMPLETE -> {
                    IncidentProcess.Attestation a = current.orElseThrow();
                    evidence = partner.name() + "'s incident response process (" + a.document()
                            + ") does not cover "
                            + String.join(
                                    " or ",
                                    a.missing().stream()
                                            .map(IncidentProcess.Element::label)
                                            .toList());
                    since = max(required, a.attestedAt());
                }
                default -> {
                    continue;
                }
            }
            out.add(new Violation(
                    ID, new Subject.Partner(partner.id()), since, Severity.MEDIUM, evidence, policy.id()));
        }
        return out;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
