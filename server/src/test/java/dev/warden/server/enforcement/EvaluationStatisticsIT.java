package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An evaluation that opens many cases refreshes PostgreSQL's planner statistics, which PostgreSQL counts
 * per table ({@code pg_stat_user_tables.analyze_count}); H2 keeps no such count.
 */
@ExtendWith(DatabaseRequirement.class)
class EvaluationStatisticsIT {

    static long analyzed(JdbcClient jdbc) {
        return jdbc.sql("select analyze_count from pg_stat_user_tables where relname = 'enforcement_cases'")
                .query(Long.class)
                .single();
    }

    @Test
    void anEvaluationOpeningManyCasesAnalyzesTheTables() throws Exception {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL counts how often a table was analyzed; H2 does not");
        // Two new cases or proposals are "many" here; the demo marketplace opens more than that.
        try (FreshWarden warden = FreshWarden.start(Map.of(
                "warden.jobs.enabled", "false",
                "warden.enforcement.incremental", "false",
                "warden.enforcement.analyze-after", "2"))) {
            JdbcClient jdbc = warden.bean(JdbcClient.class);
            ok(warden.admin().post("/api/v1/snapshot", EvaluationConsistencyIT.demo()));
            long before = analyzed(jdbc);
            var summary = ok(warden.admin().post("/api/v1/enforcement/evaluations", ""));
            assertThat(summary.get("opened").asInt()).isGreaterThanOrEqualTo(2);
            // PostgreSQL publishes a backend's counts when it goes idle, within a second.
            long after = before;
            for (int i = 0; i < 100 && after == before; i++) {
                Thread.sleep(100);
                after = analyzed(jdbc);
            }
            assertThat(after).isGreaterThan(before);
        }
    }
}
