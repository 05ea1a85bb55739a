package dev.warden.server.enforcement;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.compliance.IncidentActiveExploitation;
import dev.warden.core.compliance.Subject;
import dev.warden.core.cvss.Severity;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.Approvals;
import dev.warden.core.enforcement.CaseAction;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.enforcement.Origin;
import dev.warden.core.enforcement.Reconciler;
import dev.warden.core.obligations.Incident;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.NewAction;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Steps people propose rather than the ladder: a step ahead of the ladder for a reason the policy
 * allows, the emergency pause of an actively exploited incident's apps, a partner's termination, and
 * lifting a resolved case's actions again after a lift was rejected.
 */
@Service
public class Escalations {
    /** The rule id of cases opened by a person to terminate a partner. */
    static final String TERMINATION = "TERMINATION";

    private final CaseRows rows;
    private final CaseLedger ledger;
    private final EnforcementCases cases;
    private final EnforcementDecisions decisions;
    private final Partners partners;
    private final Incidents incidents;
    private final Policies policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final TerminationReviews terminationReviews;

    Escalations(
            CaseRows rows,
            CaseLedger ledger,
            EnforcementCases cases,
            EnforcementDecisions decisions,
            Partners partners,
            Incidents incidents,
            Policies policies,
            AuditTrail audit,
            Clock clock,
            TerminationReviews terminationReviews) {
        this.terminationReviews = terminationReviews;
        this.rows = rows;
        this.ledger = ledger;
        this.cases = cases;
        this.decisions = decisions;
        this.partners = partners;
        this.incidents = incidents;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** Proposes a step ahead of the ladder on an open case, for a reason the policy allows. */
    @Transactional
    public ActionView escalate(long caseId, EnforcementRequests.Escalation request, Actor by) {
        Instant now = clock.instant();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        request.check(policy.enforcement().skippableFor(), policy.id());
        EnforcementAction action = request.checkedAction();
        CaseRow c = cases.visibleCase(caseId, by);
        rows.lockPartner(c.partner());
        if (c.caseStatus() != CaseStatus.OPEN || c.rule().equals(TERMINATION)) {
            throw new ConflictException("Case #" + caseId + " is not an open violation case");
        }
        if (proposedOrInEffect(caseId, action)) {
            throw new ConflictException(action + " is already proposed or in effect in case #" + caseId);
        }
        int approvals = Approvals.required(Origin.ESCALATION, action.name(), policy);
        Justification why = request.checkedJustification();
        long id = ledger.propose(
                new NewAction(
                        caseId,
                        c.partner(),
                        Origin.ESCALATION,
                        action.name(),
                        null,
                        ActionStatus.PROPOSED,
                        now,
                        by.id(),
                        now,
                        why + ": " + request.checkedNote(),
                        why,
                        approvals,
                        null),
                by,
                "ACTION_PROPOSED",
                Map.of(
                        "case", caseId,
                        "action", action.name(),
                        "justification", why.name(),
                        "note", request.checkedNote(),
                        "approvalsRequired", approvals));
        return cases.action(id, by);
    }

    private boolean proposedOrInEffect(long caseId, EnforcementAction action) {
        return rows.actionsOf(caseId).stream()
                .anyMatch(a -> a.action().equals(action.name())
                        && (a.actionStatus() == ActionStatus.PROPOSED || a.actionStatus() == ActionStatus.APPLIED));
    }

    /** The partner of an incident the actor may see, if there is one. */
    public Optional<PartnerId> incidentPartner(@Nullable String incident, Actor by) {
        return incident == null
                ? Optional.empty()
                : incidents.find(incident, by).map(Incident::partner);
    }

    /**
     * Proposes pausing every app of an incident under active exploitation at once, ahead of the ladder
     * (the policy: "the operator may suspend the app immediately"), on the cases the rule
     * {@code INCIDENT-ACTIVE-EXPLOITATION} opened for them. Each proposal needs the approvals the policy
     * sets for a pause; containment resolves the cases, which proposes lifting the pause.
     *
     * <p>The caller evaluates the incident's partner just before, so that the cases exist.
     */
    @Transactional
    public List<ActionView> proposeEmergencyPause(EnforcementRequests.EmergencyPause request, Actor by) {
        request.check();
        String id = String.valueOf(request.incident());
        Incident incident = incidents
                .find(id, by)
                .orElseThrow(() -> new InvalidInputException("/incident", "no incident '" + id + "'"));
        if (!incident.activeExploitation() || !incident.open() || incident.containedAt() != null) {
            throw new ConflictException("Incident " + id + " is not under active exploitation now (it must be"
                    + " reported as actively exploited, open and not contained)");
        }
        rows.lockPartner(incident.partner());
        Map<String, CaseRow> open = new HashMap<>();
        for (CaseRow c : rows.activeCases(incident.partner())) {
            if (c.rule().equals(IncidentActiveExploitation.ID) && c.caseStatus() == CaseStatus.OPEN) {
                open.put(c.subjectId(), c);
            }
        }
        List<ActionView> proposed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AppKey app : incident.apps()) {
            CaseRow c = open.get(app.value());
            if (c == null) {
                skipped.add(app + " (no open case: evaluate the partner)");
            } else if (proposedOrInEffect(c.id(), EnforcementAction.PAUSE_LISTING)) {
                skipped.add(app + " (a pause is already proposed or in effect in case #" + c.id() + ")");
            } else {
                proposed.add(escalate(
                        c.id(),
                        new EnforcementRequests.Escalation(
                                EnforcementAction.PAUSE_LISTING,
                                Justification.ACTIVE_EXPLOITATION,
                                "Incident " + id + ": " + request.note()),
                        by));
            }
        }
        if (proposed.isEmpty()) {
            throw new ConflictException("Nothing to propose for incident " + id + ": " + String.join("; ", skipped));
        }
        return proposed;
    }

    /** Proposes terminating a partner: only ever by a person, and it needs two other people to approve. */
    @Transactional
    public ActionView proposeTermination(EnforcementRequests.Termination request, Actor by) {
        request.check(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        PartnerId id = request.partnerId();
        if (!rows.lockPartner(id)) {
            throw new InvalidInputException(
                    "invalid termination",
                    List.of(new dev.warden.core.validation.FieldError("/partner", "no partner '" + id + "'")));
        }
        if (partners.get(id).value().status() == PartnerStatus.TERMINATED) {
            throw new ConflictException("Partner '" + id + "' is already terminated");
        }
        String key = Reconciler.key(TERMINATION, new Subject.Partner(id));
        Optional<CaseRow> existing = rows.activeCases(id).stream()
                .filter(c ->
                        Reconciler.key(c.rule(), c.subjectType(), c.subjectId()).equals(key))
                .findFirst();
        if (existing.isPresent()) {
            throw new ConflictException("A termination of '" + id + "' is already proposed (case #"
                    + existing.get().id() + ")");
        }
        Instant now = clock.instant();
        String reason = request.checkedReason();
        long caseId = rows.insertCase(
                TERMINATION, "partner", id.value(), id, key, now, now, Severity.CRITICAL.name(), reason, "-");
        audit.record(
                by,
                "CASE_OPENED",
                "case",
                String.valueOf(caseId),
                id,
                Map.of("rule", TERMINATION, "subject", "partner:" + id, "evidence", reason));
        terminationReviews.insert(caseId, request.checkedReview(), request.migrationDays());
        audit.record(
                by,
                "TERMINATION_REVIEWED",
                "case",
                String.valueOf(caseId),
                id,
                Map.of(
                        "reviewedBy", request.checkedReview().checkedBy(),
                        "reviewedOn", request.checkedReview().checkedOn().toString(),
                        "outcome", request.checkedReview().checkedOutcome(),
                        "migrationWindowDays", request.migrationDays()));
        String action = EnforcementAction.TERMINATE_PARTNER.name();
        int approvals = Approvals.required(
                Origin.TERMINATION, action, policies.inForce().inForceAt(now));
        long actionId = ledger.propose(
                new NewAction(
                        caseId,
                        id,
                        Origin.TERMINATION,
                        action,
                        null,
                        ActionStatus.PROPOSED,
                        now,
                        by.id(),
                        now,
                        reason,
                        null,
                        approvals,
                        null),
                by,
                "ACTION_PROPOSED",
                Map.of("case", caseId, "action", action, "approvalsRequired", approvals));
        return cases.action(actionId, by);
    }

    /** Proposes again to lift a resolved case's actions (after an earlier lift was rejected). */
    @Transactional
    public ActionView proposeLift(long caseId, @Nullable String note, Actor by) {
        new EnforcementRequests.Note(note).check();
        CaseRow c = cases.visibleCase(caseId, by);
        rows.lockPartner(c.partner());
        if (c.caseStatus() != CaseStatus.RESOLVED) {
            throw new ConflictException(
                    "Case #" + caseId + " is " + c.status() + "; only a resolved case lifts actions");
        }
        if (rows.actionsOf(caseId).stream()
                .anyMatch(a -> a.actionOrigin() == Origin.LIFT && a.actionStatus() == ActionStatus.PROPOSED)) {
            throw new ConflictException("A lift is already proposed in case #" + caseId);
        }
        List<CaseAction> toLift = decisions.toLift(caseId);
        if (toLift.isEmpty()) {
            throw new ConflictException("Nothing is in effect in case #" + caseId);
        }
        long id = ledger.proposeLift(
                caseId,
                c.partner(),
                toLift,
                by,
                note == null || note.isBlank() ? "proposed again" : note,
                clock.instant());
        return cases.action(id, by);
    }
}
