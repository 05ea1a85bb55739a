package dev.warden.server.notifications;

import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentDuties;
import dev.warden.core.obligations.Verification;
import dev.warden.core.obligations.VerificationEvent;
import dev.warden.core.policy.PolicyParts;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.obligations.ObligationChanged;
import dev.warden.server.obligations.Verifications;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a partner is told about its obligations as they change: a verification requested (with the days
 * it has to submit), more information asked for (with the days to answer), and the decision; an incident
 * the operator recorded before the partner reported it (with the report's deadline).
 */
@Component
class ObligationNotices {
    private static final Actor NOTIFIER = Actor.system("notifications");
    private static final DateTimeFormatter WHEN = Mailer.WHEN;

    private final Mailer mailer;
    private final Verifications verifications;
    private final Incidents incidents;
    private final Policies policies;
    private final Clock clock;

    ObligationNotices(Mailer mailer, Verifications verifications, Incidents incidents, Policies policies, Clock clock) {
        this.mailer = mailer;
        this.verifications = verifications;
        this.incidents = incidents;
        this.policies = policies;
        this.clock = clock;
    }

    @EventListener
    void obligationChanged(ObligationChanged changed) {
        if (changed.kind().equals("VERIFICATION")) {
            verification(changed);
        } else if (changed.kind().equals("INCIDENT")) {
            incident(changed);
        }
    }

    /** An incident the operator recorded first: the partner is asked to report it (once per incident). */
    private void incident(ObligationChanged changed) {
        Incident incident = incidents.get(changed.id(), NOTIFIER).incident();
        if (incident.wasReported()) {
            return;
        }
        PolicyParts.Incidents numbers =
                policies.inForce().inForceAt(clock.instant()).incidents();
        Instant due = IncidentDuties.reportDue(incident, numbers);
        String key = "incident-recorded:" + incident.id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incident", incident.id());
        data.put("partner", incident.partner().value());
        data.put("apps", incident.apps().stream().map(a -> a.value()).toList());
        data.put("title", incident.title());
        data.put("awareAt", incident.awareAt().toString());
        data.put("reportDueAt", due.toString());
        data.put("link", mailer.base() + "/incidents/" + incident.id());
        mailer.announce("incident.recorded", incident.partner(), key, data);
        Map<String, Object> values = new HashMap<>();
        values.put("id", incident.id());
        values.put("title", incident.title());
        values.put(
                "apps",
                String.join(", ", incident.apps().stream().map(a -> a.value()).toList()));
        values.put("aware", WHEN.format(incident.awareAt()));
        values.put("due", WHEN.format(due));
        values.put("hours", numbers.reportWithinHours());
        values.put("updateHours", numbers.updateEveryHours());
        values.put("late", clock.instant().isAfter(due));
        mailer.toPartner(
                key,
                "INCIDENT_RECORDED",
                incident.partner(),
                "[Warden] Incident " + incident.id() + " on record: report it as a P1 incident",
                "incident-recorded",
                values,
                "/incidents/" + incident.id());
    }

    private void verification(ObligationChanged changed) {
        Verification v = verifications.get(changed.id(), NOTIFIER).verification();
        Verification.State state = v.state();
        if (state == Verification.State.SUBMITTED) {
            return; // the partner's own step: nothing to tell it
        }
        List<VerificationEvent> events = v.events();
        String note = events.isEmpty() || events.get(events.size() - 1).note() == null
                ? ""
                : events.get(events.size() - 1).note();
        Instant since = v.stateSince();
        PolicyParts.Verification numbers =
                policies.inForce().inForceAt(clock.instant()).verification();
        int days = state == Verification.State.REQUESTED ? numbers.submitDays() : numbers.infoRequestResponseDays();
        Instant due = since.plus(Duration.ofDays(days));
        Map<String, Object> values = new HashMap<>();
        values.put("state", state.name());
        values.put("note", note);
        values.put("days", days);
        values.put("due", WHEN.format(due));
        String key = "verification:" + v.id() + ":" + events.size();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification", v.id());
        data.put("partner", v.partner().value());
        data.put("state", state.name());
        data.put("note", note);
        boolean open = state == Verification.State.REQUESTED || state == Verification.State.INFO_REQUESTED;
        if (open) {
            data.put("dueAt", due.toString());
        }
        data.put("link", mailer.base() + "/verifications");
        mailer.announce("verification." + state.name().toLowerCase(java.util.Locale.ROOT), v.partner(), key, data);
        String subject = switch (state) {
            case REQUESTED -> "[Warden] Verification requested: submit by " + WHEN.format(due);
            case INFO_REQUESTED -> "[Warden] Verification: more information needed by " + WHEN.format(due);
            case VERIFIED -> "[Warden] Verified";
            case REJECTED -> "[Warden] Verification rejected";
            case SUBMITTED -> throw new AssertionError(state);
        };
        mailer.toPartner(
                key, "VERIFICATION_" + state.name(), v.partner(), subject, "verification", values, "/verifications");
    }
}
