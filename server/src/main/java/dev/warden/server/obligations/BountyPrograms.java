package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.BountyScope;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bug bounty programs: the partner keeps its programs' facts (platform, apps, visibility, health
 * figures); only the operator changes a program's status (pausing or deactivating it is an enforcement
 * step). Also answers which apps must be covered and which are not.
 */
@Service
public class BountyPrograms {
    static final String WHAT = "bug bounty program";

    private final ObligationStore store;
    private final Apps apps;
    private final Partners partners;
    private final Policies policies;

    BountyPrograms(ObligationStore store, Apps apps, Partners partners, Policies policies) {
        this.store = store;
        this.apps = apps;
        this.partners = partners;
        this.policies = policies;
    }

    /** A partner's coverage: each app that must have a program, why, and the program covering it (if any). */
    public record CoverageView(PartnerId partner, String tier, List<BountyScope.Coverage> apps, long missing) {}

    @Transactional(readOnly = true)
    public Page<Versioned<BountyProgram>> list(
            @Nullable PartnerId partner, BountyProgram.@Nullable Status status, Paging paging, Actor actor) {
        return store.page(
                Kind.BOUNTY_PROGRAM,
                BountyProgram.class,
                partner,
                status == null ? null : status.name(),
                paging,
                actor);
    }

    @Transactional(readOnly = true)
    public Versioned<BountyProgram> get(String id, Actor actor) {
        return store.get(Kind.BOUNTY_PROGRAM, id, BountyProgram.class, actor, WHAT);
    }

    /** The program, if it exists (for enforcement, acting as Warden). */
    @Transactional(readOnly = true)
    public Optional<Versioned<BountyProgram>> find(String id) {
        try {
            return Optional.of(
                    store.get(Kind.BOUNTY_PROGRAM, id, BountyProgram.class, Actor.system("enforcement"), WHAT));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Transactional
    public Versioned<BountyProgram> create(ObligationRequests.ProgramRequest request, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        PartnerId partner = Scope.owner(request.partner(), actor, partners, errors);
        if (request.status() != null
                && request.status() != BountyProgram.Status.ACTIVE
                && !actor.can(Permission.OBLIGATIONS_MANAGE)) {
            errors.add(
                    new FieldError("/status", "a new program is ACTIVE; only the operator pauses or deactivates one"));
        }
        BountyProgram program =
                build(store.nextId(Kind.BOUNTY_PROGRAM), partner, request, BountyProgram.Status.ACTIVE, null, errors);
        return store.create(program, program.partner(), actor, "BOUNTY_PROGRAM_CREATED", describe(program));
    }

    @Transactional
    public Versioned<BountyProgram> replace(
            String id, ObligationRequests.ProgramRequest request, OptionalInt ifMatch, Actor actor) {
        Versioned<BountyProgram> read = get(id, actor);
        List<FieldError> errors = new ArrayList<>();
        BountyProgram.Status status = request.status() == null ? read.value().status() : request.status();
        if (status != read.value().status() && !actor.can(Permission.OBLIGATIONS_MANAGE)) {
            throw new ForbiddenException("Only the operator changes a program's status (it is "
                    + read.value().status() + ")");
        }
        if (request.partner() != null
                && !request.partner().equals(read.value().partner().value())) {
            errors.add(new FieldError(
                    "/partner",
                    "a program stays with its partner ('" + read.value().partner() + "')"));
        }
        BountyProgram program = build(id, read.value().partner(), request, status, read.value(), errors);
        return store.replace(
                read, program, ifMatch, program.partner(), actor, "BOUNTY_PROGRAM_CHANGED", describe(program));
    }

    /** Sets a program's status as an enforcement step; returns the status before, or empty if unchanged. */
    @Transactional
    public Optional<BountyProgram.Status> setStatus(String id, BountyProgram.Status status, Actor actor) {
        Versioned<BountyProgram> read = store.get(Kind.BOUNTY_PROGRAM, id, BountyProgram.class, actor, WHAT);
        BountyProgram.Status before = read.value().status();
        if (before == status) {
            return Optional.empty();
        }
        BountyProgram changed = read.value().withStatus(status);
        store.replace(
                read,
                changed,
                OptionalInt.empty(),
                changed.partner(),
                actor,
                "BOUNTY_PROGRAM_CHANGED",
                Map.of("status", status.name(), "was", before.name()));
        return Optional.of(before);
    }

    @Transactional(readOnly = true)
    public CoverageView coverage(String partnerId, Actor actor) {
        if (!PartnerId.isValid(partnerId) || !actor.canSee(PartnerId.of(partnerId))) {
            throw new NotFoundException("No partner '" + partnerId + "'");
        }
        PartnerId id = PartnerId.of(partnerId);
        Partner partner = partners.find(id)
                .orElseThrow(() -> new NotFoundException("No partner '" + partnerId + "'"))
                .value();
        List<App> owned = apps.ofPartner(id);
        List<BountyProgram> programs = store.all(Kind.BOUNTY_PROGRAM, BountyProgram.class, id);
        List<BountyScope.Coverage> coverage = BountyScope.coverage(
                partner,
                owned,
                programs,
                policies.inForce().inForceAt(store.now()).bounty());
        return new CoverageView(
                id,
                partner.tier().name(),
                coverage,
                coverage.stream().filter(c -> !c.covered()).count());
    }

    private BountyProgram build(
            String id,
            @Nullable PartnerId partner,
            ObligationRequests.ProgramRequest r,
            BountyProgram.Status status,
            @Nullable BountyProgram before,
            List<FieldError> errors) {
        List<AppKey> keys = Scope.apps(r.apps(), partner, apps, errors);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(store.now(), java.time.ZoneOffset.UTC);
        java.time.LocalDate scheduledOn = r.scheduledOn();
        if (scheduledOn != null && scheduledOn.isAfter(today)) {
            errors.add(new FieldError("/scheduledOn", "must not be in the future: the day it was scheduled"));
        }
        if (scheduledOn == null && r.visibility() != BountyProgram.Visibility.PRIVATE) {
            // Kept from before when it was scheduled already; the day it is recorded when it is newly scheduled.
            if (before != null && before.visibility() != BountyProgram.Visibility.PRIVATE) {
                scheduledOn = before.scheduledOn();
            } else if (r.visibility() == BountyProgram.Visibility.SCHEDULED) {
                scheduledOn = today;
            }
        }
        java.time.LocalDate scheduled = scheduledOn;
        if (r.platform() == null || r.platform().isBlank()) {
            errors.add(new FieldError("/platform", "is required: where the program runs, for example Bugcrowd"));
        }
        if (r.visibility() == null) {
            errors.add(new FieldError("/visibility", "is required: PRIVATE, SCHEDULED or PUBLIC"));
        }
        if (r.launchedOn() == null) {
            errors.add(new FieldError("/launchedOn", "is required: the date the program started"));
        }
        if (!errors.isEmpty() || partner == null) {
            throw new InvalidInputException("invalid bug bounty program", errors);
        }
        return ObligationStore.build(
                "",
                () -> new BountyProgram(
                        id,
                        partner,
                        java.util.Objects.requireNonNull(r.platform()).strip(),
                        keys,
                        java.util.Objects.requireNonNull(r.visibility()),
                        r.publicOn(),
                        java.util.Objects.requireNonNull(r.launchedOn()),
                        Boolean.TRUE.equals(r.funded()),
                        status,
                        r.medianTriageDays(),
                        r.lastActivityOn(),
                        scheduled));
    }

    private static Map<String, Object> describe(BountyProgram p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("apps", p.apps().stream().map(AppKey::value).toList());
        d.put("visibility", p.visibility().name());
        d.put("status", p.status().name());
        d.put("funded", p.funded());
        return d;
    }
}
