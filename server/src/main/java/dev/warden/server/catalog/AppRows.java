package dev.warden.server.catalog;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.Sorting;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Apps with their badges, listings and OAuth clients in SQL. */
@Repository
class AppRows {
    private static final Map<String, String> SORTS = Map.of(
            "key",
            "a.app_key",
            "name",
            "lower(a.name)",
            "partner",
            "a.partner_id",
            "firstListedOn",
            "a.first_listed_on");
    private static final String COLUMNS = "a.app_key, a.name, a.partner_id, a.first_listed_on, a.version";

    private final JdbcClient jdbc;

    AppRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(
            String appKey,
            String name,
            String partnerId,
            @Nullable LocalDate firstListedOn,
            int version) {}

    private record Client(
            String appKey,
            String clientId,
            String secretStorage,
            @Nullable OffsetDateTime secretRotatedAt) {}

    Optional<Versioned<App>> find(AppKey key) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from apps a where a.app_key = :key")
                .param("key", key.value())
                .query(RecordRows.of(Row.class))
                .list();
        return assemble(rows).stream().findFirst();
    }

    Optional<AppKey> ownerOfClient(String clientId) {
        return jdbc.sql("select app_key from oauth_clients where client_id = :id")
                .param("id", clientId)
                .query(String.class)
                .optional()
                .map(AppKey::of);
    }

    List<Versioned<App>> page(AppQuery query, @Nullable Paging paging) {
        SqlFilter filter = filter(query);
        String sql = "select " + COLUMNS + " from apps a" + filter.where()
                + Sorting.orderBy(query.sort(), SORTS, "a.app_key", "a.app_key")
                + (paging == null ? "" : " limit " + paging.size() + " offset " + paging.offset());
        return assemble(jdbc.sql(sql)
                .params(filter.params())
                .query(RecordRows.of(Row.class))
                .list());
    }

    long count(AppQuery query) {
        SqlFilter filter = filter(query);
        return jdbc.sql("select count(*) from apps a" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    private static SqlFilter filter(AppQuery query) {
        SqlFilter filter = new SqlFilter()
                .when(query.partner() == null ? null : query.partner().value(), "a.partner_id = :partner", "partner")
                .when(
                        query.badge(),
                        "exists (select 1 from app_badges b where b.app_key = a.app_key and b.badge = :badge)",
                        "badge")
                .contains(query.text(), "a.name", "text");
        if (query.hosting() != null || query.state() != null || query.paid() != null) {
            filter.exists(
                    "listings l",
                    new SqlFilter()
                            .always("l.app_key = a.app_key")
                            .when(query.hosting(), "l.hosting = :hosting", "hosting")
                            .when(query.state(), "l.state = :state", "state")
                            .when(query.paid(), "l.paid = :paid", "paid"));
        }
        return filter;
    }

    void insert(App app, Instant now) {
        jdbc.sql("insert into apps (app_key, name, partner_id, first_listed_on, version, created_at, updated_at)"
                        + " values (:key, :name, :partner, :first, 1, :now, :now)")
                .param("key", app.key().value())
                .param("name", app.name())
                .param("partner", app.partner().value())
                .param("first", app.firstListedOn())
                .param("now", utc(now))
                .update();
        insertParts(app);
    }

    /** Replaces an app, moving it from {@code version} to the next; false if the version moved on. */
    boolean update(App app, int version, Instant now) {
        int rows = jdbc.sql("update apps set name = :name, partner_id = :partner, first_listed_on = :first,"
                        + " version = version + 1, updated_at = :now where app_key = :key and version = :version")
                .param("key", app.key().value())
                .param("name", app.name())
                .param("partner", app.partner().value())
                .param("first", app.firstListedOn())
                .param("now", utc(now))
                .param("version", version)
                .update();
        if (rows == 0) {
            return false;
        }
        for (String table : List.of("app_badges", "listings", "oauth_clients")) {
            jdbc.sql("delete from " + table + " where app_key = :key")
                    .param("key", app.key().value())
                    .update();
        }
        insertParts(app);
        return true;
    }

    private void insertParts(App app) {
        String key = app.key().value();
        for (Badge badge : app.badges()) {
            jdbc.sql("insert into app_badges (app_key, badge) values (:key, :badge)")
                    .param("key", key)
                    .param("badge", badge.name())
                    .update();
        }
        for (Listing l : app.listings()) {
            jdbc.sql("insert into listings (app_key, hosting, state, paid, installs)"
                            + " values (:key, :hosting, :state, :paid, :installs)")
                    .param("key", key)
                    .param("hosting", l.hosting().name())
                    .param("state", l.state().name())
                    .param("paid", l.paid())
                    .param("installs", l.installs())
                    .update();
        }
        List<OAuthClient> clients = app.oauthClients();
        for (int i = 0; i < clients.size(); i++) {
            OAuthClient c = clients.get(i);
            jdbc.sql("insert into oauth_clients (client_id, app_key, position, secret_storage, secret_rotated_at)"
                            + " values (:id, :key, :position, :storage, :rotated)")
                    .param("id", c.clientId())
                    .param("key", key)
                    .param("position", i)
                    .param("storage", c.secretStorage().name())
                    .param("rotated", c.secretRotatedAt() == null ? null : utc(c.secretRotatedAt()))
                    .update();
            insertStrings("oauth_redirect_uris", "uri", c.clientId(), c.redirectUris());
            insertStrings("oauth_scopes", "scope", c.clientId(), c.scopes());
        }
    }

    private void insertStrings(String table, String column, String clientId, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            jdbc.sql("insert into " + table + " (client_id, position, " + column + ") values (:id, :position, :value)")
                    .param("id", clientId)
                    .param("position", i)
                    .param("value", values.get(i))
                    .update();
        }
    }

    // Children are fetched per table for the whole page, never per app.
    private List<Versioned<App>> assemble(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> keys = rows.stream().map(Row::appKey).toList();
        Map<String, Set<Badge>> badges = new HashMap<>();
        jdbc.sql("select app_key, badge from app_badges where app_key in (:keys)")
                .param("keys", keys)
                .query((rs, n) -> badges.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(Badge.class))
                        .add(Badge.valueOf(rs.getString(2))))
                .list();
        Map<String, List<Listing>> listings = new HashMap<>();
        jdbc.sql("select app_key, hosting, state, paid, installs from listings where app_key in (:keys)"
                        + " order by app_key, hosting")
                .param("keys", keys)
                .query((rs, n) -> listings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Listing(
                                Hosting.valueOf(rs.getString(2)),
                                ListingState.valueOf(rs.getString(3)),
                                rs.getBoolean(4),
                                rs.getLong(5))))
                .list();
        Map<String, List<OAuthClient>> clients = clients(keys);
        return rows.stream()
                .map(r -> new Versioned<>(
                        new App(
                                AppKey.of(r.appKey()),
                                r.name(),
                                PartnerId.of(r.partnerId()),
                                r.firstListedOn(),
                                badges.getOrDefault(r.appKey(), Set.of()),
                                listings.getOrDefault(r.appKey(), List.of()),
                                clients.getOrDefault(r.appKey(), List.of())),
                        r.version()))
                .toList();
    }

    private Map<String, List<OAuthClient>> clients(List<String> keys) {
        List<Client> rows = jdbc.sql("select app_key, client_id, secret_storage, secret_rotated_at from oauth_clients"
                        + " where app_key in (:keys) order by app_key, position")
                .param("keys", keys)
                .query(RecordRows.of(Client.class))
                .list();
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<String> ids = rows.stream().map(Client::clientId).toList();
        Map<String, List<String>> uris = strings("oauth_redirect_uris", "uri", ids);
        Map<String, List<String>> scopes = strings("oauth_scopes", "scope", ids);
        Map<String, List<OAuthClient>> byApp = new HashMap<>();
        for (Client c : rows) {
            byApp.computeIfAbsent(c.appKey(), k -> new ArrayList<>())
                    .add(new OAuthClient(
                            c.clientId(),
                            uris.getOrDefault(c.clientId(), List.of()),
                            scopes.getOrDefault(c.clientId(), List.of()),
                            SecretStorage.valueOf(c.secretStorage()),
                            c.secretRotatedAt() == null
                                    ? null
                                    : c.secretRotatedAt().toInstant()));
        }
        return byApp;
    }

    private Map<String, List<String>> strings(String table, String column, List<String> clientIds) {
        Map<String, List<String>> out = new HashMap<>();
        jdbc.sql("select client_id, " + column + " from " + table
                        + " where client_id in (:ids) order by client_id, position")
                .param("ids", clientIds)
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return out;
    }
}
