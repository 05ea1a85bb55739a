package dev.warden.server.identity;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.Role;
import java.time.Instant;
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

/** Users, their roles and sign-in bookkeeping in SQL. */
@Repository
class UserRows {
    private final JdbcClient jdbc;

    UserRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(
            String username,
            String displayName,
            @Nullable String partnerId,
            boolean enabled,
            boolean mustChangePassword) {}

    private static final String COLUMNS = "username, display_name, partner_id, enabled, must_change_password";

    Optional<User> find(String username) {
        return assemble(jdbc.sql("select " + COLUMNS + " from users where username = :u")
                        .param("u", username)
                        .query(RecordRows.of(Row.class))
                        .list())
                .stream()
                .findFirst();
    }

    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from users where username = :u")
                .param("u", username)
                .query(String.class)
                .optional();
    }

    List<User> all(@Nullable PartnerId partner) {
        String where = partner == null ? "" : " where partner_id = :p";
        var spec = jdbc.sql("select " + COLUMNS + " from users" + where + " order by username");
        if (partner != null) {
            spec = spec.param("p", partner.value());
        }
        return assemble(spec.query(RecordRows.of(Row.class)).list());
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    void insert(User user, String passwordHash, Instant now) {
        jdbc.sql("insert into users (username, display_name, password_hash, partner_id, enabled,"
                        + " must_change_password, version, created_at, updated_at)"
                        + " values (:u, :name, :hash, :partner, :enabled, :must, 1, :now, :now)")
                .param("u", user.username())
                .param("name", user.displayName())
                .param("hash", passwordHash)
                .param("partner", user.partner() == null ? null : user.partner().value())
                .param("enabled", user.enabled())
                .param("must", user.mustChangePassword())
                .param("now", utc(now))
                .update();
        insertRoles(user);
    }

    void update(User user, Instant now) {
        jdbc.sql("update users set display_name = :name, partner_id = :partner, enabled = :enabled,"
                        + " version = version + 1, updated_at = :now where username = :u")
                .param("u", user.username())
                .param("name", user.displayName())
                .param("partner", user.partner() == null ? null : user.partner().value())
                .param("enabled", user.enabled())
                .param("now", utc(now))
                .update();
        jdbc.sql("delete from user_roles where username = :u")
                .param("u", user.username())
                .update();
        insertRoles(user);
    }

    void setPassword(String username, String hash, boolean mustChange, Instant now) {
        jdbc.sql("update users set password_hash = :hash, must_change_password = :must,"
                        + " version = version + 1, updated_at = :now where username = :u")
                .param("u", username)
                .param("hash", hash)
                .param("must", mustChange)
                .param("now", utc(now))
                .update();
    }

    private void insertRoles(User user) {
        for (Role role : user.roles()) {
            jdbc.sql("insert into user_roles (username, role) values (:u, :r)")
                    .param("u", user.username())
                    .param("r", role.name())
                    .update();
        }
    }

    private List<User> assemble(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Role>> roles = new HashMap<>();
        jdbc.sql("select username, role from user_roles where username in (:us)")
                .param("us", rows.stream().map(Row::username).toList())
                .query((rs, n) -> roles.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(Role.class))
                        .add(Role.valueOf(rs.getString(2))))
                .list();
        List<User> users = new ArrayList<>();
        for (Row r : rows) {
            users.add(new User(
                    r.username(),
                    r.displayName(),
                    roles.getOrDefault(r.username(), Set.of()),
                    r.partnerId() == null ? null : PartnerId.of(r.partnerId()),
                    r.enabled(),
                    r.mustChangePassword()));
        }
        return users;
    }
}
