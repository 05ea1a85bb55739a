package dev.warden.server.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Grouped counts for the metrics: a feature gives a query over its own tables whose last column is a
 * number and whose other columns are the labels.
 */
@Repository
public class CountRows {
    private final JdbcClient jdbc;

    CountRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The query's rows as label values (nulls as "none") to the numbers in its last {@code numbers}
     * columns: several counts from one scan.
     */
    public Map<List<String>, long[]> grouped(String sql, Map<String, ?> params, int numbers) {
        Map<List<String>, long[]> out = new HashMap<>();
        jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    int columns = rs.getMetaData().getColumnCount();
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= columns - numbers; i++) {
                        String v = rs.getString(i);
                        key.add(v == null ? "none" : v);
                    }
                    long[] values = out.computeIfAbsent(key, k -> new long[numbers]);
                    for (int i = 0; i < numbers; i++) {
                        values[i] += rs.getLong(columns - numbers + 1 + i);
                    }
                    return key;
                })
                .list();
        return out;
    }

    /** The query's rows as label values (nulls as "none") to the number in the last column. */
    public Map<List<String>, Long> grouped(String sql, Map<String, ?> params) {
        Map<List<String>, Long> out = new HashMap<>();
        jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    int columns = rs.getMetaData().getColumnCount();
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i < columns; i++) {
                        String v = rs.getString(i);
                        key.add(v == null ? "none" : v);
                    }
                    out.merge(key, rs.getLong(columns), Long::sum);
                    return key;
                })
                .list();
        return out;
    }
}
