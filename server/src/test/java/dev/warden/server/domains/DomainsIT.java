package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.AuthoritativeDns;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Redirect URIs watched through a real Warden, against a real DNS server and a hosted service's HTTP
 * server on loopback: a CNAME into a deprovisioned Elastic Beanstalk environment and one into an S3
 * bucket that serves "bucket does not exist" each open a Critical SCANNER ticket and raise
 * OAUTH-REDIRECT-DOMAIN, on every app (of any partner) whose redirect URI names the host; a healthy
 * host raises nothing; the record's removal verifies the finding fixed, its return reopens it, and the
 * redirect URI's removal fixes it too. A partner sees and checks only its own hosts.
 */
@ExtendWith(DatabaseRequirement.class)
class DomainsIT {
    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static String app(String key, String partner, String clientId, String... redirectUris) {
        return """
                {"key": "%s", "name": "%s", "partner": "%s", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5},
                              {"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 2}],
                 "oauthClients": [{"clientId": "%s", "redirectUris": [%s], "scopes": ["read:jira-work"]}]}
                """.formatted(
                key,
                key,
                partner,
                clientId,
                String.join(
                        ", ",
                        List.of(redirectUris).stream().map(u -> "\"" + u + "\"").toList()));
    }

    /** A partner with one security contact. */
    static void partner(Http admin, String id) {
        ok(admin.post("/api/v1/partners", """
                {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                  {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                """.formatted(id, id, id)));
    }

    static List<JsonNode> tickets(Http admin, String app) {
        return ok(admin.get("/api/v1/tickets?app=" + app + "&size=100"))
                .get("items")
                .valueStream()
                .toList();
    }

    static List<String> openCases(Http admin, String partner) {
        ok(admin.post("/api/v1/enforcement/evaluations", ""));
        return ok(admin.get("/api/v1/enforcement/cases?partner=" + partner + "&size=100"))
                .get("items")
                .valueStream()
                .filter(c -> c.get("status").asString().equals("OPEN"))
                .map(c -> c.get("rule").asString())
                .toList();
    }

    @Test
    void aRedirectUriLostToTakeoverIsACriticalTicketAndAViolationUntilItIsFixed() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        HttpServer s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s3.createContext("/", exchange -> {
            byte[] body =
                    "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s3.start();
        try (AuthoritativeDns dns = new AuthoritativeDns()
                        .a("app.acme.example", "127.0.0.1")
                        .cname("login.acme.example", "acme-old.us-east-1.elasticbeanstalk.com")
                        .cname("files.acme.example", "acme-files.s3.amazonaws.com")
                        .a("acme-files.s3.amazonaws.com", "127.0.0.1");
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.jobs.enabled",
                                "false",
                                "warden.domains.enabled",
                                "true",
                                "warden.domains.dns-servers",
                                "127.0.0.1:" + dns.address().getPort(),
                                "warden.domains.dns-timeout",
                                "2s",
                                "warden.domains.per-host-interval",
                                "0s",
                                "warden.domains.http-port",
                                String.valueOf(s3.getAddress().getPort()),
                                "warden.outbound.allow-private-addresses",
                                "true"),
                        clock)) {
            Http admin = warden.admin();
            partner(admin, "acme");
            partner(admin, "globex");
            ok(admin.post(
                    "/api/v1/apps",
                    app(
                            "com.acme.app",
                            "acme",
                            "acme-web",
                            "https://app.acme.example/oauth/cb",
                            "https://login.acme.example/cb",
                            "https://files.acme.example/cb")));
            // Globex's app names one of the same hosts (a shared login domain, say).
            ok(admin.post(
                    "/api/v1/apps",
                    app("com.globex.app", "globex", "globex-web", "https://files.acme.example/globex")));
            DomainWatch watch = warden.bean(DomainWatch.class);

            JsonNode pending = ok(admin.get("/api/v1/domains"));
            assertThat(pending.get("totalItems").asLong())
                    .as("the apps' hosts, each once")
                    .isEqualTo(3);
            assertThat(pending.get("items")
                            .valueStream()
                            .map(h -> h.get("status").asString()))
                    .containsOnly("PENDING");

            DomainWatch.Round round = watch.round();
            assertThat(round.hosts()).isEqualTo(3);
            assertThat(round.failing()).isEqualTo(2);

            JsonNode failing = ok(admin.get("/api/v1/domains?failing=true"));
            assertThat(failing.get("items").valueStream().map(h -> h.get("host").asString()))
                    .containsExactlyInAnyOrder("login.acme.example", "files.acme.example");
            JsonNode login = ok(admin.get("/api/v1/domains/login.acme.example"));
            assertThat(login.get("status").asString()).isEqualTo("TAKEOVER");
            assertThat(login.get("service").asString()).isEqualTo("AWS/Elastic Beanstalk");
            assertThat(login.get("detail").asString())
                    .contains("login.acme.example → acme-old.us-east-1.elasticbeanstalk.com (NXDOMAIN)");
            assertThat(login.get("failingSince").asString()).isEqualTo("2026-12-01T09:00:00Z");
            JsonNode files = ok(admin.get("/api/v1/domains/files.acme.example"));
            assertThat(files.get("status").asString()).isEqualTo("TAKEOVER");
            assertThat(files.get("detail").asString()).contains("The specified bucket does not exist");
            assertThat(files.get("targets").valueStream().map(t -> t.get("app").asString()))
                    .containsExactly("com.acme.app", "com.globex.app");
            assertThat(ok(admin.get("/api/v1/domains/app.acme.example"))
                            .get("status")
                            .asString())
                    .isEqualTo("OK");

            // A Critical SCANNER ticket per failing host per affected listing (the Cloud one: OAuth
            // clients are Cloud's), at the policy's 9.0.
            List<JsonNode> acme = tickets(admin, "com.acme.app");
            assertThat(acme).hasSize(2).allSatisfy(t -> {
                assertThat(t.get("type").asString()).isEqualTo("SCANNER");
                assertThat(t.get("hosting").asString()).isEqualTo("CLOUD");
                assertThat(t.get("score").asDouble()).isEqualTo(9.0);
                assertThat(t.get("severity").asString()).isEqualTo("CRITICAL");
            });
            assertThat(acme.stream().map(t -> t.get("title").asString()))
                    .anySatisfy(t -> assertThat(t).contains("subdomain takeover", "login.acme.example"));
            assertThat(tickets(admin, "com.globex.app")).hasSize(1);
            assertThat(openCases(admin, "acme")).contains("OAUTH-REDIRECT-DOMAIN");
            assertThat(openCases(admin, "globex")).contains("OAUTH-REDIRECT-DOMAIN");

            // A partner sees its own hosts, and of a shared one only its own app.
            Http globex = TestClients.as(
                    new Http(warden.port()),
                    warden.bean(ApiClients.class),
                    "globex",
                    Permission.CATALOG_READ,
                    Permission.DOMAINS_CHECK);
            JsonNode own = ok(globex.get("/api/v1/domains"));
            assertThat(own.get("items").valueStream().map(h -> h.get("host").asString()))
                    .containsExactly("files.acme.example");
            assertThat(own.get("items")
                            .get(0)
                            .get("targets")
                            .valueStream()
                            .map(t -> t.get("app").asString()))
                    .containsExactly("com.globex.app");
            assertThat(globex.get("/api/v1/domains/login.acme.example").status())
                    .isEqualTo(404);
            assertThat(globex.post("/api/v1/domains/login.acme.example/check", "")
                            .status())
                    .isEqualTo(404);
            assertThat(ok(globex.get("/api/v1/domains?partner=acme"))
                            .get("totalItems")
                            .asLong())
                    .isZero();

            // The console: the failing hosts with their apps, a host's page, the app's redirect URIs.
            SignIns.createUser(warden.bean(Users.class), "ana.analyst", null, Role.SECURITY_ANALYST);
            SignIns.createUser(warden.bean(Users.class), "pat@globex.example", "globex", Role.PARTNER);
            Http ana = SignIns.signIn(warden.port(), "ana.analyst", SignIns.PASSWORD);
            Http.Response domains = ana.get("/domains?failing=true");
            assertThat(domains.status()).isEqualTo(200);
            assertThat(domains.body())
                    .contains("login.acme.example", "files.acme.example", "com.globex.app")
                    .doesNotContain(">app.acme.example<");
            assertThat(ana.get("/domains/files.acme.example").body())
                    .contains("The specified bucket does not exist", "acme.example", "Check now");
            assertThat(ana.get("/apps/com.acme.app").body())
                    .contains("Redirect URIs", "https://login.acme.example/cb", "failing since");
            Http pat = SignIns.signIn(warden.port(), "pat@globex.example", SignIns.PASSWORD);
            assertThat(pat.get("/domains").body())
                    .contains("files.acme.example")
                    .doesNotContain("login.acme.example");
            assertThat(pat.get("/domains/login.acme.example").status()).isEqualTo(404);

            // Acme removes the dangling record and asks for a check now: verified fixed.
            clock.advance(Duration.ofHours(2));
            admin = warden.admin();
            dns.forget("login.acme.example");
            Http.Response page = ana.get("/domains/login.acme.example");
            Http.Response asked = ana.form("/domains/login.acme.example/check", Map.of("_csrf", page.csrf()));
            assertThat(asked.header("Location")).contains("/domains/login.acme.example", "done=domain-checked");
            JsonNode checked = ok(admin.get("/api/v1/domains/login.acme.example"));
            assertThat(checked.get("status").asString()).isEqualTo("UNRESOLVED");
            assertThat(checked.get("failingSince")).isNull();
            assertThat(checked.get("history")
                            .valueStream()
                            .map(c -> c.get("status").asString()))
                    .containsExactly("UNRESOLVED", "TAKEOVER");
            JsonNode loginTicket = tickets(admin, "com.acme.app").stream()
                    .filter(t -> t.get("title").asString().contains("login.acme.example"))
                    .findFirst()
                    .orElseThrow();
            assertThat(loginTicket.get("status").asString()).isEqualTo("PATCHED");

            // It comes back: the same finding and ticket, reopened.
            clock.advance(Duration.ofHours(1));
            admin = warden.admin();
            dns.cname("login.acme.example", "acme-old.us-east-1.elasticbeanstalk.com");
            ok(admin.post("/api/v1/domains/login.acme.example/check", ""));
            assertThat(ok(admin.get("/api/v1/tickets/" + loginTicket.get("key").asString()))
                            .get("status")
                            .asString())
                    .isEqualTo("NEEDS_PATCH");
            assertThat(tickets(admin, "com.acme.app")).as("no second ticket").hasSize(2);

            // Globex drops the shared host from its redirect URIs: its finding is fixed, acme's stays.
            ok(admin.put(
                    "/api/v1/apps/com.globex.app",
                    app("com.globex.app", "globex", "globex-web", "https://app.acme.example/globex")));
            assertThat(tickets(admin, "com.globex.app").get(0).get("status").asString())
                    .isEqualTo("PATCHED");
            assertThat(openCases(admin, "globex")).doesNotContain("OAUTH-REDIRECT-DOMAIN");
            assertThat(openCases(admin, "acme")).contains("OAUTH-REDIRECT-DOMAIN");
        } finally {
            s3.stop(0);
        }
    }
}
