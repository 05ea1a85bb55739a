package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Databases;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** Tickets, their events, and the projection of their clocks, in SQL. */
@Repository
class TicketRows {
    /** Open tickets: those with an open_due_at, which is written with the status (see {@link #openDueAt}). */
    static final String OPEN = "open_due_at is not null";

    static final String COLUMNS = "ticket_key, type, partner_id, app_key, hosting, title, status, severity, score,"
            + " policy_version, reported_at, clock_start_at, due_at, triage_due_at, breached_at, assignees, version";
    static final ObjectWriter EVENT_WRITER = SnapshotCodec.mapper().writerFor(TicketEvent.class);
    private static final ObjectReader EVENT_READER = SnapshotCodec.mapper().readerFor(TicketEvent.class);

    private final JdbcClient jdbc;
    private final TicketBatchRows batches;
    private final TitleMatches titles;
    private final boolean h2;

    TicketRows(JdbcClient jdbc, TicketBatchRows batches, TitleMatches titles, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.titles = titles;
        this.h2 = Databases.isH2(dataSource);
    }

    /** The stored columns of a ticket: its facts and the last computed state. */
    record Row(
            String ticketKey,
            String type,
            String partnerId,
            String appKey,
            String hosting,
            String title,
            String status,
            String severity,
            double score,
            String policyVersion,
            OffsetDateTime reportedAt,
            OffsetDateTime clockStartAt,
            OffsetDateTime dueAt,
            @Nullable OffsetDateTime triageDueAt,
            @Nullable OffsetDateTime breachedAt,
            String assignees,
            int version) {

        TicketStatus ticketStatus() {
            return TicketStatus.valueOf(status);
        }

        PartnerId partner() {
            return PartnerId.of(partnerId);
        }

        List<String> assigneeList() {
            return assignees.isEmpty() ? List.of() : Arrays.asList(assignees.split(","));
        }
    }

    Optional<Row> find(TicketKey key) {
        return jdbc.sql("select " + COLUMNS + " from tickets where ticket_key = :key")
                .param("key", key.value())
                .query(RecordRows.of(Row.class))
                .optional();
    }

    List<TicketEvent> events(TicketKey key) {
        return jdbc.sql("select event from ticket_events where ticket_key = :key order by seq")
                .param("key", key.value())
                .query((rs, n) -> readEvent(rs.getString(1)))
                .list();
    }

    Ticket ticket(Row row, List<TicketEvent> events) {
        return new Ticket(
                TicketKey.of(row.ticketKey()),
                TicketType.valueOf(row.type()),
                AppKey.of(row.appKey()),
                Hosting.valueOf(row.hosting()),
                row.title(),
                events);
    }

    /**
     * Up to {@code limit} rows in {@code order}: from {@code offset} on, or after {@code cursor} (before
     * it, with {@code backwards}, nearest first). {@code dense}: the filters match many tickets, so on
     * H2, whose planner cannot tell, the order's index is read and filtered rather than the filter's
     * index read and every match sorted (PostgreSQL weighs that itself from its statistics).
     */
    List<Row> page(
            TicketQuery query,
            TicketOrder order,
            @Nullable TicketCursor cursor,
            boolean backwards,
            int limit,
            long offset,
            boolean dense,
            Instant now) {
        TitleMatches.Source source = titles.source(query.text());
        String from = source.from()
                + (dense && h2 && source.table() && order.index() != null ? " use index (" + order.index() + ")" : "");
        String orderBy = order.orderBy(backwards) + " limit ";
        if (cursor == null) {
            SqlFilter filter = filter(query, now);
            return jdbc.sql("select " + COLUMNS + from + filter.where() + orderBy + limit + " offset " + offset)
                    .params(filter.params())
                    .params(source.params())
                    .query(RecordRows.of(Row.class))
                    .list();
        }
        List<Row> found = new ArrayList<>();
        for (SqlFilter range : order.after(cursor, backwards, backwards ? "before" : "after")) {
            SqlFilter filter = filter(query, now).and(range);
            found.addAll(jdbc.sql("select " + COLUMNS + from + filter.where() + orderBy + (limit - found.size()))
                    .params(filter.params())
                    .params(source.params())
                    .query(RecordRows.of(Row.class))
                    .list());
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    /** How many tickets match, counting no further than {@code cap} + 1 (a million take seconds on H2). */
    long count(TicketQuery query, Instant now, long cap) {
        SqlFilter filter = filter(query, now);
        TitleMatches.Source source = titles.source(query.text());
        return jdbc.sql("select count(*) from (select 1" + source.from() + filter.where() + " limit " + (cap + 1)
                        + ") t")
                .params(filter.params())
                .params(source.params())
                .query(Long.class)
                .single();
    }

    /** Whether the query lists open tickets only (so a sort by due date can read open_due_at). */
    static boolean openOnly(TicketQuery q) {
        return Boolean.TRUE.equals(q.open()) || Boolean.TRUE.equals(q.overdue()) || q.dueWithinDays() != null;
    }

    private static SqlFilter filter(TicketQuery q, Instant now) {
        SqlFilter f = new SqlFilter()
                .when(q.partner() == null ? null : q.partner().value(), "partner_id = :partner", "partner")
                .when(q.app() == null ? null : q.app().value(), "app_key = :app", "app")
                .when(q.type(), "type = :type", "type")
                .when(q.hosting(), "hosting = :hosting", "hosting")
                .when(q.status(), "status = :status", "status")
                .when(q.severity(), "severity = :severity", "severity")
                .contains(TitleSearchIndex.served(q.text()), "title", "text")
                .when(TitleSearchIndex.unserved(q.text()), "position(:short in lower(title)) > 0", "short")
                // Assignees are kept as a comma-separated list: one address matches whole, never a part of one.
                .contains(
                        q.assignee() == null ? null : "," + q.assignee() + ",", "',' || assignees || ','", "assignee");
        if (Boolean.TRUE.equals(q.open())) {
            f.always(OPEN);
        } else if (Boolean.FALSE.equals(q.open())) {
            f.always("open_due_at is null");
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            f.when(utc(now), "open_due_at < :now", "now");
        } else if (Boolean.FALSE.equals(q.overdue())) {
            f.when(utc(now), "(open_due_at is null or open_due_at >= :notOverdueAt)", "notOverdueAt");
        }
        if (q.breachedIn() != null) {
            YearMonth m = q.breachedIn();
            f.when(utc(m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)), "due_at >= :breachFrom", "breachFrom")
                    .when(
                            utc(m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                            "due_at < :breachTo",
                            "breachTo")
                    .when(utc(now), "(breached_at is not null or open_due_at < :breachNow)", "breachNow");
        }
        if (q.dueWithinDays() != null) {
            f.when(utc(now), "open_due_at >= :windowStart", "windowStart")
                    .when(utc(now.plusSeconds(86_400L * q.dueWithinDays())), "open_due_at <= :windowEnd", "windowEnd");
        }
        return f;
    }

    void insert(Ticket ticket, PartnerId partner, TicketState state, List<String> assignees, Instant now) {
        batches.insert(List.of(new TicketBatchRows.NewTicket(ticket, partner, state, assignees)), now);
    }

    void insertEvent(TicketKey key, int seq, TicketEvent event) {
        jdbc.sql("insert into ticket_events (ticket_key, seq, at, event) values (:key, :seq, :at, :event)")
                .param("key", key.value())
                .param("seq", seq)
                .param("at", utc(event.at()))
                .param("event", EVENT_WRITER.writeValueAsString(event))
                .update();
    }

    /** Stores the recomputed state; false if someone else changed the ticket since {@code version}. */
    boolean project(Ticket ticket, TicketState state, int version, Instant now) {
        return jdbc.sql("update tickets set status = :status, severity = :severity, score = :score,"
                                + " policy_version = :policy, clock_start_at = :start, due_at = :due,"
                                + " open_due_at = :openDue, triage_due_at = :triageDue, breached_at = :breached, version = version + 1,"
                                + " updated_at = :now where ticket_key = :key and version = :version")
                        .param("key", ticket.key().value())
                        .param("status", state.status().name())
                        .param("severity", state.severity().name())
                        .param("score", state.score())
                        .param("policy", state.policyVersion())
                        .param("start", utc(state.clockStartAt()))
                        .param("due", utc(state.dueAt()))
                        .param("openDue", TicketProjection.openDueAt(state))
                        .param("triageDue", state.triageDueAt() == null ? null : utc(state.triageDueAt()))
                        .param("breached", TicketProjection.breachedAt(ticket, state))
                        .param("now", utc(now))
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Replaces a ticket's whole history (an import of a changed ticket). */
    void replaceEvents(Ticket ticket) {
        jdbc.sql("delete from ticket_events where ticket_key = :key")
                .param("key", ticket.key().value())
                .update();
        List<TicketEvent> events = ticket.events();
        for (int i = 0; i < events.size(); i++) {
            insertEvent(ticket.key(), i, events.get(i));
        }
    }

    /**
     * Of the tickets (of one partner, if given) due in {@code [from, to)}, duplicates and not-applicable
     * ones left out: how many, and how many breached (recorded, or open and past due at {@code now}).
     */
    /** Open tickets grouped by severity, status and due week (see {@link TicketOverview#open}). */
    record OpenCount(String severity, String status, int week, long tickets) {}

    /**
     * Open tickets counted in one pass, by severity, status and when they fall due: week -1 overdue,
     * 1 to {@code weeks} the 7-day window from now in which they fall due, 0 later than that.
     */
    List<OpenCount> openCounts(@Nullable String partner, Instant now, int weeks) {
        StringBuilder week = new StringBuilder("case when open_due_at < :now then -1");
        Map<String, Object> params = new HashMap<>();
        params.put("now", utc(now));
        for (int w = 1; w <= weeks; w++) {
            week.append(" when open_due_at <= :week").append(w).append(" then ").append(w);
            params.put("week" + w, utc(now.plusSeconds(7L * 86_400 * w)));
        }
        if (partner != null) {
            params.put("partner", partner);
        }
        return jdbc.sql("select severity, status, week, count(*) as tickets from (select severity, status, " + week
                        + " else 0 end as week from tickets where " + OPEN
                        + (partner == null ? "" : " and partner_id = :partner") + ") t group by severity, status, week")
                .params(params)
                .query(RecordRows.of(OpenCount.class))
                .list();
    }

    long[] dueAndBreached(@Nullable String partner, Instant from, Instant to, Instant now) {
        return dueAndBreached(partner, null, null, from, to, now);
    }

    /** Of the tickets due in [from, to), duplicates and not-applicable ones left out: how many, how many breached. */
    long[] dueAndBreached(
            @Nullable String partner,
            @Nullable String app,
            @Nullable String hosting,
            Instant from,
            Instant to,
            Instant now) {
        Map<String, Object> params = new java.util.HashMap<>();
        if (partner != null) {
            params.put("partner", partner);
        }
        if (app != null) {
            params.put("app", app);
        }
        if (hosting != null) {
            params.put("hosting", hosting);
        }
        return jdbc.sql("select count(*) as due, coalesce(sum(case when breached_at is not null"
                        + " or open_due_at < :now then 1 else 0 end), 0) as breached"
                        + " from tickets where due_at >= :from and due_at < :to"
                        + " and status not in ('DUPLICATE', 'NOT_APPLICABLE')"
                        + (partner == null ? "" : " and partner_id = :partner")
                        + (app == null ? "" : " and app_key = :app")
                        + (hosting == null ? "" : " and hosting = :hosting"))
                .param("now", utc(now))
                .param("from", utc(from))
                .param("to", utc(to))
                .params(params)
                .query((rs, n) -> new long[] {rs.getLong("due"), rs.getLong("breached")})
                .single();
    }

    /** The next free ticket number: the counter, moved past any number an import brought in. */
    long nextNumber() {
        long counter = jdbc.sql("select next from ticket_counter where id = 1 for update")
                .query(Long.class)
                .single();
        long highest = jdbc.sql("select coalesce(max(number), 0) from tickets where project = :project")
                .param("project", TicketKey.PROJECT)
                .query(Long.class)
                .single();
        long next = Math.max(counter, highest + 1);
        jdbc.sql("update ticket_counter set next = :next where id = 1")
                .param("next", next + 1)
                .update();
        return next;
    }

    /** A page of tickets with their events, in key order, after the given position. */
    List<Ticket> withEvents(
            @Nullable PartnerId partner,
            @Nullable Instant countingAsOf,
            @Nullable String afterProject,
            long afterNumber,
            int size) {
        SqlFilter f =
                new SqlFilter().when(partner == null ? null : partner.value(), "partner_id = :partner", "partner");
        if (countingAsOf != null) {
            // Open, or closed, due in the year up to the moment judged and neither duplicate nor not applicable.
            Instant yearBefore = countingAsOf
                    .atOffset(java.time.ZoneOffset.UTC)
                    .minusYears(1)
                    .toInstant();
            f.clause(
                    "(open_due_at is not null or (due_at > :yearBefore and due_at <= :asOf"
                            + " and status not in ('DUPLICATE', 'NOT_APPLICABLE')))",
                    Map.of("asOf", utc(countingAsOf), "yearBefore", utc(yearBefore)));
        }
        if (afterProject != null) {
            f.clause(
                    "(project > :afterProject or (project = :afterProject and number > :afterNumber))",
                    Map.of("afterProject", afterProject, "afterNumber", afterNumber));
        }
        List<Row> rows = jdbc.sql(
                        "select " + COLUMNS + " from tickets" + f.where() + " order by project, number limit " + size)
                .params(f.params())
                .query(RecordRows.of(Row.class))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<TicketEvent>> events = new HashMap<>();
        jdbc.sql("select ticket_key, event from ticket_events where ticket_key in (:keys) order by ticket_key, seq")
                .param("keys", rows.stream().map(Row::ticketKey).toList())
                .query((rs, n) -> events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(readEvent(rs.getString(2))))
                .list();
        return rows.stream()
                .map(r -> ticket(r, events.getOrDefault(r.ticketKey(), List.of())))
                .toList();
    }

    static TicketEvent readEvent(String json) {
        return EVENT_READER.readValue(json);
    }

    static Severity severity(Row row) {
        return Severity.valueOf(row.severity());
    }
}
