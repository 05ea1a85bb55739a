package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What every kind of obligation record shares: reading one the actor may see, listing, creating and
 * replacing with optimistic locking, each change on the audit trail and announced to the rules.
 */
@Component
class ObligationStore {
    private final ObligationRows rows;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Apps apps;

    ObligationStore(ObligationRows rows, AuditTrail audit, ApplicationEventPublisher events, Clock clock, Apps apps) {
        this.apps = apps;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** A record the actor may see; another partner's looks like it does not exist. */
    <T> Versioned<T> get(Kind kind, String id, Class<T> type, Actor actor, String what) {
        Versioned<T> found =
                rows.find(kind, id, type).orElseThrow(() -> new NotFoundException("No " + what + " '" + id + "'"));
        if (!actor.canSee(partnerOf(found.value()))) {
            throw new NotFoundException("No " + what + " '" + id + "'");
        }
        return found;
    }

    /** A page of records of a kind, limited to what the actor may see (and to {@code partner} if given). */
    <T> Page<Versioned<T>> page(
            Kind kind, Class<T> type, @Nullable PartnerId partner, @Nullable String state, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(partner, actor);
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        PartnerId only = scope.only();
        return Page.of(rows.page(kind, type, only, state, paging), paging, rows.count(kind, only, state));
    }

    /** Every record of a kind of one partner. */
    <T> List<T> all(Kind kind, Class<T> type, PartnerId partner) {
        return rows.all(kind, type, partner);
    }

    String nextId(Kind kind) {
        return rows.nextId(kind);
    }

    boolean exists(Kind kind, String id) {
        return rows.exists(kind, id);
    }

    /** Stores a new record; audits {@code action} with {@code details}. */
    <T> Versioned<T> create(T record, PartnerId partner, Actor actor, String action, Map<String, ?> details) {
        Kind kind = Kind.of(record);
        String id = Kind.id(record);
        rows.insert(kind, id, partner, record, now());
        changed(kind, id, partner, actor, action, details);
        return new Versioned<>(record, 1);
    }

    /** Replaces a record read at {@code read.version()}, or at {@code ifMatch} when given. */
    <T> Versioned<T> replace(
            Versioned<T> read,
            T record,
            OptionalInt ifMatch,
            PartnerId partner,
            Actor actor,
            String action,
            Map<String, ?> details) {
        Kind kind = Kind.of(record);
        String id = Kind.id(record);
        int version = ifMatch.orElse(read.version());
        if (!rows.update(kind, id, partner, record, version, now())) {
            throw new ConflictException(
                    kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + id
                            + "' was changed meanwhile; fetch it again");
        }
        changed(kind, id, partner, actor, action, details);
        // Moved to another partner (an import can): the partner it left is judged again without it.
        PartnerId before = partnerOf(read.value());
        if (!before.equals(partner)) {
            events.publishEvent(new ObligationChanged(before, kind.name(), id));
        }
        return new Versioned<>(record, version + 1);
    }

    private void changed(Kind kind, String id, PartnerId partner, Actor actor, String action, Map<String, ?> details) {
        audit.record(actor, action, kind.name().toLowerCase(java.util.Locale.ROOT), id, partner, details);
        events.publishEvent(new ObligationChanged(partner, kind.name(), id));
    }

    /** Builds a record from input, turning a broken invariant into a field error at {@code pointer}. */
    static <T> T build(String pointer, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(pointer, String.valueOf(e.getMessage()));
        }
    }

    /** Applies an event to a record; an event that cannot happen now is a conflict, said in the domain's words. */
    static <T> T apply(Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new ConflictException(String.valueOf(e.getMessage()));
        }
    }

    private PartnerId ownerOf(dev.warden.core.catalog.AppKey app) {
        return apps.find(app)
                .map(v -> v.value().partner())
                .orElseThrow(() -> new NotFoundException("No app '" + app + "'"));
    }

    /** An app the actor may see; another partner's answers like a missing one. */
    dev.warden.core.catalog.App visibleApp(String key, Actor actor) {
        if (!dev.warden.core.catalog.AppKey.isValid(key)) {
            throw new NotFoundException("No app '" + key + "'");
        }
        return apps.find(dev.warden.core.catalog.AppKey.of(key))
                .map(Versioned::value)
                .filter(a -> actor.canSee(a.partner()))
                .orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
    }

    /** The partner a record belongs to: token use and scan findings belong to their app's partner, which the catalog knows. */
    PartnerId partnerOf(Object record) {
        if (record instanceof Incident i) {
            return i.partner();
        }
        if (record instanceof BountyProgram p) {
            return p.partner();
        }
        if (record instanceof Verification v) {
            return v.partner();
        }
        if (record instanceof EntityChange c) {
            return c.partner();
        }
        if (record instanceof TokenUse t) {
            return ownerOf(t.app());
        }
        if (record instanceof ScanFinding f) {
            return ownerOf(f.app());
        }
        if (record instanceof dev.warden.core.obligations.IncidentProcess p) {
            return p.partner();
        }
        if (record instanceof dev.warden.core.obligations.BadgeAward b) {
            return ownerOf(b.app());
        }
        if (record instanceof dev.warden.core.obligations.PrivacyDeclaration d) {
            return ownerOf(d.app());
        }
        if (record instanceof dev.warden.core.obligations.ScopeReview r) {
            return ownerOf(r.app());
        }
        throw new IllegalArgumentException("not an obligation record: " + record.getClass());
    }
}
