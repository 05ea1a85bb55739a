package dev.warden.server.audit;

import dev.warden.core.audit.ChainCheck;
import dev.warden.core.audit.ChainVerifier;
import dev.warden.core.audit.ChainedEntry;
import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.SqlFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries to the hash-chained audit log and reads and verifies it. An entry is written in the
 * caller's transaction, so a change and its record commit or roll back together.
 */
@Service
public class AuditTrail {
    private static final int MAX_DETAILS = 4000;
    private static final int VERIFY_CHUNK = 1000;
    private static final String COLUMNS =
            "seq, at, actor_kind, actor_id, action, subject_type, subject_id, partner_id, details, prev_hash, hash";

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Head(long seq, String hash) {}

    /**
     * Records that {@code actor} did {@code action} to a subject. {@code partner} is the partner the
     * subject belongs to, if any; {@code details} is written as JSON with sorted keys.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(
            Actor actor,
            String action,
            String subjectType,
            String subjectId,
            @Nullable PartnerId partner,
            Map<String, ?> details) {
        // Locking the head row makes appends one at a time across every node.
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query(Head.class)
                .single();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String json = JsonMapper.shared().writeValueAsString(new TreeMap<>(details));
        if (json.length() > MAX_DETAILS) {
            json = json.substring(0, MAX_DETAILS - 20) + "...(truncated)";
        }
        ChainedEntry draft = new ChainedEntry(
                head.seq() + 1,
                at,
                actor.kind().name(),
                actor.id(),
                action,
                subjectType,
                subjectId,
                partner == null ? null : partner.value(),
                json,
                head.hash(),
                "");
        String hash = draft.expectedHash();
        jdbc.sql("insert into audit_log (" + COLUMNS + ") values (:seq, :at, :kind, :actor, :action, :type,"
                        + " :subject, :partner, :details, :prev, :hash)")
                .param("seq", draft.seq())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("kind", draft.actorKind())
                .param("actor", draft.actorId())
                .param("action", action)
                .param("type", subjectType)
                .param("subject", subjectId)
                .param("partner", draft.partner())
                .param("details", json)
                .param("prev", head.hash())
                .param("hash", hash)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", draft.seq())
                .param("hash", hash)
                .update();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The actions and subject types on the trail so far, for a reader's filter choices. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> vocabulary() {
        return Map.of(
                "actions",
                jdbc.sql("select distinct action from audit_log order by action")
                        .query(String.class)
                        .list(),
                "subjectTypes",
                jdbc.sql("select distinct subject_type from audit_log order by subject_type")
                        .query(String.class)
                        .list());
    }

    /** Entries matching the query, newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> list(AuditQuery query, Paging paging) {
        SqlFilter filter = new SqlFilter()
                .when(query.actor(), "actor_id = :actor", "actor")
                .when(query.action(), "action = :action", "action")
                .when(query.subjectType(), "subject_type = :type", "type")
                .when(query.subjectId(), "subject_id = :subject", "subject")
                .when(query.partner(), "partner_id = :partner", "partner")
                .when(utc(query.from()), "at >= :from", "from")
                .when(utc(query.to()), "at < :to", "to");
        List<AuditEntry> items = jdbc.sql("select " + COLUMNS + " from audit_log" + filter.where()
                        + " order by seq desc limit " + paging.size() + " offset " + paging.offset())
                .params(filter.params())
                .query((rs, n) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11)))
                .list();
        long total = jdbc.sql("select count(*) from audit_log" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
        return Page.of(items, paging, total);
    }

    /** Checks the whole chain in sequence order and reports the first broken link. */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query(Head.class)
                .single();
        ChainVerifier verifier = new ChainVerifier();
        long after = 0;
        while (true) {
            List<ChainedEntry> chunk = jdbc.sql("select " + COLUMNS + " from audit_log where seq > :after"
                            + " order by seq limit " + VERIFY_CHUNK)
                    .param("after", after)
                    .query((rs, n) -> new ChainedEntry(
                            rs.getLong(1),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11)))
                    .list();
            for (ChainedEntry entry : chunk) {
                if (!verifier.accept(entry)) {
                    return verifier.result(head.seq(), head.hash());
                }
            }
            if (chunk.size() < VERIFY_CHUNK) {
                return verifier.result(head.seq(), head.hash());
            }
            after = chunk.get(chunk.size() - 1).seq();
        }
    }
}
