package dev.warden.server.shared;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A {@code sort} parameter such as {@code name} or {@code -installs}, checked against allowed keys. */
public final class Sorting {
    private Sorting() {}

    /**
     * The ORDER BY clause for {@code sort}, where {@code columns} maps the allowed keys to SQL columns;
     * {@code tieBreak} keeps pages stable when the sort key has ties.
     */
    public static String orderBy(@Nullable String sort, Map<String, String> columns, String fallback, String tieBreak) {
        if (sort == null || sort.isBlank()) {
            return " order by " + withTieBreak(fallback, "", tieBreak);
        }
        boolean descending = sort.startsWith("-");
        String key = descending ? sort.substring(1) : sort;
        String column = columns.get(key);
        if (column == null) {
            throw new InvalidParameterException(
                    "sort",
                    "must be one of " + String.join(", ", new java.util.TreeSet<>(columns.keySet()))
                            + " (prefix - for descending)");
        }
        return " order by " + withTieBreak(column, descending ? " desc" : " asc", tieBreak);
    }

    /**
     * {@code columns} (comma-separated) each in {@code direction}, then the tie-break's columns that are
     * not among them: repeating a column makes the database sort by it twice, and stops H2 from using an
     * index on the whole key.
     */
    private static String withTieBreak(String columns, String direction, String tieBreak) {
        java.util.List<String> sorted =
                java.util.Arrays.stream(columns.split(",")).map(String::trim).toList();
        StringBuilder out = new StringBuilder();
        for (String column : sorted) {
            out.append(out.isEmpty() ? "" : ", ").append(column).append(direction);
        }
        for (String column : tieBreak.split(",")) {
            if (!sorted.contains(column.trim())) {
                out.append(", ").append(column.trim());
            }
        }
        return out.toString();
    }
}
