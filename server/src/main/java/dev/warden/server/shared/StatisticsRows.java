package dev.warden.server.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The database's planner statistics, refreshed after a bulk change (an import, a burst of new cases). */
@Repository
public class StatisticsRows {
    private final JdbcClient jdbc;

    StatisticsRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Recomputes the statistics of every table ({@code ANALYZE}, which PostgreSQL and H2 both know).
     * Until it runs, PostgreSQL plans a freshly imported table from what it knew before the import (an
     * empty table, typically) and scans where an index would do; autovacuum gets there eventually.
     */
    public void refresh() {
        jdbc.sql("analyze").update();
    }
}
