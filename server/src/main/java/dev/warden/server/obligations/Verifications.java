package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Verification;
import dev.warden.core.obligations.VerificationEvent;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner verification (requested and decided by the operator, submitted and answered by the partner)
 * and changes to the verified entity (reported by the partner, or recorded by the operator until the
 * partner reports them).
 */
@Service
public class Verifications {
    static final String WHAT = "verification";
    static final String CHANGE = "entity change";

    /** The steps only the partner takes (the operator may record them on its behalf). */
    private static final Set<VerificationEvent.Type> PARTNER_STEPS =
            EnumSet.of(VerificationEvent.Type.SUBMITTED, VerificationEvent.Type.INFO_PROVIDED);

    private final ObligationStore store;
    private final Partners partners;

    Verifications(ObligationStore store, Partners partners) {
        this.store = store;
        this.partners = partners;
    }

    /** A verification and where it stands. */
    public record VerificationView(
            Verification verification, Verification.State state, Instant stateSince, int version) {}

    @Transactional(readOnly = true)
    public Page<VerificationView> list(
            @Nullable PartnerId partner, Verification.@Nullable State state, Paging paging, Actor actor) {
        return store.page(
                        Kind.VERIFICATION,
                        Verification.class,
                        partner,
                        state == null ? null : state.name(),
                        paging,
                        actor)
                .map(Verifications::view);
    }

    @Transactional(readOnly = true)
    public VerificationView get(String id, Actor actor) {
        return view(store.get(Kind.VERIFICATION, id, Verification.class, actor, WHAT));
    }

    @Transactional
    public VerificationView request(ObligationRequests.RequestVerification request, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        PartnerId partner = Scope.owner(request.partner(), actor, partners, errors);
        Instant now = store.now();
        Instant at = request.requestedAt() == null ? now : request.requestedAt();
        if (at.isAfter(now)) {
            errors.add(new FieldError("/requestedAt", "is in the future"));
        }
        if (!errors.isEmpty() || partner == null) {
            throw new InvalidInputException("invalid verification request", errors);
        }
        boolean open = store.all(Kind.VERIFICATION, Verification.class, partner).stream()
                .anyMatch(v -> v.state() != Verification.State.VERIFIED && v.state() != Verification.State.REJECTED);
        if (open) {
            throw new ConflictException("Partner '" + partner + "' already has a verification in progress");
        }
        Verification v = new Verification(store.nextId(Kind.VERIFICATION), partner, at, List.of());
        return view(store.create(v, partner, actor, "VERIFICATION_REQUESTED", Map.of("requestedAt", at.toString())));
    }

    @Transactional
    public VerificationView addEvent(String id, ObligationRequests.VerificationEventRequest request, Actor actor) {
        VerificationEvent.Type type = request.type();
        if (type == null) {
            throw new InvalidInputException("/type", "is required: " + List.of(VerificationEvent.Type.values()));
        }
        if (!PARTNER_STEPS.contains(type) && !actor.can(Permission.OBLIGATIONS_MANAGE)) {
            throw new ForbiddenException("Only the operator "
                    + (type == VerificationEvent.Type.INFO_REQUESTED
                            ? "asks for more information"
                            : "decides a verification"));
        }
        Versioned<Verification> read = store.get(Kind.VERIFICATION, id, Verification.class, actor, WHAT);
        VerificationEvent event = ObligationStore.build(
                "/note", () -> new VerificationEvent(type, store.now(), actor.name(), request.note()));
        Verification changed = ObligationStore.apply(() -> read.value().with(event));
        return view(store.replace(
                read,
                changed,
                OptionalInt.empty(),
                changed.partner(),
                actor,
                "VERIFICATION_" + type.name(),
                request.note() == null ? Map.of() : Map.of("note", request.note())));
    }

    @Transactional(readOnly = true)
    public Page<Versioned<EntityChange>> changes(
            @Nullable PartnerId partner, @Nullable Boolean reported, Paging paging, Actor actor) {
        return store.page(
                Kind.ENTITY_CHANGE,
                EntityChange.class,
                partner,
                reported == null ? null : (reported ? "REPORTED" : "UNREPORTED"),
                paging,
                actor);
    }

    @Transactional(readOnly = true)
    public Versioned<EntityChange> change(String id, Actor actor) {
        return store.get(Kind.ENTITY_CHANGE, id, EntityChange.class, actor, CHANGE);
    }

    /** A change reported by the partner (notified now), or recorded by the operator (not yet notified). */
    @Transactional
    public Versioned<EntityChange> recordChange(ObligationRequests.EntityChangeRequest request, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        PartnerId partner = Scope.owner(request.partner(), actor, partners, errors);
        Instant now = store.now();
        if (request.kind() == null) {
            errors.add(new FieldError("/kind", "is required: " + List.of(EntityChange.Kind.values())));
        }
        if (request.description() == null || request.description().isBlank()) {
            errors.add(new FieldError("/description", "say what changed, for example who acquired the partner"));
        }
        if (request.happenedOn() == null) {
            errors.add(new FieldError("/happenedOn", "is required: the date the change took effect"));
        } else if (request.happenedOn().isAfter(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))) {
            errors.add(new FieldError("/happenedOn", "is in the future; report a change once it took effect"));
        }
        if (!errors.isEmpty() || partner == null) {
            throw new InvalidInputException("invalid entity change", errors);
        }
        Instant reported = actor.isPartner() ? now : null;
        String id = store.nextId(Kind.ENTITY_CHANGE);
        EntityChange change = ObligationStore.build(
                "/description",
                () -> new EntityChange(
                        id,
                        partner,
                        java.util.Objects.requireNonNull(request.kind()),
                        java.util.Objects.requireNonNull(request.description()).strip(),
                        java.util.Objects.requireNonNull(request.happenedOn()),
                        reported));
        return store.create(
                change,
                partner,
                actor,
                reported == null ? "ENTITY_CHANGE_RECORDED" : "ENTITY_CHANGE_REPORTED",
                Map.of(
                        "kind",
                        change.kind().name(),
                        "happenedOn",
                        change.happenedOn().toString()));
    }

    /** The partner reports a change the operator recorded. */
    @Transactional
    public Versioned<EntityChange> reportChange(String id, Actor actor) {
        Versioned<EntityChange> read = change(id, actor);
        if (read.value().reportedAt() != null) {
            throw new ConflictException("Entity change '" + id + "' was already reported on "
                    + read.value().reportedAt());
        }
        EntityChange changed = read.value().reported(store.now());
        return store.replace(
                read, changed, OptionalInt.empty(), changed.partner(), actor, "ENTITY_CHANGE_REPORTED", Map.of());
    }

    private static VerificationView view(Versioned<Verification> v) {
        return new VerificationView(v.value(), v.value().state(), v.value().stateSince(), v.version());
    }
}
