package dev.warden.server.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a longer result, with what a client needs to fetch the rest. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, Paging paging, long totalItems) {
        int pages = (int) ((totalItems + paging.size() - 1) / paging.size());
        return new Page<>(items, paging.page(), paging.size(), totalItems, pages);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), page, size, totalItems, totalPages);
    }
}
