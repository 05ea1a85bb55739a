package dev.warden.server.catalog;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.catalog.Tier;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.Sorting;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners and their security contacts in SQL. */
@Repository
class PartnerRows {
    private static final Map<String, String> SORTS = Map.of("id", "id", "name", "lower(name)", "tier", "tier");

    private final JdbcClient jdbc;

    PartnerRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String id, String name, String tier, String status, int version) {}

    Optional<Versioned<Partner>> find(PartnerId id) {
        return jdbc.sql("select id, name, tier, status, version from partners where id = :id")
                .param("id", id.value())
                .query(RecordRows.of(Row.class))
                .optional()
                .map(row -> assemble(List.of(row)).get(0));
    }

    boolean exists(PartnerId id) {
        return jdbc.sql("select count(*) from partners where id = :id")
                        .param("id", id.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Versioned<Partner>> page(PartnerQuery query, @Nullable Paging paging) {
        SqlFilter filter = filter(query);
        String sql = "select id, name, tier, status, version from partners" + filter.where()
                + Sorting.orderBy(query.sort(), SORTS, "id", "id")
                + (paging == null ? "" : " limit " + paging.size() + " offset " + paging.offset());
        return assemble(jdbc.sql(sql)
                .params(filter.params())
                .query(RecordRows.of(Row.class))
                .list());
    }

    long count(PartnerQuery query) {
        SqlFilter filter = filter(query);
        return jdbc.sql("select count(*) from partners" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    private static SqlFilter filter(PartnerQuery query) {
        return new SqlFilter()
                .when(query.only() == null ? null : query.only().value(), "id = :only", "only")
                .when(query.tier(), "tier = :tier", "tier")
                .when(query.status(), "status = :status", "status")
                .contains(query.text(), "name", "text");
    }

    void insert(Partner partner, Instant now) {
        jdbc.sql("insert into partners (id, name, tier, status, version, created_at, updated_at)"
                        + " values (:id, :name, :tier, :status, 1, :now, :now)")
                .param("id", partner.id().value())
                .param("name", partner.name())
                .param("tier", partner.tier().name())
                .param("status", partner.status().name())
                .param("now", utc(now))
                .update();
        insertContacts(partner);
    }

    /** Replaces a partner, moving it from {@code version} to the next; false if the version moved on. */
    boolean update(Partner partner, int version, Instant now) {
        int rows = jdbc.sql("update partners set name = :name, tier = :tier, status = :status,"
                        + " version = version + 1, updated_at = :now where id = :id and version = :version")
                .param("id", partner.id().value())
                .param("name", partner.name())
                .param("tier", partner.tier().name())
                .param("status", partner.status().name())
                .param("now", utc(now))
                .param("version", version)
                .update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("delete from security_contacts where partner_id = :id")
                .param("id", partner.id().value())
                .update();
        insertContacts(partner);
        return true;
    }

    private void insertContacts(Partner partner) {
        List<SecurityContact> contacts = partner.securityContacts();
        for (int i = 0; i < contacts.size(); i++) {
            SecurityContact c = contacts.get(i);
            jdbc.sql("insert into security_contacts (partner_id, position, name, email, ecosystem_account)"
                            + " values (:partner, :position, :name, :email, :account)")
                    .param("partner", partner.id().value())
                    .param("position", i)
                    .param("name", c.name())
                    .param("email", c.email())
                    .param("account", c.ecosystemAccount())
                    .update();
        }
    }

    private List<Versioned<Partner>> assemble(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<SecurityContact>> contacts = new HashMap<>();
        jdbc.sql("select partner_id, name, email, ecosystem_account from security_contacts"
                        + " where partner_id in (:ids) order by partner_id, position")
                .param("ids", rows.stream().map(Row::id).toList())
                .query((rs, n) -> {
                    contacts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new SecurityContact(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    return n;
                })
                .list();
        return rows.stream()
                .map(r -> new Versioned<>(
                        new Partner(
                                PartnerId.of(r.id()),
                                r.name(),
                                Tier.valueOf(r.tier()),
                                PartnerStatus.valueOf(r.status()),
                                contacts.getOrDefault(r.id(), List.of())),
                        r.version()))
                .toList();
    }
}
