package dev.warden.server.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.Tier;
import dev.warden.core.obligations.CustomerNotice;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentDuties;
import dev.warden.core.obligations.IncidentEngagement;
import dev.warden.core.obligations.IncidentEvent;
import dev.warden.core.obligations.IncidentPriority;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Incidents: reported by partners (or the operator for them), followed up with events, closed by the operator. */
@Service
public class Incidents {
    static final String WHAT = "incident";

    private final ObligationStore store;
    private final Apps apps;
    private final Partners partners;
    private final Policies policies;
    private final NoticeTemplate template;

    Incidents(ObligationStore store, Apps apps, Partners partners, Policies policies, NoticeTemplate template) {
        this.store = store;
        this.apps = apps;
        this.partners = partners;
        this.policies = policies;
        this.template = template;
    }

    /**
     * An incident with what is owed for it now, per the policy in force, and how closely the operator
     * works with the partner on it.
     */
    public record IncidentView(
            Incident incident,
            String state,
            boolean reportedLate,
            List<IncidentDuties.Duty> duties,
            IncidentEngagement engagement,
            int version) {}

    @Transactional(readOnly = true)
    public Page<IncidentView> list(@Nullable PartnerId partner, @Nullable String state, Paging paging, Actor actor) {
        return store.page(Kind.INCIDENT, Incident.class, partner, state, paging, actor)
                .map(this::view);
    }

    @Transactional(readOnly = true)
    public IncidentView get(String id, Actor actor) {
        return view(store.get(Kind.INCIDENT, id, Incident.class, actor, WHAT));
    }

    /** The incident as stored, for callers that act on it (the emergency pause). */
    @Transactional(readOnly = true)
    public Optional<Incident> find(String id, Actor actor) {
        try {
            return Optional.of(
                    store.get(Kind.INCIDENT, id, Incident.class, actor, WHAT).value());
        } catch (dev.warden.server.shared.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Transactional
    public IncidentView report(ObligationRequests.ReportIncident request, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = store.now();
        PartnerId partner = Scope.owner(request.partner(), actor, partners, errors);
        List<AppKey> keys = Scope.apps(request.apps(), partner, apps, errors);
        if (request.category() == null) {
            errors.add(new FieldError(
                    "/category", "is required: " + List.of(dev.warden.core.obligations.IncidentCategory.values())));
        }
        if (request.title() == null || request.title().isBlank()) {
            errors.add(new FieldError("/title", "is required: one line saying what happened"));
        }
        Instant aware = request.awareAt();
        if (aware == null) {
            errors.add(new FieldError("/awareAt", "is required: when the partner became aware of the incident"));
        } else if (aware.isAfter(now)) {
            errors.add(new FieldError("/awareAt", "is in the future"));
        }
        boolean unreported = Boolean.TRUE.equals(request.unreported());
        Instant reported = now;
        if (unreported && actor.isPartner()) {
            errors.add(new FieldError(
                    "/unreported", "is for the operator's own record of an incident; a partner reports one"));
        } else if (unreported && request.reportedAt() != null) {
            errors.add(new FieldError("/reportedAt", "is not given for an incident the partner has not reported"));
        } else if (unreported && request.priority() != null) {
            errors.add(new FieldError("/priority", "is the partner's to give when it reports the incident"));
        } else if (request.reportedAt() != null) {
            if (actor.isPartner()) {
                errors.add(new FieldError("/reportedAt", "is set by Warden when a partner reports: now"));
            } else if (request.reportedAt().isAfter(now)) {
                errors.add(new FieldError("/reportedAt", "is in the future"));
            } else {
                reported = request.reportedAt();
            }
        }
        if (aware != null && !unreported && aware.isAfter(reported)) {
            errors.add(new FieldError("/awareAt", "is after the report (" + reported + ")"));
        }
        if (request.customersAffected() != null && request.customersAffected() < 0) {
            errors.add(new FieldError("/customersAffected", "must not be negative"));
        }
        if (!errors.isEmpty() || partner == null || aware == null) {
            throw new InvalidInputException("invalid incident report", errors);
        }
        String id = store.nextId(Kind.INCIDENT);
        Instant reportedAt = unreported ? null : reported;
        Instant recordedAt = reported;
        Tier tier = partners.find(partner).map(p -> p.value().tier()).orElse(null);
        Incident incident = ObligationStore.build(
                "",
                () -> new Incident(
                        id,
                        partner,
                        keys,
                        java.util.Objects.requireNonNull(request.category()),
                        java.util.Objects.requireNonNull(request.title()).strip(),
                        aware,
                        reportedAt,
                        Boolean.TRUE.equals(request.activeExploitation()),
                        request.customersAffected() == null ? 0 : request.customersAffected(),
                        List.of(),
                        recordedAt,
                        request.priority(),
                        tier,
                        Boolean.TRUE.equals(request.enterpriseCustomers())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("apps", keys.stream().map(AppKey::value).toList());
        details.put("category", incident.category().name());
        details.put("awareAt", aware.toString());
        if (reportedAt != null) {
            details.put("reportedAt", reportedAt.toString());
            details.put("priority", incident.priority().name());
        }
        details.put("activeExploitation", incident.activeExploitation());
        details.put("enterpriseCustomers", incident.enterpriseCustomers());
        return view(store.create(
                incident, partner, actor, unreported ? "INCIDENT_RECORDED" : "INCIDENT_REPORTED", details));
    }

    /**
     * The partner's report of an incident the operator recorded first. The partner reports its own, now;
     * the operator may give when a report reached it by another channel.
     */
    @Transactional
    public IncidentView partnerReport(String id, ObligationRequests.PartnerReport request, Actor actor) {
        Versioned<Incident> read = store.get(Kind.INCIDENT, id, Incident.class, actor, WHAT);
        Instant now = store.now();
        Instant at = now;
        if (request.reportedAt() != null) {
            if (actor.isPartner()) {
                throw new InvalidInputException("/reportedAt", "is set by Warden when a partner reports: now");
            }
            if (request.reportedAt().isAfter(now)) {
                throw new InvalidInputException("/reportedAt", "is in the future");
            }
            at = request.reportedAt();
        }
        if (read.value().wasReported()) {
            throw new dev.warden.server.shared.ConflictException(
                    "The incident was already reported on " + read.value().reportedAt());
        }
        Instant when = at;
        IncidentPriority priority = request.priority() == null ? IncidentPriority.P1 : request.priority();
        Incident changed = ObligationStore.apply(() -> read.value().reported(when, priority));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reportedAt", when.toString());
        details.put("priority", priority.name());
        return view(store.replace(
                read, changed, OptionalInt.empty(), changed.partner(), actor, "INCIDENT_REPORTED", details));
    }

    @Transactional
    public IncidentView addEvent(String id, ObligationRequests.IncidentEventRequest request, Actor actor) {
        IncidentEvent.Type type = request.type();
        if (type == null) {
            throw new InvalidInputException("/type", "is required: " + List.of(IncidentEvent.Type.values()));
        }
        if (type == IncidentEvent.Type.CLOSED && !actor.can(Permission.OBLIGATIONS_MANAGE)) {
            throw new ForbiddenException("Only the operator closes an incident");
        }
        Versioned<Incident> read = store.get(Kind.INCIDENT, id, Incident.class, actor, WHAT);
        IncidentEvent event = ObligationStore.build(
                "",
                () -> new IncidentEvent(
                        type,
                        store.now(),
                        actor.name(),
                        request.text(),
                        request.customersAffected(),
                        request.review()));
        Incident changed = ObligationStore.apply(() -> read.value().with(event));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", type.name());
        if (request.customersAffected() != null) {
            details.put("customersAffected", request.customersAffected());
        }
        return view(store.replace(
                read, changed, OptionalInt.empty(), changed.partner(), actor, "INCIDENT_" + type.name(), details));
    }

    /** The notice to affected customers, drafted from the operator's template with the incident's facts. */
    @Transactional(readOnly = true)
    public String customerNotice(String id, Actor actor) {
        Incident incident =
                store.get(Kind.INCIDENT, id, Incident.class, actor, WHAT).value();
        Partner partner = partners.get(incident.partner()).value();
        List<String> names = incident.apps().stream()
                .map(k -> apps.find(k).map(v -> v.value().name()).orElse(k.value()))
                .toList();
        return CustomerNotice.draft(template.text(), incident, partner.name(), names);
    }

    private IncidentView view(Versioned<Incident> v) {
        Incident i = v.value();
        Instant now = store.now();
        var policy = policies.inForce().inForceAt(now).incidents();
        return new IncidentView(
                i,
                Kind.state(i),
                IncidentDuties.reportedLate(i, policy, now),
                IncidentDuties.at(i, policy, now),
                i.engagement(),
                v.version());
    }
}
