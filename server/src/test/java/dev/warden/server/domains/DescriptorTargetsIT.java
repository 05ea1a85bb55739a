package dev.warden.server.domains;

import static dev.warden.server.domains.DomainsIT.ok;
import static dev.warden.server.domains.DomainsIT.openCases;
import static dev.warden.server.domains.DomainsIT.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.AuthoritativeDns;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestCertificates;
import dev.warden.server.testing.TestClock;
import dev.warden.server.testing.TlsServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * An app's own hosts come from what it declares: once an uploaded version is scanned, the base URL of
 * its Connect descriptor is watched like a redirect URI. A base URL whose CNAME dangles into a
 * deprovisioned Elastic Beanstalk environment opens a Critical ticket, but raises no
 * OAUTH-REDIRECT-DOMAIN: it is not a redirect URI.
 */
@ExtendWith(DatabaseRequirement.class)
class DescriptorTargetsIT {
    @Test
    void theBaseUrlOfTheLatestScannedDescriptorIsWatched() throws Exception {
        try (AuthoritativeDns dns = new AuthoritativeDns()
                        .cname("connect.acme.example", "acme-old.us-east-1.elasticbeanstalk.com");
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.jobs.polling-interval", "1s",
                                "warden.scanning.poll-interval", "1s",
                                "warden.domains.enabled", "false",
                                "warden.domains.dns-servers",
                                        "127.0.0.1:" + dns.address().getPort(),
                                "warden.domains.per-host-interval", "0s",
                                "warden.outbound.allow-private-addresses", "true"),
                        new TestClock(Instant.parse("2026-12-01T09:00:00Z")))) {
            Http admin = warden.admin();
            DomainsIT.partner(admin, "acme");
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                    """));
            byte[] artifact = Artifacts.zip(Map.of("atlassian-connect.json", """
                    {"key": "com.acme.app", "name": "Acme App", "baseUrl": "https://connect.acme.example",
                     "authentication": {"type": "jwt"}, "lifecycle": {"installed": "/installed"},
                     "scopes": ["READ"], "modules": {}}
                    """.getBytes(StandardCharsets.UTF_8)));
            Http.Response added = admin.multipart(
                    "/api/v1/apps/com.acme.app/versions",
                    Map.of("version", "1.0.0", "hosting", "CLOUD"),
                    "acme-1.0.0.zip",
                    artifact);
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            long id = added.json().get("id").asLong();
            JsonNode host = null;
            for (int i = 0; i < 300 && host == null; i++) { // the scan, then the targets read after it
                Http.Response r = admin.get("/api/v1/domains/connect.acme.example");
                if (r.status() == 200) {
                    host = r.json();
                } else {
                    Thread.sleep(200);
                }
            }
            assertThat(host)
                    .as("the base URL became a target after the scan of version " + id)
                    .isNotNull();
            assertThat(host.get("targets").get(0).get("kind").asString()).isEqualTo("BASE_URL");
            assertThat(host.get("targets").get(0).get("clientId").asString()).isEqualTo("connect descriptor");

            warden.bean(DomainWatch.class).round();
            List<JsonNode> opened = tickets(admin, "com.acme.app");
            assertThat(opened.stream()
                            .map(t -> t.get("title").asString() + " "
                                    + t.get("score").asDouble()))
                    .containsExactly("App host open to subdomain takeover (connect.acme.example) in Acme App 9.0");
            assertThat(openCases(admin, "acme")).doesNotContain("OAUTH-REDIRECT-DOMAIN");
        }
    }

    @Test
    void aConnectAppThatAcceptsForgedJwtsAndUnsignedInstallsGetsTicketsAtThePolicysScores() throws Exception {
        TestCertificates ca = new TestCertificates();
        java.nio.file.Path trust = ca.trustStore(
                java.nio.file.Files.createTempDirectory("warden-connect").resolve("t.p12"), "pw");
        try (AuthoritativeDns dns = new AuthoritativeDns().a("careless.acme.example", "127.0.0.1");
                TlsServer app = new TlsServer()
                        .host("careless.acme.example", ca.issue("careless.acme.example"), "max-age=31536000")
                        .route("/installed", e -> {
                            e.getRequestBody().readAllBytes();
                            e.sendResponseHeaders(204, -1);
                            e.close();
                        })
                        .route("/enabled", e -> {
                            e.getRequestBody().readAllBytes();
                            String auth = String.valueOf(e.getRequestHeaders().getFirst("Authorization"));
                            String header = auth.startsWith("JWT ")
                                    ? new String(
                                            java.util.Base64.getUrlDecoder()
                                                    .decode(auth.substring(4).split("\\.")[0]),
                                            StandardCharsets.UTF_8)
                                    : "";
                            e.sendResponseHeaders(header.contains("\"none\"") ? 204 : 401, -1);
                            e.close();
                        })
                        .start();
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.jobs.polling-interval", "1s",
                                "warden.scanning.poll-interval", "1s",
                                "warden.domains.enabled", "false",
                                "warden.domains.dns-servers",
                                        "127.0.0.1:" + dns.address().getPort(),
                                "warden.domains.https-port", String.valueOf(app.port()),
                                "warden.domains.trust-store", trust.toString(),
                                "warden.domains.trust-store-password", "pw",
                                "warden.domains.per-host-interval", "0s",
                                "warden.outbound.allow-private-addresses", "true"),
                        new TestClock(Instant.parse("2026-12-01T09:00:00Z")))) {
            Http admin = warden.admin();
            DomainsIT.partner(admin, "acme");
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                    """));
            byte[] artifact = Artifacts.zip(Map.of("atlassian-connect.json", """
                    {"key": "com.acme.app", "name": "Acme App", "baseUrl": "https://careless.acme.example",
                     "authentication": {"type": "jwt"},
                     "lifecycle": {"installed": "/installed", "enabled": "/enabled"}, "scopes": ["READ"]}
                    """.getBytes(StandardCharsets.UTF_8)));
            assertThat(admin.multipart(
                                    "/api/v1/apps/com.acme.app/versions",
                                    Map.of("version", "1.0.0", "hosting", "CLOUD"),
                                    "acme-1.0.0.zip",
                                    artifact)
                            .status())
                    .isEqualTo(201);
            for (int i = 0;
                    i < 300
                            && admin.get("/api/v1/domains/careless.acme.example")
                                            .status()
                                    != 200;
                    i++) {
                Thread.sleep(200);
            }
            warden.bean(DomainWatch.class).round();
            JsonNode host = ok(admin.get("/api/v1/domains/careless.acme.example"));
            assertThat(host.get("endpoint")
                            .valueStream()
                            .map(e -> e.get("aspect").asString() + " "
                                    + e.get("status").asString()))
                    .containsExactlyInAnyOrder(
                            "TLS OK",
                            "CERTIFICATE OK",
                            "HSTS OK",
                            "CONNECT_AUTH OK",
                            "CONNECT_JWT FAILING",
                            "CONNECT_INSTALL FAILING");
            assertThat(tickets(admin, "com.acme.app").stream()
                            .map(t -> t.get("title").asString() + " "
                                    + t.get("score").asDouble()))
                    .containsExactlyInAnyOrder(
                            "Connect app accepting forged JWTs (careless.acme.example) in Acme App 8.8",
                            "Connect app accepting unsigned install callbacks (careless.acme.example) in Acme App 8.6");
        }
    }
}
