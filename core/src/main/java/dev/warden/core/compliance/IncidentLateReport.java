package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentDuties;
import dev.warden.core.policy.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code INCIDENT-LATE-REPORT}: "an incident reported more than 24 hours after awareness" (docs/policy
 * section 7: "report an incident affecting an app within 24 hours of becoming aware of it"). One
 * violation per affected app, held while the incident is open: closing the incident ends it.
 */
public final class IncidentLateReport implements Rule {
    public static final String ID = "INCIDENT-LATE-REPORT";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An incident was reported more than 24 hours after the partner became aware of it";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        PerApp found = new PerApp();
        for (Incident incident : facts.incidents()) {
            if (!incident.open() || !IncidentDuties.reportedLate(incident, policy.incidents())) {
                continue;
            }
            Instant due = IncidentDuties.reportDue(incident, policy.incidents());
            long hours =
                    Duration.between(incident.awareAt(), incident.reportedAt()).toHours();
            String line = incident.id() + " (" + incident.title() + "): aware " + Evidence.date(incident.awareAt())
                    + ", reported " + Evidence.date(incident.reportedAt()) + ", " + hours
                    + " hours later (the policy asks"
                    + " within " + policy.incidents().reportWithinHours() + " hours)";
            for (AppKey app : incident.apps()) {
                found.add(app, incident.partner(), line, due, Severity.MEDIUM);
            }
        }
        return found.violations(ID, policy.id());
    }
}
