package dev.warden.server.shared;

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

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(
                items.stream().<R>map(f).toList(), page, size, totalItems, totalItemsExact, totalPages, next, previous);
    }
}
