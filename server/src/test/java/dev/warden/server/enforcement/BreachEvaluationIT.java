package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.CRITICAL;
import static dev.warden.server.enforcement.EnforcementJourneyIT.NO_JOBS;
import static dev.warden.server.enforcement.EnforcementJourneyIT.marketplace;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClock;
import dev.warden.server.tickets.BreachRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Breaches recorded late (after an import, or a server stopped for a while) cost no evaluation when the
 * partner was evaluated after their due dates; a backlog of them is recorded in chunks, run after run.
 */
@ExtendWith(DatabaseRequirement.class)
class BreachEvaluationIT {
    static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    static final PartnerId ACME = PartnerId.of("acme");

    static String report(Http admin) {
        return ok(admin.post("/api/v1/tickets", """
                        {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "RCE", "cvss": "%s"}
                        """.formatted(CRITICAL)))
                .get("key")
                .asString();
    }

    static Instant evaluatedAt(FreshWarden warden) {
        return warden.bean(PartnerEvaluationRows.class)
                .evaluatedAt(Set.of(ACME))
                .get(ACME);
    }

    @Test
    void aBreachAlreadyJudgedByALaterEvaluationIsNotEvaluatedAgain() {
        TestClock clock = new TestClock(START);
        try (FreshWarden warden = FreshWarden.start(NO_JOBS, clock)) {
            Http admin = warden.admin();
            marketplace(admin);
            String late = report(admin);
            assertThat(evaluatedAt(warden))
                    .as("evaluated when the ticket was reported")
                    .isEqualTo(START);

            // The 10-day clock runs out; the full evaluation judges the ticket overdue before the breach
            // job has recorded anything.
            clock.advance(Duration.ofDays(11));
            Instant judged = clock.instant();
            admin = warden.admin(); // a token lives ten minutes
            ok(admin.post("/api/v1/enforcement/evaluations", ""));
            assertThat(evaluatedAt(warden)).isEqualTo(judged);
            int cases = openCases(admin);
            assertThat(cases).as("the cases the full evaluation opened").isPositive();

            clock.advance(Duration.ofMinutes(5));
            assertThat(warden.bean(BreachRecorder.class).detect()).isEqualTo(1);
            assertThat(ok(admin.get("/api/v1/tickets/" + late))
                            .get("breachedAt")
                            .asString())
                    .isEqualTo(START.plus(Duration.ofDays(10)).toString());
            assertThat(evaluatedAt(warden))
                    .as("nothing new to judge: not evaluated again")
                    .isEqualTo(judged);
            assertThat(openCases(admin)).isEqualTo(cases);

            // A ticket whose due date comes after the last evaluation: its breach is news, evaluated at once.
            report(admin);
            Instant reported = clock.instant();
            assertThat(evaluatedAt(warden)).isEqualTo(reported);
            clock.advance(Duration.ofDays(11));
            assertThat(warden.bean(BreachRecorder.class).detect()).isEqualTo(1);
            assertThat(evaluatedAt(warden)).isEqualTo(clock.instant());
            assertThat(ok(warden.admin().get("/api/v1/audit?action=TICKET_BREACHED&size=1"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(2);
            assertThat(overdueNotices(warden, late))
                    .as("recorded a day after its due date: the partner is told")
                    .isPositive();

            // A breach recorded ten days after its due date (a server stopped meanwhile) is old news.
            String old = report(warden.admin());
            clock.advance(Duration.ofDays(20));
            assertThat(warden.bean(BreachRecorder.class).detect()).isEqualTo(1);
            assertThat(ok(warden.admin().get("/api/v1/tickets/" + old))
                            .get("breachedAt")
                            .asString())
                    .as("recorded all the same")
                    .isNotEmpty();
            assertThat(overdueNotices(warden, old)).isZero();
        }
    }

    /** The overdue mails queued for a ticket. */
    static long overdueNotices(FreshWarden warden, String ticket) {
        return warden.bean(JdbcClient.class)
                .sql("select count(*) from outbox where idempotency_key like :key")
                .param("key", "ticket-overdue:" + ticket + ":%")
                .query(Long.class)
                .single();
    }

    @Test
    void anImportsBacklogIsRecordedInChunksRunAfterRunWithoutEvaluatingAgain() {
        Map<String, Object> settings = new HashMap<>(NO_JOBS);
        settings.put("warden.jobs.breach-detection-budget", "1ms");
        try (FreshWarden warden = FreshWarden.start(settings, new TestClock(START))) {
            Http admin = warden.admin();
            // Critical tickets reported a month before the import: each 10-day clock ran out long ago.
            int n = 2 * BreachRecorder.CHUNK + 50;
            StringBuilder tickets = new StringBuilder();
            for (int i = 0; i < n; i++) {
                tickets.append(i == 0 ? "" : ",").append("""
                        {"key": "OLD-%d", "type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                         "title": "Old %d", "events": [{"type": "REPORTED", "at": "2026-10-01T00:00:00Z",
                         "actor": "scanner", "cvss": "%s"}]}""".formatted(i + 1, i, CRITICAL));
            }
            ok(admin.post("/api/v1/snapshot", """
                    {"format": "warden.snapshot/v1",
                     "partners": [{"id": "acme", "name": "Acme", "tier": "GOLD"}],
                     "apps": [{"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                               "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}],
                     "tickets": [%s]}""".formatted(tickets)));
            assertThat(evaluatedAt(warden))
                    .as("the import judged what it brought")
                    .isEqualTo(START);
            int cases = openCases(admin);
            assertThat(cases).isPositive();

            BreachRecorder breaches = warden.bean(BreachRecorder.class);
            // A run past its budget stops after the chunk it is in; the next run carries on.
            assertThat(breaches.detect()).isEqualTo(BreachRecorder.CHUNK);
            assertThat(breaches.detect()).isEqualTo(BreachRecorder.CHUNK);
            assertThat(breaches.detect()).isEqualTo(50);
            assertThat(breaches.detect()).isZero();
            assertThat(ok(admin.get("/api/v1/audit?action=TICKET_BREACHED&size=1"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(n);
            assertThat(ok(admin.get("/api/v1/tickets/OLD-1")).get("breachedAt").asString())
                    .isEqualTo("2026-10-11T00:00:00Z");
            assertThat(evaluatedAt(warden))
                    .as("judged already: not evaluated again")
                    .isEqualTo(START);
            assertThat(openCases(admin)).isEqualTo(cases);
        }
    }

    static int openCases(Http admin) {
        return ok(admin.get("/api/v1/enforcement/cases?status=OPEN&size=100"))
                .get("items")
                .size();
    }
}
