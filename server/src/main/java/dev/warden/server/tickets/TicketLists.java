package dev.warden.server.tickets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of tickets as the API, the console and the jobs read them: a page by number or from a cursor,
 * the first few without a count, and every one in chunks. What a partner's actor asks is limited to its
 * own tickets, whatever partner it filters on.
 */
@Service
public class TicketLists {
    /** How long a filter found to keep more tickets than the count limit is believed to, uncounted. */
    static final Duration BEYOND_LIMIT_KEPT = Duration.ofSeconds(30);

    private final TicketRows rows;
    private final Clock clock;
    private final long countLimit;

    /**
     * The filters (with their partner scope) whose last count passed the limit. A list of more than
     * 10,000 tickets does not drop under it from one page to the next, while counting to the limit reads
     * 10,000 rows on every page; such a filter is answered "more than" without counting for
     * {@link #BEYOND_LIMIT_KEPT}. Counts under the limit are never kept: they stay exact.
     */
    private final Cache<TicketQuery, Boolean> beyondLimit = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(BEYOND_LIMIT_KEPT)
            .build();

    /**
     * {@code countLimit}: lists count their tickets up to this many; beyond it the total is given as
     * "more than" (counting a million tickets on every page would cost more than reading the page).
     */
    TicketLists(TicketRows rows, Clock clock, @Value("${warden.tickets.count-limit:10000}") long countLimit) {
        this.rows = rows;
        this.clock = clock;
        this.countLimit = countLimit;
    }

    /**
     * A page of the tickets matching {@code query}: the {@code paging.page()}-th, or the one right after
     * the cursor {@code after} or right before {@code before} (then {@code paging.page()} must be 0).
     * The page carries the cursors of the pages on either side, where there are any. A page by number
     * must start within the first {@code warden.tickets.count-limit} tickets ({@link
     * Paging#requireStartWithin}); deeper pages are read by cursor.
     */
    @Transactional(readOnly = true)
    public Page<TicketView> page(
            TicketQuery query, Paging paging, @Nullable String after, @Nullable String before, Actor actor) {
        if (after != null && before != null) {
            throw new InvalidParameterException("before", "cannot be given with after");
        }
        if ((after != null || before != null) && paging.page() != 0) {
            throw new InvalidParameterException("page", "cannot be given with a cursor (after or before)");
        }
        paging.requireStartWithin(countLimit, "tickets");
        PartnerScope scope = PartnerScope.of(query.partner(), actor);
        TicketOrder order = TicketOrder.of(query.sort(), TicketRows.openOnly(query));
        TicketCursor from = after != null
                ? TicketCursor.decode("after", after, order.sort())
                : before != null ? TicketCursor.decode("before", before, order.sort()) : null;
        if (scope.none()) {
            return Page.of(List.of(), paging, 0);
        }
        TicketQuery scoped = query.forPartner(scope.only());
        Instant now = clock.instant();
        boolean backwards = before != null;
        long total = count(scoped, now);
        boolean exact = total <= countLimit;
        // Nothing matched the count: no page to read (a search that matches nothing would read every
        // ticket a second time).
        List<TicketRows.Row> read = total == 0
                ? List.of()
                : rows.page(scoped, order, from, backwards, paging.size() + 1, paging.offset(), !exact, now);
        return Page.read(
                        read,
                        paging,
                        exact ? total : countLimit,
                        exact,
                        from != null,
                        backwards,
                        r -> order.at(r).encode())
                .map(r -> TicketView.of(r, null, now));
    }

    /** The first {@code limit} tickets matching {@code query}, without counting the rest. */
    @Transactional(readOnly = true)
    public List<TicketView> first(TicketQuery query, int limit, Actor actor) {
        PartnerScope scope = PartnerScope.of(query.partner(), actor);
        if (scope.none()) {
            return List.of();
        }
        Instant now = clock.instant();
        TicketQuery scoped = query.forPartner(scope.only());
        TicketOrder order = TicketOrder.of(query.sort(), TicketRows.openOnly(query));
        boolean dense = dense(scoped, order, now);
        return rows.page(scoped, order, null, false, limit, 0, dense, now).stream()
                .map(r -> TicketView.of(r, null, now))
                .toList();
    }

    /**
     * Every ticket matching {@code query}, chunk after chunk, each read from where the last one ended
     * (pages must be asked for in order, as an export does): constant work per chunk however deep.
     */
    public Exports.Pages<TicketView> all(TicketQuery query, Actor actor) {
        PartnerScope scope = PartnerScope.of(query.partner(), actor);
        TicketQuery scoped = query.forPartner(scope.only());
        TicketOrder order = TicketOrder.of(query.sort(), TicketRows.openOnly(query));
        Instant now = clock.instant();
        return new Exports.Pages<>() {
            private @Nullable TicketCursor last;
            private @Nullable Boolean dense;

            @Override
            public List<TicketView> page(Paging paging) {
                if (scope.none()) {
                    return List.of();
                }
                if (dense == null) {
                    dense = dense(scoped, order, now);
                }
                List<TicketRows.Row> chunk = rows.page(scoped, order, last, false, paging.size(), 0, dense, now);
                if (!chunk.isEmpty()) {
                    last = order.at(chunk.get(chunk.size() - 1));
                }
                return chunk.stream().map(r -> TicketView.of(r, null, now)).toList();
            }
        };
    }

    /**
     * Whether the filters keep more tickets than the count limit (see {@link TicketRows#page}); not
     * counted for the open tickets by due date, whose filter and order are one index.
     */
    private boolean dense(TicketQuery scoped, TicketOrder order, Instant now) {
        return !"tickets_open_due".equals(order.index()) && count(scoped, now) > countLimit;
    }

    /** The tickets {@code scoped} keeps, counted up to one past the limit (see {@link #beyondLimit}). */
    private long count(TicketQuery scoped, Instant now) {
        if (beyondLimit.getIfPresent(scoped) != null) {
            return countLimit + 1;
        }
        long counted = rows.count(scoped, now, countLimit);
        if (counted > countLimit) {
            beyondLimit.put(scoped, Boolean.TRUE);
        }
        return counted;
    }
}
