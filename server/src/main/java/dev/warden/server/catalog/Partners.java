package dev.warden.server.catalog;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.snapshot.SnapshotChecks;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.StaleVersionException;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The partners of the marketplace: find, list, create and change them. */
@Service
@Transactional
public class Partners {
    private final PartnerRows rows;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Partners(PartnerRows rows, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<Versioned<Partner>> find(PartnerId id) {
        return rows.find(id);
    }

    @Transactional(readOnly = true)
    public Versioned<Partner> get(PartnerId id) {
        return rows.find(id).orElseThrow(() -> new NotFoundException("No partner '" + id + "'"));
    }

    /**
     * The partner as {@code actor} may see it: a partner's actor sees only itself, and an id that
     * cannot exist, or another partner's, is answered like any unknown partner.
     */
    @Transactional(readOnly = true)
    public Versioned<Partner> visible(String id, Actor actor) {
        return (PartnerId.isValid(id) ? rows.find(PartnerId.of(id)) : Optional.<Versioned<Partner>>empty())
                .filter(p -> actor.canSee(p.value().id()))
                .orElseThrow(() -> new NotFoundException("No partner '" + id + "'"));
    }

    @Transactional(readOnly = true)
    public boolean exists(PartnerId id) {
        return rows.exists(id);
    }

    /** Partners matching the query; a partner's actor gets only itself. */
    @Transactional(readOnly = true)
    public Page<Versioned<Partner>> list(PartnerQuery query, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(query.only(), actor);
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        PartnerQuery scoped = query.forPartner(scope.only());
        return Page.of(rows.page(scoped, paging), paging, rows.count(scoped));
    }

    /** Every partner, sorted by id (for export). */
    @Transactional(readOnly = true)
    public List<Partner> all() {
        return rows.page(PartnerQuery.ALL, null).stream().map(Versioned::value).toList();
    }

    public Versioned<Partner> create(Partner partner, Actor by) {
        check(partner);
        if (rows.exists(partner.id())) {
            throw new ConflictException("A partner with id '" + partner.id() + "' already exists");
        }
        rows.insert(partner, clock.instant());
        audit.record(by, "PARTNER_CREATED", "partner", partner.id().value(), partner.id(), describe(partner));
        events.publishEvent(
                new CatalogChanged(partner.id(), "partner", partner.id().value()));
        return new Versioned<>(partner, 1);
    }

    /** Replaces a partner; {@code expected} is the version the caller last saw (If-Match), if any. */
    public Versioned<Partner> replace(Partner partner, OptionalInt expected, Actor by) {
        check(partner);
        Versioned<Partner> current = get(partner.id());
        if (expected.isPresent() && expected.getAsInt() != current.version()) {
            throw new StaleVersionException("Partner '" + partner.id() + "'", expected.getAsInt(), current.version());
        }
        if (current.value().equals(partner)) {
            return current;
        }
        if (!rows.update(partner, current.version(), clock.instant())) {
            throw new StaleVersionException("Partner '" + partner.id() + "'", current.version(), current.version() + 1);
        }
        audit.record(
                by,
                "PARTNER_UPDATED",
                "partner",
                partner.id().value(),
                partner.id(),
                Map.of("before", describe(current.value()), "after", describe(partner)));
        events.publishEvent(
                new CatalogChanged(partner.id(), "partner", partner.id().value()));
        return new Versioned<>(partner, current.version() + 1);
    }

    /** Creates or replaces a partner, saying which it did; an identical partner is left untouched. */
    public Change upsert(Partner partner, Actor by) {
        Optional<Versioned<Partner>> current = rows.find(partner.id());
        if (current.isEmpty()) {
            create(partner, by);
            return Change.CREATED;
        }
        if (current.get().value().equals(partner)) {
            return Change.UNCHANGED;
        }
        replace(partner, OptionalInt.of(current.get().version()), by);
        return Change.UPDATED;
    }

    private static Map<String, Object> describe(Partner p) {
        return Map.of(
                "name", p.name(),
                "tier", p.tier().name(),
                "status", p.status().name(),
                "securityContacts",
                        p.securityContacts().stream().map(c -> c.email()).toList());
    }

    private static void check(Partner partner) {
        List<FieldError> errors = SnapshotChecks.contactErrors("", partner.securityContacts());
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid partner", errors);
        }
    }
}
