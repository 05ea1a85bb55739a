package dev.warden.server.tickets;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.SqlFilter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The order a list of tickets is read in (a {@code sort} parameter such as {@code dueAt} or
 * {@code -score}), with the ticket key as the tie-break, and the SQL that reads a page of it from a
 * {@link TicketCursor}. Each order but the partner's has an index that ends in the key, so a page
 * anywhere in a million tickets is read from a few index ranges on either database.
 */
final class TicketOrder {
    static final String KEY = "key";
    private static final Map<String, String> COLUMNS = Map.of(
            "dueAt", "due_at",
            "reportedAt", "reported_at",
            "score", "score",
            "partner", "partner_id");

    private final String sort;
    private final @Nullable String column;
    private final boolean descending;

    private TicketOrder(String sort, @Nullable String column, boolean descending) {
        this.sort = sort;
        this.column = column;
        this.descending = descending;
    }

    /**
     * The order {@code sort} names (the key when not given). A list of open tickets only reads the due
     * date from {@code open_due_at}, the same value for an open ticket, whose index holds only open ones.
     */
    static TicketOrder of(@Nullable String sort, boolean openOnly) {
        if (sort == null || sort.isBlank()) {
            return new TicketOrder(KEY, null, false);
        }
        boolean descending = sort.startsWith("-");
        String key = descending ? sort.substring(1) : sort;
        if (key.equals(KEY)) {
            return new TicketOrder(sort, null, descending);
        }
        String column = COLUMNS.get(key);
        if (column == null) {
            TreeSet<String> keys = new TreeSet<>(COLUMNS.keySet());
            keys.add(KEY);
            throw new InvalidParameterException(
                    "sort", "must be one of " + String.join(", ", keys) + " (prefix - for descending)");
        }
        return new TicketOrder(sort, openOnly && column.equals("due_at") ? "open_due_at" : column, descending);
    }

    String sort() {
        return sort;
    }

    /**
     * The ORDER BY clause, or its exact reverse (to read the page before a cursor). Ties are broken by
     * the key in the same direction, so that one index serves the order read either way.
     */
    String orderBy(boolean reversed) {
        String dir = descending != reversed ? " desc" : " asc";
        return " order by " + (column == null ? "" : column + dir + ", ") + "project" + dir + ", number" + dir;
    }

    /** The index that holds the tickets in this order, if one does. */
    @Nullable
    String index() {
        if (column == null) {
            return "tickets_order";
        }
        return switch (column) {
            case "due_at" -> "tickets_due";
            case "open_due_at" -> "tickets_open_due";
            case "reported_at" -> "tickets_reported";
            case "score" -> "tickets_score";
            default -> null;
        };
    }

    /**
     * The rows after {@code cursor} in this order (before it, with {@code backwards}) as consecutive
     * ranges, nearest first: the rest of the cursor's project among the rows with its sort value, then
     * the later projects with that value, then the later values. Each is one range of an index whose
     * leading columns it fixes; a single condition on the whole tuple is read by H2 as a range of the
     * first column only, which in a list where a million tickets share one project means all of them.
     */
    List<SqlFilter> after(TicketCursor cursor, boolean backwards, String param) {
        String op = descending != backwards ? "<" : ">";
        Map<String, Object> key = Map.of("cursorProject", cursor.project(), "cursorNumber", cursor.number());
        List<SqlFilter> ranges = new ArrayList<>();
        if (column == null) {
            ranges.add(new SqlFilter().clause("project = :cursorProject and number " + op + " :cursorNumber", key));
            ranges.add(new SqlFilter().clause("project " + op + " :cursorProject", key));
            return ranges;
        }
        Map<String, Object> all = new HashMap<>(key);
        all.put("cursorValue", value(cursor, param));
        ranges.add(new SqlFilter()
                .clause(
                        column + " = :cursorValue and project = :cursorProject and number " + op + " :cursorNumber",
                        all));
        ranges.add(new SqlFilter().clause(column + " = :cursorValue and project " + op + " :cursorProject", all));
        ranges.add(new SqlFilter().clause(column + " " + op + " :cursorValue", all));
        return ranges;
    }

    /** The cursor at {@code row}: the list continues after it (or before it) from there. */
    TicketCursor at(TicketRows.Row row) {
        String key = row.ticketKey();
        int dash = key.lastIndexOf('-');
        String value = column == null
                ? null
                : switch (column) {
                    case "due_at", "open_due_at" -> row.dueAt().toInstant().toString();
                    case "reported_at" -> row.reportedAt().toInstant().toString();
                    case "score" -> Double.toString(row.score());
                    default -> row.partnerId();
                };
        return new TicketCursor(sort, value, key.substring(0, dash), Long.parseLong(key.substring(dash + 1)));
    }

    private Object value(TicketCursor cursor, String param) {
        String value = cursor.value();
        if (value == null || column == null) {
            throw TicketCursor.notACursor(param);
        }
        try {
            return switch (column) {
                case "due_at", "open_due_at", "reported_at" -> utc(Instant.parse(value));
                case "score" -> Double.parseDouble(value);
                default -> value;
            };
        } catch (DateTimeException | NumberFormatException e) {
            throw TicketCursor.notACursor(param);
        }
    }
}
