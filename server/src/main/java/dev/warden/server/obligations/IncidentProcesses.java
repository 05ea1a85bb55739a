package dev.warden.server.obligations;

import dev.warden.core.catalog.Partner;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Partners;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's documented security incident response process (docs/policy section 7): the partner
 * attests where the document is, when it was last reviewed and what it covers; every attestation is
 * kept, and the policy in force says how long a review stays current ({@code INCIDENT-PROCESS-UNDOCUMENTED}).
 */
@Service
public class IncidentProcesses {
    /** Reviews stay current this many months when the policy in force asks for no process. */
    static final int DEFAULT_REVIEW_MONTHS = 12;

    private final ObligationStore store;
    private final Partners partners;
    private final Policies policies;

    IncidentProcesses(ObligationStore store, Partners partners, Policies policies) {
        this.store = store;
        this.partners = partners;
        this.policies = policies;
    }

    /**
     * Where a partner's process stands now.
     *
     * @param current the attestation in force (the latest), absent when none was made
     * @param standing MISSING, STALE, INCOMPLETE or CURRENT, judged now
     * @param missing the elements the current document leaves out
     * @param reviewDue the last day the current review counts (absent without one)
     * @param required whether the policy in force asks for a process now (false before its date)
     * @param requiredFrom the date the policy in force asks for one from (absent when it asks for none)
     * @param reviewEveryMonths how long a review stays current
     * @param history every attestation, newest first
     */
    public record ProcessView(
            String partner,
            IncidentProcess.@Nullable Attestation current,
            IncidentProcess.Standing standing,
            List<IncidentProcess.Element> missing,
            @Nullable LocalDate reviewDue,
            boolean required,
            @Nullable LocalDate requiredFrom,
            int reviewEveryMonths,
            List<IncidentProcess.Attestation> history,
            int version) {}

    @Transactional(readOnly = true)
    public ProcessView get(String partner, Actor actor) {
        Partner p = partners.visible(partner, actor).value();
        return view(p, read(p));
    }

    /** Records an attestation made now by the caller (the partner, or the operator on its behalf). */
    @Transactional
    public ProcessView attest(String partner, ObligationRequests.ProcessAttestation body, Actor actor) {
        Partner p = partners.visible(partner, actor).value();
        Instant now = store.now();
        List<FieldError> errors = new ArrayList<>();
        if (body.document() == null || body.document().isBlank()) {
            errors.add(new FieldError("/document", "is required: a link to the process document"));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (body.reviewedOn() == null) {
            errors.add(new FieldError("/reviewedOn", "is required: the date the document was last reviewed"));
        } else if (body.reviewedOn().isAfter(today)) {
            errors.add(new FieldError("/reviewedOn", "is in the future; give the date of the last review"));
        }
        List<IncidentProcess.Element> covers = body.covers() == null ? List.of() : body.covers();
        if (covers.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("/covers", "must name only " + List.of(IncidentProcess.Element.values())));
        }
        if (body.notes() != null && body.notes().length() > 4000) {
            errors.add(new FieldError("/notes", "is longer than 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid attestation", errors);
        }
        IncidentProcess.Attestation attestation = ObligationStore.build(
                "/document",
                () -> new IncidentProcess.Attestation(
                        now,
                        actor.name().length() > 200 ? actor.name().substring(0, 200) : actor.name(),
                        java.util.Objects.requireNonNull(body.document()),
                        java.util.Objects.requireNonNull(body.reviewedOn()),
                        covers.isEmpty() ? EnumSet.noneOf(IncidentProcess.Element.class) : EnumSet.copyOf(covers),
                        body.notes()));
        Versioned<IncidentProcess> read = read(p);
        IncidentProcess changed = read.value().with(attestation);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("document", attestation.document());
        details.put("reviewedOn", attestation.reviewedOn().toString());
        details.put("covers", attestation.missing().isEmpty() ? "all" : String.valueOf(attestation.covers()));
        Versioned<IncidentProcess> written = read.version() == 0
                ? store.create(changed, p.id(), actor, "INCIDENT_PROCESS_ATTESTED", details)
                : store.replace(
                        read, changed, OptionalInt.empty(), p.id(), actor, "INCIDENT_PROCESS_ATTESTED", details);
        return view(p, written);
    }

    private Versioned<IncidentProcess> read(Partner p) {
        return store.exists(Kind.INCIDENT_PROCESS, p.id().value())
                ? store.get(
                        Kind.INCIDENT_PROCESS,
                        p.id().value(),
                        IncidentProcess.class,
                        Actor.system("incident-process"),
                        "incident response process")
                : new Versioned<>(new IncidentProcess(p.id(), List.of()), 0);
    }

    private ProcessView view(Partner p, Versioned<IncidentProcess> v) {
        Instant now = store.now();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        Optional<PolicyParts.IncidentProcess> asked = policy.incidentProcessRequirement();
        int months = asked.map(PolicyParts.IncidentProcess::reviewEveryMonths).orElse(DEFAULT_REVIEW_MONTHS);
        IncidentProcess process = v.value();
        Optional<IncidentProcess.Attestation> current = process.asOf(now);
        List<IncidentProcess.Attestation> history = new ArrayList<>(process.attestations());
        java.util.Collections.reverse(history);
        return new ProcessView(
                p.id().value(),
                current.orElse(null),
                process.standingAt(now, months),
                current.map(IncidentProcess.Attestation::missing).orElse(List.of()),
                current.map(a -> a.reviewDue(months)).orElse(null),
                asked.map(a -> !now.isBefore(
                                a.requiredFrom().atStartOfDay(ZoneOffset.UTC).toInstant()))
                        .orElse(false),
                asked.map(PolicyParts.IncidentProcess::requiredFrom).orElse(null),
                months,
                history,
                v.version());
    }
}
