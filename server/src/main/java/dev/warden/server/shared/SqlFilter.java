package dev.warden.server.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A WHERE clause built from the filters a caller actually gave, with named parameters. PostgreSQL
 * cannot type a null parameter, so absent filters leave the SQL instead of binding a null.
 */
public final class SqlFilter {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code clause} with its one parameter when {@code value} is given. */
    public SqlFilter when(@Nullable Object value, String clause, String param) {
        if (value != null) {
            clauses.add(clause);
            params.put(param, value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** Adds a case-insensitive substring match of {@code column} against {@code text} when given. */
    public SqlFilter contains(@Nullable String text, String column, String param) {
        if (text != null && !text.isBlank()) {
            String escaped = text.trim()
                    .toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            clauses.add("lower(" + column + ") like :" + param + " escape '\\'");
            params.put(param, "%" + escaped + "%");
        }
        return this;
    }

    /** Adds a clause with several parameters. */
    public SqlFilter clause(String clause, Map<String, Object> clauseParams) {
        clauses.add(clause);
        params.putAll(clauseParams);
        return this;
    }

    /** Adds every clause of {@code other}, with its parameters. */
    public SqlFilter and(SqlFilter other) {
        clauses.addAll(other.clauses);
        params.putAll(other.params);
        return this;
    }

    /** Adds a clause that needs no parameter. */
    public SqlFilter always(String clause) {
        clauses.add(clause);
        return this;
    }

    /** Adds {@code exists (select 1 from <from> where <inner>)}, taking over the inner parameters. */
    public SqlFilter exists(String from, SqlFilter inner) {
        clauses.add("exists (select 1 from " + from + inner.where() + ")");
        params.putAll(inner.params);
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }
}
