package dev.warden.server.audit;

import dev.warden.core.audit.ChainCheck;
import dev.warden.core.audit.ChainVerifier;
import dev.warden.core.audit.ChainedEntry;
import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
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

    private final AuditRows rows;
    private final javax.sql.DataSource dataSource;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final long countLimit;

    /**
     * {@code countLimit}: lists count their entries up to this many; beyond it the total is given as "more
     * than" (counting a million entries on every page took 300 ms on PostgreSQL, a hundred times the page).
     */
    AuditTrail(
            AuditRows rows,
            AuditCheckpoints checkpoints,
            Clock clock,
            javax.sql.DataSource dataSource,
            @Value("${warden.audit.count-limit:10000}") long countLimit) {
        if (countLimit < 1) {
            throw new IllegalArgumentException("warden.audit.count-limit must be positive: " + countLimit);
        }
        this.countLimit = countLimit;
        this.rows = rows;
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to a subject. {@code partner} is the partner the
     * subject belongs to, if any; {@code details} is written as JSON with sorted keys.
     *
     * <p>The entry joins the transaction's batch and is chained when the transaction commits (or when
     * the batch is full), so the chain's head is locked once per batch, not once per entry.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(
            Actor actor,
            String action,
            String subjectType,
            String subjectId,
            @Nullable PartnerId partner,
            Map<String, ?> details) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String json = JsonMapper.shared().writeValueAsString(new TreeMap<>(details));
        if (json.length() > MAX_DETAILS) {
            json = json.substring(0, MAX_DETAILS - 20) + "...(truncated)";
        }
        AuditBatch.current(rows, dataSource)
                .add(new AuditBatch.Unchained(
                        at,
                        actor.kind().name(),
                        actor.id(),
                        action,
                        subjectType,
                        subjectId,
                        partner == null ? null : partner.value(),
                        json));
    }

    /** The actions and subject types on the trail so far, for a reader's filter choices. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> vocabulary() {
        return Map.of("actions", rows.distinct("action"), "subjectTypes", rows.distinct("subject_type"));
    }

    /** Entries matching the query, newest first: a page by number. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> list(AuditQuery query, Paging paging) {
        return list(query, paging, null, null);
    }

    /**
     * Entries matching the query, newest first: the {@code paging.page()}-th page, or the one right after
     * the cursor {@code after} (older entries) or right before {@code before} (newer ones; then
     * {@code paging.page()} must be 0). The page carries the cursors of the pages on either side, where
     * there are any, and a total counted up to {@code warden.audit.count-limit}. A page by number must
     * start within that many entries ({@link Paging#requireStartWithin}); deeper pages are read by cursor.
     */
    @Transactional(readOnly = true)
    public Page<AuditEntry> list(AuditQuery query, Paging paging, @Nullable String after, @Nullable String before) {
        if (after != null && before != null) {
            throw new InvalidParameterException("before", "cannot be given with after");
        }
        if ((after != null || before != null) && paging.page() != 0) {
            throw new InvalidParameterException("page", "cannot be given with a cursor (after or before)");
        }
        paging.requireStartWithin(countLimit, "entries");
        Long olderThan = cursor("after", after);
        Long newerThan = cursor("before", before);
        long total = rows.count(filter(query), countLimit + 1);
        boolean exact = total <= countLimit;
        boolean backwards = newerThan != null;
        SqlFilter paged = filter(query)
                .when(olderThan, "seq < :olderThan", "olderThan")
                .when(newerThan, "seq > :newerThan", "newerThan");
        List<AuditEntry> read =
                total == 0 ? List.of() : rows.page(paged, backwards, paging.size() + 1, paging.offset());
        return Page.read(
                read,
                paging,
                exact ? total : countLimit,
                exact,
                olderThan != null || newerThan != null,
                backwards,
                e -> Long.toString(e.seq()));
    }

    /**
     * Every entry matching the query, newest first, chunk after chunk, each read from where the last one
     * ended (chunks must be asked for in order, as an export does): constant work per chunk however deep.
     */
    public Exports.Pages<AuditEntry> all(AuditQuery query) {
        return new Exports.Pages<>() {
            private @Nullable Long last;

            @Override
            public List<AuditEntry> page(Paging paging) {
                List<AuditEntry> chunk =
                        rows.page(filter(query).when(last, "seq < :olderThan", "olderThan"), false, paging.size(), 0);
                if (!chunk.isEmpty()) {
                    last = chunk.get(chunk.size() - 1).seq();
                }
                return chunk;
            }
        };
    }

    private static SqlFilter filter(AuditQuery query) {
        return new SqlFilter()
                .when(query.actor(), "actor_id = :actor", "actor")
                .when(query.action(), "action = :action", "action")
                .when(query.subjectType(), "subject_type = :type", "type")
                .when(query.subjectId(), "subject_id = :subject", "subject")
                .when(query.partner(), "partner_id = :partner", "partner")
                .when(Timestamps.utcOrNull(query.from()), "at >= :from", "from")
                .when(Timestamps.utcOrNull(query.to()), "at < :to", "to");
    }

    /** A cursor this list gave: an entry's sequence number. */
    private static @Nullable Long cursor(String parameter, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(value);
            if (seq > 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidParameterException(parameter, "is not a cursor this list gave (an entry's seq)");
    }

    /**
     * Checks the whole chain in sequence order, holding it to every signed checkpoint, and reports the
     * first broken link. The chain is read in one snapshot, so appends made meanwhile are not mistaken
     * for a mismatched head.
     *
     * @throws CheckpointsUnreadable when the checkpoint file or its key cannot be read
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainCheck verify() {
        CheckpointLog.Reading checkpoints = this.checkpoints.read();
        AuditRows.Head head = rows.head();
        ChainVerifier verifier = new ChainVerifier(checkpoints.signed());
        long after = 0;
        boolean more = true;
        while (more) {
            List<ChainedEntry> chunk = rows.after(after, VERIFY_CHUNK);
            more = chunk.size() == VERIFY_CHUNK;
            for (ChainedEntry entry : chunk) {
                if (!verifier.accept(entry)) {
                    more = false;
                    break;
                }
                after = entry.seq();
            }
        }
        ChainCheck check = verifier.result(head.seq(), head.hash());
        CheckpointLog.Forgery forgery = checkpoints.forgery();
        if (check.intact() && forgery != null) {
            return ChainCheck.broken(
                    check.checked(),
                    forgery.seq(),
                    "the checkpoint on line " + forgery.line() + " of the checkpoint file, naming entry "
                            + forgery.seq() + ", cannot be trusted: " + forgery.problem(),
                    checkpoints.latest());
        }
        return check;
    }
}
