package dev.warden.server.shared;

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
}
