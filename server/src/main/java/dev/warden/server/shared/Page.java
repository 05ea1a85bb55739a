package dev.warden.server.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a longer result, with what a client needs to fetch the rest: page numbers, and for lists
 * read by cursor the {@code next} and {@code previous} cursors (absent at either end, and for lists that
 * have none). {@code totalItems} is exact unless {@code totalItemsExact} is false: then there are at
 * least that many (a list that stops counting at a limit).
 */
public record Page<T>(
        List<T> items,
        int page,
        int size,
        long totalItems,
        boolean totalItemsExact,
        int totalPages,
        @Nullable String next,
        @Nullable String previous) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, Paging paging, long totalItems) {
        return of(items, paging, totalItems, true, null, null);
    }

    public static <T> Page<T> of(
            List<T> items,
            Paging paging,
            long totalItems,
            boolean exact,
            @Nullable String next,
            @Nullable String previous) {
        int pages = (int) ((totalItems + paging.size() - 1) / paging.size());
        return new Page<>(items, paging.page(), paging.size(), totalItems, exact, pages, next, previous);
    }

    /**
     * A page read with one row more than its size (which tells whether more follow), from a page number
     * or from a cursor ({@code fromCursor}), forwards or {@code backwards} (then nearest first, put back in
     * the list's order here); {@code cursor} gives a row's cursor for the pages on either side.
     */
    public static <T> Page<T> read(
            List<T> read,
            Paging paging,
            long totalItems,
            boolean exact,
            boolean fromCursor,
            boolean backwards,
            Function<? super T, String> cursor) {
        List<T> found = new ArrayList<>(read);
        boolean more = found.size() > paging.size();
        if (more) {
            found.remove(found.size() - 1);
        }
        if (backwards) {
            Collections.reverse(found);
        }
        String next = null;
        String previous = null;
        if (!found.isEmpty()) {
            // Read forwards, there is more after this page if the extra row came back, and before it if
            // it did not start at the top; read backwards, the other way round.
            if (backwards ? fromCursor : more) {
                next = cursor.apply(found.get(found.size() - 1));
            }
            if (backwards ? more : (fromCursor || paging.page() > 0)) {
                previous = cursor.apply(found.get(0));
            }
        }
        return of(found, paging, totalItems, exact, next, previous);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(
                items.stream().<R>map(f).toList(), page, size, totalItems, totalItemsExact, totalPages, next, previous);
    }
}
