package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A full evaluation asks, before each partner, whether the server is stopping, and ends there: the
 * partners it reached are evaluated whole and committed, the others wait for the next run.
 */
@ExtendWith(DatabaseRequirement.class)
class EvaluationShutdownIT {

    @Test
    void aFullEvaluationStopsBetweenPartnersWhenTheServerStops() throws Exception {
        try (FreshWarden warden = FreshWarden.start(Map.of(
                "warden.jobs.enabled", "false",
                "warden.enforcement.incremental", "false"))) {
            ok(warden.admin().post("/api/v1/snapshot", EvaluationConsistencyIT.demo()));
            CaseReconciliation reconciliation = warden.bean(CaseReconciliation.class);
            JdbcClient jdbc = warden.bean(JdbcClient.class);
            long partners =
                    jdbc.sql("select count(*) from partners").query(Long.class).single();
            assertThat(partners).isGreaterThan(2);

            AtomicInteger asked = new AtomicInteger();
            var stoppedEarly = reconciliation.evaluateAll(() -> asked.incrementAndGet() > 2);
            assertThat(stoppedEarly.partners()).isEqualTo(2);
            assertThat(stoppedEarly.failed()).isEmpty();
            assertThat(asked).as("not asked again after it said stop").hasValue(3);

            assertThat(reconciliation.evaluateAll(() -> true).partners()).isZero();
            assertThat(reconciliation.evaluateAll(() -> false).partners()).isEqualTo(partners);
        }
    }
}
