package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background jobs' queries over every ticket read the index made for them, not the table: at a
 * million tickets the difference is seconds on every run (docs/benchmarks.md). PostgreSQL is told not to
 * read the whole table, which its planner prefers for a table this small.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketPlansIT {
    static FreshWarden warden;

    @BeforeAll
    static void start() {
        warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    /** The plan of {@code sql} with these parameters, as the database prints it. */
    static String plan(String sql, Map<String, Object> params) {
        JdbcClient jdbc = JdbcClient.create(warden.bean(DataSource.class));
        return new TransactionTemplate(warden.bean(PlatformTransactionManager.class)).execute(status -> {
            if (TestDatabase.postgres()) {
                jdbc.sql("set local enable_seqscan = off").update();
            }
            return String.join(
                    "\n",
                    jdbc.sql("explain " + sql)
                            .params(params)
                            .query(String.class)
                            .list());
        });
    }

    /**
     * The breach job reads the unrecorded breaches as one range of their own index (migration 40), in
     * due-date order, not along the open due dates' index past every open ticket whose breach is recorded
     * (341,000 of them on every run at a million tickets).
     */
    @Test
    void theBreachJobReadsTheUnrecordedBreachesFromTheirOwnIndex() {
        String plan = plan(
                "select ticket_key from tickets" + BreachRows.UNRECORDED + "200",
                Map.of(
                        "now", OffsetDateTime.parse("2026-12-04T00:00:00Z"),
                        "floor", OffsetDateTime.parse("0001-01-01T00:00:00Z")));
        assertThat(plan).contains("tickets_unrecorded_breaches").doesNotContain("Sort");
    }

    /**
     * The metrics' ticket counts, taken every 30 s on each node, read the status index alone (migration
     * 41), not every row: at a million tickets H2 took 2.9 s for the rows and 0.5 s for the index.
     */
    @Test
    void theMetricsCountsReadTheStatusIndexAlone() {
        String plan = plan(TicketMetrics.COUNTS, Map.of("now", OffsetDateTime.parse("2026-12-04T00:00:00Z")));
        // Without migration 41: H2 reads the table; PostgreSQL reads the index and each row behind it.
        assertThat(plan)
                .contains(
                        TestDatabase.postgres()
                                ? "Index Only Scan using tickets_status"
                                : "/* public.tickets_status */");
    }
}
