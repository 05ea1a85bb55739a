package dev.warden.server.domains;

import static dev.warden.server.domains.DomainsIT.app;
import static dev.warden.server.domains.DomainsIT.ok;
import static dev.warden.server.domains.DomainsIT.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.AuthoritativeDns;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestCertificates;
import dev.warden.server.testing.TestClock;
import dev.warden.server.testing.TlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The HTTPS endpoints of redirect URIs' hosts checked through a real Warden, against a real TLS server
 * on loopback that hosts several names: an expired certificate and a missing HSTS header each open a
 * SCANNER ticket at the policy's score (8.1, 6.8) and nothing more (no violation rule), a healthy host
 * opens none, and a fixed certificate verifies its ticket fixed at the next check.
 */
@ExtendWith(DatabaseRequirement.class)
class EndpointsIT {
    @Test
    void endpointsFallingShortOfThePolicyOpenTicketsAtTheirScores() throws Exception {
        TestCertificates ca = new TestCertificates();
        Path dir = Files.createTempDirectory("warden-endpoints");
        Path trust = ca.trustStore(dir.resolve("trust.p12"), "secret");
        Instant now = Instant.now();
        TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (AuthoritativeDns dns = new AuthoritativeDns()
                        .a("good.acme.example", "127.0.0.1")
                        .a("stale.acme.example", "127.0.0.1")
                        .a("plain.acme.example", "127.0.0.1");
                TlsServer https = new TlsServer()
                        .host("good.acme.example", ca.issue("good.acme.example"), "max-age=31536000")
                        .host(
                                "stale.acme.example",
                                ca.issue(
                                        "stale.acme.example",
                                        now.minus(Duration.ofDays(400)),
                                        now.minus(Duration.ofDays(2))),
                                "max-age=31536000")
                        .host("plain.acme.example", ca.issue("plain.acme.example"), null)
                        .start();
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.jobs.enabled", "false",
                                "warden.domains.enabled", "true",
                                "warden.domains.dns-servers",
                                        "127.0.0.1:" + dns.address().getPort(),
                                "warden.domains.https-port", String.valueOf(https.port()),
                                "warden.domains.trust-store", trust.toString(),
                                "warden.domains.trust-store-password", "secret",
                                "warden.domains.per-host-interval", "0s",
                                "warden.outbound.allow-private-addresses", "true"),
                        clock)) {
            Http admin = warden.admin();
            DomainsIT.partner(admin, "acme");
            ok(admin.post(
                    "/api/v1/apps",
                    app(
                            "com.acme.app",
                            "acme",
                            "acme-web",
                            "https://good.acme.example/cb",
                            "https://stale.acme.example/cb",
                            "https://plain.acme.example/cb")));
            warden.bean(DomainWatch.class).round();

            JsonNode good = ok(admin.get("/api/v1/domains/good.acme.example"));
            assertThat(good.get("endpoint")
                            .valueStream()
                            .map(e -> e.get("aspect").asString() + " "
                                    + e.get("status").asString()))
                    .containsExactlyInAnyOrder("TLS OK", "CERTIFICATE OK", "HSTS OK");
            JsonNode stale = ok(admin.get("/api/v1/domains/stale.acme.example"));
            assertThat(stale.get("endpoint")
                            .valueStream()
                            .filter(e -> e.get("aspect").asString().equals("CERTIFICATE"))
                            .findFirst()
                            .orElseThrow()
                            .get("detail")
                            .asString())
                    .contains("expired");

            assertThat(ok(admin.get("/api/v1/domains?failing=true"))
                            .get("items")
                            .valueStream()
                            .map(h -> h.get("host").asString()))
                    .as("a host whose endpoint fails is a failing host")
                    .containsExactlyInAnyOrder("stale.acme.example", "plain.acme.example");
            List<JsonNode> opened = tickets(admin, "com.acme.app");
            assertThat(opened.stream()
                            .map(t -> t.get("title").asString() + " "
                                    + t.get("score").asDouble()))
                    .containsExactlyInAnyOrder(
                            "Redirect URI host without a valid certificate (stale.acme.example) in com.acme.app 8.1",
                            "Redirect URI host without a year of HSTS (plain.acme.example) in com.acme.app 6.8");
            assertThat(DomainsIT.openCases(admin, "acme"))
                    .as("endpoint findings are tickets; only their clocks can raise a violation")
                    .doesNotContain("OAUTH-REDIRECT-DOMAIN");

            // The certificate is renewed; the next check verifies the ticket fixed.
            https.host("stale.acme.example", ca.issue("stale.acme.example"), "max-age=31536000");
            clock.advance(Duration.ofHours(1));
            admin = warden.admin();
            JsonNode checked = ok(admin.post("/api/v1/domains/stale.acme.example/check", ""));
            assertThat(checked.get("endpoint")
                            .valueStream()
                            .map(e -> e.get("aspect").asString() + " "
                                    + e.get("status").asString()))
                    .contains("CERTIFICATE OK");
            assertThat(checked.get("endpointHistory")
                            .valueStream()
                            .map(c -> c.get("status").asString()))
                    .contains("CERTIFICATE OK", "CERTIFICATE FAILING");
            assertThat(tickets(admin, "com.acme.app").stream()
                            .filter(t -> t.get("title").asString().contains("stale.acme.example"))
                            .findFirst()
                            .orElseThrow()
                            .get("status")
                            .asString())
                    .isEqualTo("PATCHED");
        }
    }
}
