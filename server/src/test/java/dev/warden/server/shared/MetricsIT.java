package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClients;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prometheus scrapes /actuator/prometheus with a client that holds metrics:read, and finds Warden's
 * counts as they are after known actions: tickets by status and severity, the outbox backlog, HTTP
 * server metrics and the jobs' runs. Nobody else may scrape.
 */
@ExtendWith(DatabaseRequirement.class)
class MetricsIT {
    static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N";
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";

    /** The value of the series with exactly these labels (in any order), or null when there is none. */
    static Double value(String scrape, String name, Map<String, String> labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            Map<String, String> found = new java.util.HashMap<>();
            Matcher l = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(m.group(1));
            while (l.find()) {
                found.put(l.group(1), l.group(2));
            }
            if (found.equals(labels)) {
                return Double.valueOf(m.group(2));
            }
        }
        return null;
    }

    static String report(Http admin, String vector) {
        Http.Response r = admin.post("/api/v1/tickets", """
                {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "A finding",
                 "cvss": "%s"}
                """.formatted(vector));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("key").asString();
    }

    @Test
    void aCommandWithoutTheWebSideCountsNothing() {
        Map<String, Object> properties = new java.util.HashMap<>(dev.warden.server.testing.TestDatabase.fresh());
        properties.put("warden.jobs.enabled", "false");
        try (org.springframework.context.ConfigurableApplicationContext context =
                new org.springframework.boot.builder.SpringApplicationBuilder(dev.warden.server.WardenApplication.class)
                        .web(org.springframework.boot.WebApplicationType.NONE)
                        .run(dev.warden.server.testing.TestDatabase.asArguments(properties))) {
            // ./warden import: counting the tickets it is writing would wait on the import's locks.
            assertThat(context.getBean(Metrics.class).scheduled()).isFalse();
        }
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            assertThat(warden.bean(Metrics.class).scheduled()).as("the server").isTrue();
        }
    }

    @Test
    void aScrapeShowsWardensCountsAfterKnownActions() {
        dev.warden.server.testing.TestClock clock =
                new dev.warden.server.testing.TestClock(java.time.Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.metrics.refresh", "0s"), clock)) {
            Http admin = warden.admin();
            assertThat(admin.post("/api/v1/partners", """
                            {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                              {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                            """).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/apps", """
                            {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                             "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                            """).status()).isEqualTo(201);
            String first = report(admin, HIGH);
            report(admin, HIGH);
            report(admin, CRITICAL);
            assertThat(admin.post("/api/v1/tickets/" + first + "/patched", "{\"note\": \"verified\"}")
                            .status())
                    .isEqualTo(200);
            warden.bean(Metrics.class).refresh();

            Http nobody = new Http(warden.port());
            Http.Response anonymous = nobody.get("/actuator/prometheus");
            assertThat(anonymous.status())
                    .as(anonymous.headers()
                            + anonymous
                                    .body()
                                    .substring(0, Math.min(300, anonymous.body().length())))
                    .isEqualTo(401);
            ApiClients clients = warden.bean(ApiClients.class);
            Http reader = TestClients.as(new Http(warden.port()), clients, null, Permission.TICKETS_READ);
            assertThat(reader.get("/actuator/prometheus").status())
                    .as("a client without metrics:read")
                    .isEqualTo(403);
            Http prometheus = TestClients.as(new Http(warden.port()), clients, null, Permission.METRICS_READ);
            Http.Response scraped = prometheus.get("/actuator/prometheus");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.header("content-type")).startsWith("text/plain");
            String s = scraped.body();
            try {
                // Kept for a look at every series a scrape gives.
                java.nio.file.Files.writeString(java.nio.file.Path.of("target/prometheus.txt"), s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }

            assertThat(value(s, "warden_tickets", Map.of("status", "NEEDS_PATCH", "severity", "HIGH")))
                    .isEqualTo(1.0);
            assertThat(value(s, "warden_tickets", Map.of("status", "PATCHED", "severity", "HIGH")))
                    .isEqualTo(1.0);
            assertThat(value(s, "warden_tickets", Map.of("status", "NEEDS_PATCH", "severity", "CRITICAL")))
                    .isEqualTo(1.0);
            assertThat(value(s, "warden_tickets_overdue", Map.of("severity", "HIGH")))
                    .as("nothing is overdue yet: no series")
                    .isNull();
            assertThat(value(s, "warden_outbox_messages", Map.of("channel", "EMAIL", "status", "PENDING")))
                    .as("three assignment mails wait: no mail server here")
                    .isEqualTo(3.0);
            assertThat(s).contains("http_server_requests_seconds_count{");
            assertThat(s)
                    .as("the jobs' runs, as db-scheduler counts them")
                    .contains("dbscheduler_task_completions_total{result=\"failed\",task=\"jira-poll\"} 0.0")
                    .contains("# TYPE dbscheduler_task_duration_seconds summary");
            assertThat(s).doesNotContain("sec@acme.example").doesNotContain("com.acme.app");
            assertThat(s).contains("http_server_requests_seconds_bucket{");
            assertThat(s)
                    .as("Spring Security's per-filter observations are off (docs/metrics.md)")
                    .doesNotContain("spring_security_");

            // The sample Grafana dashboard asks only for series a scrape has, or Warden's own families
            // (those with nothing to count here, such as scans, have no series yet).
            tools.jackson.databind.JsonNode dashboard = tools.jackson.databind.json.JsonMapper.shared()
                    .readTree(new java.io.File("../docs/grafana/warden-dashboard.json"));
            Matcher names = Pattern.compile("\\b((?:warden|dbscheduler|http_server)_[a-z_]+)")
                    .matcher(dashboard.findValues("expr").toString());
            java.util.Set<String> asked = new java.util.TreeSet<>();
            while (names.find()) {
                asked.add(names.group(1));
            }
            assertThat(asked).hasSizeGreaterThan(8);
            java.util.List<String> families = warden.bean(Metrics.class).names();
            assertThat(families).contains("warden_tickets", "warden_enforcement_cases", "warden_scans_bytes");
            for (String name : asked) {
                if (!families.contains(name)) {
                    assertThat(s).as("the dashboard's " + name).containsPattern("(?m)^" + name + "[{ ]");
                }
            }

            // Sixty days on, the two open tickets are past due, and breaches are recorded: the overdue and
            // breached counts come from the same scan as the others.
            clock.advance(java.time.Duration.ofDays(60));
            warden.bean(dev.warden.server.tickets.BreachRecorder.class).detect();
            warden.bean(Metrics.class).refresh();
            String later = TestClients.as(new Http(warden.port()), clients, null, Permission.METRICS_READ)
                    .get("/actuator/prometheus")
                    .body();
            assertThat(value(later, "warden_tickets_overdue", Map.of("severity", "HIGH")))
                    .isEqualTo(1.0);
            assertThat(value(later, "warden_tickets_overdue", Map.of("severity", "CRITICAL")))
                    .isEqualTo(1.0);
            assertThat(value(later, "warden_tickets_breached", Map.of("severity", "HIGH")))
                    .isEqualTo(1.0);
            assertThat(value(later, "warden_tickets_breached", Map.of("severity", "CRITICAL")))
                    .isEqualTo(1.0);
            assertThat(value(later, "warden_tickets", Map.of("status", "PATCHED", "severity", "HIGH")))
                    .isEqualTo(1.0);
        }
    }
}
