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
 * section 7: partners "must notify Atlassian of any security incident impacting a Marketplace app by
 * raising a P1 incident ticket within 24 hours of becoming aware of the incident"). One violation per
 * affected app, held while the incident is open: closing the incident ends it. An incident the operator
 * learned of first and the partner has not reported is a violation once the 24 hours have passed, open
 * or not, until the partner reports it.
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
            Instant reported = incident.reportedAt();
            if (!IncidentDuties.reportedLate(incident, policy.incidents(), facts.asOf())
                    || (reported != null && !incident.open())) {
                continue;
            }
            Instant due = IncidentDuties.reportDue(incident, policy.incidents());
            long hours = Duration.between(incident.awareAt(), reported != null ? reported : facts.asOf())
                    .toHours();
            String line = incident.id() + " (" + incident.title() + "): aware " + Evidence.date(incident.awareAt())
                    + (reported != null
                            ? ", reported " + Evidence.date(reported) + ", " + hours + " hours later"
                            : ", not reported by the partner (known to the operator since "
                                    + Evidence.date(incident.recordedAt()) + "), " + hours + " hours on")
                    + " (the policy asks within " + policy.incidents().reportWithinHours()
                    + " hours)";
            for (AppKey app : incident.apps()) {
                found.add(app, incident.partner(), line, due, Severity.MEDIUM);
            }
        }
        return found.violations(ID, policy.id());
    }
}
