package dev.warden.server.catalog;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.snapshot.KnownCatalog;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The apps of the marketplace: find, list, create and change them with their listings and clients. */
@Service
@Transactional
public class Apps {
    private static final int EXPORT_CHUNK = 500;

    private final AppRows rows;
    private final PartnerRows partners;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Apps(AppRows rows, PartnerRows partners, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
        this.rows = rows;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<Versioned<App>> find(AppKey key) {
        return rows.find(key);
    }

    /** The app as {@code actor} may see it: another partner's app is answered like one that does not exist. */
    @Transactional(readOnly = true)
    public Versioned<App> visible(String key, Actor actor) {
        return (AppKey.isValid(key) ? rows.find(AppKey.of(key)) : Optional.<Versioned<App>>empty())
                .filter(app -> actor.canSee(app.value().partner()))
                .orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
    }

    @Transactional(readOnly = true)
    public Versioned<App> get(AppKey key) {
        return rows.find(key).orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
    }

    /** Apps matching the query; a partner's actor gets only its own, whatever partner it filters on. */
    @Transactional(readOnly = true)
    public Page<Versioned<App>> list(AppQuery query, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(query.partner(), actor);
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        AppQuery scoped = query.forPartner(scope.only());
        return Page.of(rows.page(scoped, paging), paging, rows.count(scoped));
    }

    /** Every app, sorted by key, read in chunks so a large catalog never means one huge query. */
    @Transactional(readOnly = true)
    public List<App> all() {
        return all(AppQuery.ALL);
    }

    /** Every app of one partner, sorted by key. */
    @Transactional(readOnly = true)
    public List<App> ofPartner(PartnerId partner) {
        return all(new AppQuery(partner, null, null, null, null, null, null));
    }

    private List<App> all(AppQuery query) {
        List<App> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Versioned<App>> chunk = rows.page(query, new Paging(page, EXPORT_CHUNK));
            chunk.forEach(v -> out.add(v.value()));
            if (chunk.size() < EXPORT_CHUNK) {
                return out;
            }
        }
    }

    /** What the catalog already holds, for checking documents that refer to it. */
    public KnownCatalog known() {
        return new KnownCatalog() {
            @Override
            public boolean hasPartner(PartnerId id) {
                return partners.exists(id);
            }

            @Override
            public Optional<AppKey> appOwningClient(String clientId) {
                return rows.ownerOfClient(clientId);
            }

            @Override
            public Optional<java.util.Set<dev.warden.core.catalog.Hosting>> hostingsOf(AppKey app) {
                return rows.find(app)
                        .map(v -> v.value().listings().stream()
                                .map(l -> l.hosting())
                                .collect(java.util.stream.Collectors.toSet()));
            }

            @Override
            public Optional<PartnerId> partnerOf(AppKey app) {
                return rows.find(app).map(v -> v.value().partner());
            }
        };
    }

    public Versioned<App> create(App app, Actor by) {
        check(app);
        if (rows.find(app.key()).isPresent()) {
            throw new ConflictException("An app with key '" + app.key() + "' already exists");
        }
        rows.insert(app, clock.instant());
        audit.record(by, "APP_CREATED", "app", app.key().value(), app.partner(), describe(app));
        events.publishEvent(new CatalogChanged(app.partner(), "app", app.key().value()));
        return new Versioned<>(app, 1);
    }

    /** Replaces an app; {@code expected} is the version the caller last saw (If-Match), if any. */
    public Versioned<App> replace(App app, OptionalInt expected, Actor by) {
        Versioned<App> current = get(app.key());
        check(app);
        if (expected.isPresent() && expected.getAsInt() != current.version()) {
            throw new StaleVersionException("App '" + app.key() + "'", expected.getAsInt(), current.version());
        }
        if (current.value().equals(app)) {
            return current;
        }
        if (!rows.update(app, current.version(), clock.instant())) {
            throw new StaleVersionException("App '" + app.key() + "'", current.version(), current.version() + 1);
        }
        audit.record(
                by,
                "APP_UPDATED",
                "app",
                app.key().value(),
                app.partner(),
                Map.of("before", describe(current.value()), "after", describe(app)));
        events.publishEvent(new CatalogChanged(app.partner(), "app", app.key().value()));
        if (!current.value().partner().equals(app.partner())) {
            events.publishEvent(new CatalogChanged(
                    current.value().partner(), "app", app.key().value()));
        }
        return new Versioned<>(app, current.version() + 1);
    }

    /** Creates or replaces an app, saying which it did; an identical app is left untouched. */
    public Change upsert(App app, Actor by) {
        Optional<Versioned<App>> current = rows.find(app.key());
        if (current.isEmpty()) {
            create(app, by);
            return Change.CREATED;
        }
        if (current.get().value().equals(app)) {
            return Change.UNCHANGED;
        }
        replace(app, OptionalInt.of(current.get().version()), by);
        return Change.UPDATED;
    }

    // What a reader of the trail needs: owner, listing states, badges and client ids (never secrets).
    private static Map<String, Object> describe(App app) {
        return Map.of(
                "partner", app.partner().value(),
                "listings",
                        app.listings().stream()
                                .map(l -> l.hosting() + ":" + l.state())
                                .toList(),
                "badges", app.badges().stream().map(Enum::name).toList(),
                "oauthClients",
                        app.oauthClients().stream().map(c -> c.clientId()).toList());
    }

    private void check(App app) {
        List<FieldError> errors = new ArrayList<>();
        if (!partners.exists(app.partner())) {
            errors.add(new FieldError("/partner", "no partner '" + app.partner() + "'"));
        }
        errors.addAll(SnapshotChecks.appErrors("", app, known(), new HashMap<>()));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid app", errors);
        }
    }
}
