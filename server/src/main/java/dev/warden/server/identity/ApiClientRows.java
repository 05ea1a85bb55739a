package dev.warden.server.identity;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
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

/** API clients, their scopes and secret hashes in SQL. */
@Repository
class ApiClientRows {
    private static final String COLUMNS =
            "client_id, name, partner_id, enabled, created_by, created_at," + " secret_rotated_at, last_used_at";

    private final JdbcClient jdbc;

    ApiClientRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(
            String clientId,
            String name,
            @Nullable String partnerId,
            boolean enabled,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime secretRotatedAt,
            @Nullable OffsetDateTime lastUsedAt) {}

    /** A client with its secret's hash, for authentication. */
    record Stored(ApiClient client, String secretHash) {}

    Optional<Stored> find(String clientId) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from api_clients where client_id = :id")
                .param("id", clientId)
                .query(RecordRows.of(Row.class))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String hash = jdbc.sql("select secret_hash from api_clients where client_id = :id")
                .param("id", clientId)
                .query(String.class)
                .single();
        return Optional.of(new Stored(assemble(rows).get(0), hash));
    }

    List<ApiClient> all() {
        return assemble(jdbc.sql("select " + COLUMNS + " from api_clients order by created_at, client_id")
                .query(RecordRows.of(Row.class))
                .list());
    }

    void insert(ApiClient client, String secretHash) {
        jdbc.sql("insert into api_clients (client_id, name, secret_hash, partner_id, enabled,"
                        + " created_by, created_at, secret_rotated_at) values (:id, :name, :hash, :partner, true,"
                        + " :by, :at, :at)")
                .param("id", client.clientId())
                .param("name", client.name())
                .param("hash", secretHash)
                .param(
                        "partner",
                        client.partner() == null ? null : client.partner().value())
                .param("by", client.createdBy())
                .param("at", utc(client.createdAt()))
                .update();
        for (Permission scope : client.scopes()) {
            jdbc.sql("insert into api_client_scopes (client_id, scope) values (:id, :scope)")
                    .param("id", client.clientId())
                    .param("scope", scope.scope())
                    .update();
        }
    }

    void setSecret(String clientId, String hash, Instant now) {
        jdbc.sql("update api_clients set secret_hash = :hash, secret_rotated_at = :now" + " where client_id = :id")
                .param("id", clientId)
                .param("hash", hash)
                .param("now", utc(now))
                .update();
    }

    void disable(String clientId) {
        jdbc.sql("update api_clients set enabled = false where client_id = :id")
                .param("id", clientId)
                .update();
    }

    void used(String clientId, Instant now) {
        jdbc.sql("update api_clients set last_used_at = :now where client_id = :id")
                .param("id", clientId)
                .param("now", utc(now))
                .update();
    }

    private List<ApiClient> assemble(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Permission>> scopes = new HashMap<>();
        jdbc.sql("select client_id, scope from api_client_scopes where client_id in (:ids)")
                .param("ids", rows.stream().map(Row::clientId).toList())
                .query((rs, n) -> {
                    String client = rs.getString(1);
                    Permission.ofScope(rs.getString(2))
                            .ifPresent(p -> scopes.computeIfAbsent(client, k -> EnumSet.noneOf(Permission.class))
                                    .add(p));
                    return n;
                })
                .list();
        List<ApiClient> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new ApiClient(
                    r.clientId(),
                    r.name(),
                    scopes.getOrDefault(r.clientId(), Set.of()),
                    r.partnerId() == null ? null : PartnerId.of(r.partnerId()),
                    r.enabled(),
                    r.createdBy(),
                    r.createdAt().toInstant(),
                    r.secretRotatedAt().toInstant(),
                    instant(r.lastUsedAt())));
        }
        return out;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
