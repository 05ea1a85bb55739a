package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentDuties;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code INCIDENT-FOLLOW-UP}: "status updates, remediation plan, review or customer notice missing or
 * late" (docs/policy section 7: "timely status updates (at least every 72 hours until contained), a
 * detailed remediation plan (within 7 days), a comprehensive post-incident review (within 30 days of
 * containment), and notify affected customers promptly"). One violation per affected app of an open
 * incident; a duty met late no longer counts.
 */
public final class IncidentFollowUp implements Rule {
    public static final String ID = "INCIDENT-FOLLOW-UP";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An incident's status update, remediation plan, post-incident review or customer notice is late";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        PerApp found = new PerApp();
        for (Incident incident : facts.incidents()) {
            if (!incident.open()) {
                continue; // an incident the partner has not reported has only the report due
            }
            List<String> late = new ArrayList<>();
            Instant since = null;
            for (IncidentDuties.Duty duty : IncidentDuties.at(incident, policy.incidents(), facts.asOf())) {
                Instant due = duty.due();
                if (!duty.late() || duty.name().equals(IncidentDuties.REPORT) || due == null) {
                    continue;
                }
                late.add(duty.what() + ", due " + Evidence.date(due) + " (" + Evidence.elapsed(due, facts.asOf())
                        + " late)");
                since = since == null || due.isBefore(since) ? due : since;
            }
            if (late.isEmpty()) {
                continue;
            }
            String line = incident.id() + " (" + incident.title() + "): " + String.join(", ", late);
            Severity severity = incident.activeExploitation() ? Severity.HIGH : Severity.MEDIUM;
            for (AppKey app : incident.apps()) {
                found.add(app, incident.partner(), line, since, severity);
            }
        }
        return found.violations(ID, policy.id());
    }
}
