package dev.warden.server.obligations;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/** Obligation records in SQL: each stored whole as the JSON of its snapshot form. */
@Repository
class ObligationRows {
    private final JdbcClient jdbc;

    ObligationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String body, int version) {}

    <T> Optional<Versioned<T>> find(Kind kind, String id, Class<T> type) {
        return jdbc.sql("select body, version from obligations where kind = :kind and id = :id")
                .param("kind", kind.name())
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional()
                .map(r -> new Versioned<>(read(r.body(), type), r.version()));
    }

    /** Records of a kind, newest id first within a partner filter and a state filter. */
    <T> List<Versioned<T>> page(
            Kind kind, Class<T> type, @Nullable PartnerId partner, @Nullable String state, Paging paging) {
        SqlFilter f = filter(kind, partner, state);
        return jdbc
                .sql("select body, version from obligations" + f.where() + " order by created_at desc, id desc limit "
                        + paging.size() + " offset " + paging.offset())
                .params(f.params())
                .query(RecordRows.of(Row.class))
                .list()
                .stream()
                .map(r -> new Versioned<>(read(r.body(), type), r.version()))
                .toList();
    }

    long count(Kind kind, @Nullable PartnerId partner, @Nullable String state) {
        SqlFilter f = filter(kind, partner, state);
        return jdbc.sql("select count(*) from obligations" + f.where())
                .params(f.params())
                .query(Long.class)
                .single();
    }

    /** Every record of a kind, of one partner or of all (null). */
    <T> List<T> all(Kind kind, Class<T> type, @Nullable PartnerId partner) {
        SqlFilter f = filter(kind, partner, null);
        return jdbc
                .sql("select body, version from obligations" + f.where() + " order by id")
                .params(f.params())
                .query(RecordRows.of(Row.class))
                .list()
                .stream()
                .map(r -> read(r.body(), type))
                .toList();
    }

    void insert(Kind kind, String id, PartnerId partner, Object record, Instant now) {
        jdbc.sql("insert into obligations (kind, id, partner_id, state, body, version, created_at, updated_at)"
                        + " values (:kind, :id, :partner, :state, :body, 1, :now, :now)")
                .param("kind", kind.name())
                .param("id", id)
                .param("partner", partner.value())
                .param("state", Kind.state(record))
                .param("body", write(record))
                .param("now", utc(now))
                .update();
    }

    /** Replaces a record if it is still at {@code version}; false when someone changed it meanwhile. */
    /**
     * Replaces a record's body at {@code version}, and its partner: an import may move a record to another
     * partner, and who may see it follows the record (a stale partner would show it to the old partner and
     * hide it from the new one, and from the rules judging the new one).
     */
    boolean update(Kind kind, String id, PartnerId partner, Object record, int version, Instant now) {
        return jdbc.sql("update obligations set state = :state, body = :body, partner_id = :partner,"
                                + " version = version + 1, updated_at = :now"
                                + " where kind = :kind and id = :id and version = :version")
                        .param("kind", kind.name())
                        .param("partner", partner.value())
                        .param("id", id)
                        .param("state", Kind.state(record))
                        .param("body", write(record))
                        .param("now", utc(now))
                        .param("version", version)
                        .update()
                == 1;
    }

    /** The next free id of a kind: the counter, moved past ids already taken (an import may bring INC-7). */
    String nextId(Kind kind) {
        String prefix = java.util.Objects.requireNonNull(kind.prefix);
        long next = jdbc.sql("select next from obligation_counters where kind = :kind for update")
                .param("kind", kind.name())
                .query(Long.class)
                .single();
        while (exists(kind, prefix + next)) {
            next++;
        }
        jdbc.sql("update obligation_counters set next = :next where kind = :kind")
                .param("kind", kind.name())
                .param("next", next + 1)
                .update();
        return prefix + next;
    }

    boolean exists(Kind kind, String id) {
        return jdbc.sql("select count(*) from obligations where kind = :kind and id = :id")
                        .param("kind", kind.name())
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static SqlFilter filter(Kind kind, @Nullable PartnerId partner, @Nullable String state) {
        return new SqlFilter()
                .when(kind.name(), "kind = :kind", "kind")
                .when(partner == null ? null : partner.value(), "partner_id = :partner", "partner")
                .when(state, "state = :state", "state");
    }

    private static <T> T read(String body, Class<T> type) {
        return SnapshotCodec.mapper().readValue(body, type);
    }

    private static final ObjectWriter COMPACT =
            SnapshotCodec.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /** The largest record the body column holds (V6). */
    static final int MAX_BODY = 1_000_000;

    private static String write(Object record) {
        String body = COMPACT.writeValueAsString(record);
        if (body.length() > MAX_BODY) {
            // Refused as input, not failed as a database error: an incident with a long history can get here.
            throw new InvalidInputException(
                    "",
                    "the record would be " + body.length() + " characters, more than the " + MAX_BODY
                            + " Warden keeps; shorten the texts");
        }
        return body;
    }
}
