package dev.warden.server.shared;

import java.util.Locale;

/** Which page of a result to return: a zero-based page number and a page size of 1 to 500. */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0) {
            throw new InvalidParameterException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidParameterException("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }

    /**
     * Refuses a page number whose page would start past the first {@code counted} {@code items} of a
     * list that also pages by cursor and counts no further than {@code counted}: the database steps over
     * every row in front of a page by number (seconds, a million rows deep), while a cursor reads a page
     * from an index wherever it lies. Every page a counted total gives a number to is allowed.
     */
    public void requireStartWithin(long counted, String items) {
        if (page > 0 && offset() >= counted) {
            throw new InvalidParameterException(
                    "page",
                    String.format(
                            Locale.ROOT,
                            "must start within the first %,d %s (page × size); read further by cursor:"
                                    + " pass the last page's next as after",
                            counted,
                            items));
        }
    }
}
