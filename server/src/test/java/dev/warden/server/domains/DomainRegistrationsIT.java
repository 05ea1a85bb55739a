package dev.warden.server.domains;

import static dev.warden.server.domains.DomainsIT.app;
import static dev.warden.server.domains.DomainsIT.ok;
import static dev.warden.server.domains.DomainsIT.openCases;
import static dev.warden.server.domains.DomainsIT.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.AuthoritativeDns;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.RdapServer;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The registrations of redirect URIs' domains through a real Warden, against a real RDAP server on
 * loopback (found through its bootstrap file): an expired domain and one the registry does not have
 * each open a Critical ticket and raise OAUTH-REDIRECT-DOMAIN; one expiring within 30 days is a notice to
 * the partner's security contacts and nothing more; an active one raises nothing; a domain that changes
 * registrar is a transfer until an analyst accepts it; a renewal verifies the expired one fixed.
 */
@ExtendWith(DatabaseRequirement.class)
class DomainRegistrationsIT {
    static final Instant FAR = Instant.parse("2029-01-01T00:00:00Z");

    @Test
    void expiredRegistrableAndTransferredDomainsAreFindingsAndAnExpiringOneIsANotice() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        List<String> domains =
                List.of("acme-active.com", "acme-soon.com", "acme-lapsed.com", "acme-free.com", "acme-moved.com");
        AuthoritativeDns zone = new AuthoritativeDns();
        domains.forEach(d -> zone.a("login." + d, "127.0.0.1"));
        try (AuthoritativeDns dns = zone;
                RdapServer rdap = new RdapServer()
                        .domain("acme-active.com", FAR, "client transfer prohibited", "MarkMonitor Inc.", "Acme Inc")
                        .domain(
                                "acme-soon.com",
                                Instant.parse("2026-12-20T00:00:00Z"),
                                "active",
                                "MarkMonitor Inc.",
                                null)
                        .domain(
                                "acme-lapsed.com",
                                Instant.parse("2026-11-20T00:00:00Z"),
                                "active",
                                "MarkMonitor Inc.",
                                null)
                        .domain("acme-moved.com", FAR, "active", "MarkMonitor Inc.", "Acme Inc");
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.jobs.enabled", "false",
                                "warden.domains.enabled", "true",
                                "warden.domains.dns-servers",
                                        "127.0.0.1:" + dns.address().getPort(),
                                "warden.domains.rdap-bootstrap", rdap.bootstrap(),
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
                            domains.stream()
                                    .map(d -> "https://login." + d + "/cb")
                                    .toArray(String[]::new))));
            DomainWatch watch = warden.bean(DomainWatch.class);

            DomainWatch.Round round = watch.round();
            assertThat(round.hosts()).isEqualTo(5);
            assertThat(round.domains()).isEqualTo(5);
            assertThat(round.failing()).as("lapsed and free").isEqualTo(2);

            JsonNode listed = ok(admin.get("/api/v1/domains/registrations?failing=true"));
            assertThat(listed.get("items")
                            .valueStream()
                            .map(r -> r.get("domain").asString() + " "
                                    + r.get("status").asString()))
                    .containsExactly("acme-lapsed.com EXPIRED", "acme-free.com REGISTRABLE", "acme-soon.com EXPIRING");
            JsonNode active = ok(admin.get("/api/v1/domains/registrations/acme-active.com"));
            assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(active.get("registrar").asString()).isEqualTo("MarkMonitor Inc.");
            assertThat(active.get("acceptedRegistrant").asString()).isEqualTo("Acme Inc");
            assertThat(active.get("expiresAt").asString()).isEqualTo("2029-01-01T00:00:00Z");
            JsonNode host = ok(admin.get("/api/v1/domains/login.acme-free.com"));
            assertThat(host.get("status").asString()).as("its DNS is fine").isEqualTo("OK");
            assertThat(host.get("registration").get("status").asString()).isEqualTo("REGISTRABLE");

            List<JsonNode> opened = tickets(admin, "com.acme.app");
            assertThat(opened.stream().map(t -> t.get("title").asString()))
                    .containsExactlyInAnyOrder(
                            "Redirect URI on an expired domain (acme-lapsed.com) in com.acme.app",
                            "Redirect URI on a domain anyone can register (acme-free.com) in com.acme.app");
            assertThat(opened)
                    .allSatisfy(t -> assertThat(t.get("score").asDouble()).isEqualTo(9.0));
            assertThat(openCases(admin, "acme")).contains("OAUTH-REDIRECT-DOMAIN");

            // The expiring one: a notice to the security contacts, once.
            List<JsonNode> notices = ok(admin.get("/api/v1/outbox?size=100"))
                    .get("items")
                    .valueStream()
                    .filter(m -> m.get("event").asString().equals("DOMAIN_EXPIRING"))
                    .toList();
            assertThat(notices).singleElement().satisfies(m -> {
                assertThat(m.get("recipient").asString()).isEqualTo("sec@acme.example");
                assertThat(m.get("subject").asString())
                        .isEqualTo("[Warden] Renew acme-soon.com: it expires on 2026-12-20 00:00 UTC");
            });

            // A day later acme-moved.com is with another registrar: a transfer, until an analyst accepts it.
            rdap.domain("acme-moved.com", FAR, "active", "GoDaddy.com, LLC", "Acme Inc");
            clock.advance(Duration.ofDays(1).plusHours(12));
            admin = warden.admin();
            watch.round();
            JsonNode moved = ok(admin.get("/api/v1/domains/registrations/acme-moved.com"));
            assertThat(moved.get("status").asString()).isEqualTo("TRANSFERRED");
            assertThat(moved.get("detail").asString())
                    .contains("moved from registrar MarkMonitor Inc. to GoDaddy.com, LLC");
            JsonNode transfer = tickets(admin, "com.acme.app").stream()
                    .filter(t -> t.get("title").asString().contains("acme-moved.com"))
                    .findFirst()
                    .orElseThrow();
            SignIns.createUser(warden.bean(Users.class), "ana.analyst", null, Role.SECURITY_ANALYST);
            Http ana = SignIns.signIn(warden.port(), "ana.analyst", SignIns.PASSWORD);
            assertThat(ana.get("/domains").body())
                    .contains("Registrations needing attention", "acme-lapsed.com", "acme-free.com", "acme-moved.com");
            Http.Response page = ana.get("/domains/login.acme-moved.com");
            assertThat(page.body()).contains("TRANSFERRED", "GoDaddy.com, LLC", "Accept the transfer");
            Http.Response accepted = ana.form(
                    "/domains/login.acme-moved.com/accept-transfer",
                    Map.of("domain", "acme-moved.com", "_csrf", page.csrf()));
            assertThat(accepted.header("Location")).contains("done=transfer-accepted");
            assertThat(ok(admin.get("/api/v1/domains/registrations/acme-moved.com"))
                            .get("status")
                            .asString())
                    .isEqualTo("ACTIVE");
            assertThat(ok(admin.get("/api/v1/audit?size=100")).toString()).contains("DOMAIN_TRANSFER_ACCEPTED");
            assertThat(ok(admin.get("/api/v1/tickets/" + transfer.get("key").asString()))
                            .get("status")
                            .asString())
                    .isEqualTo("PATCHED");
            assertThat(ok(admin.get("/api/v1/outbox?size=100"))
                            .get("items")
                            .valueStream()
                            .filter(m -> m.get("event").asString().equals("DOMAIN_EXPIRING")))
                    .as("the expiring domain is not announced again each day")
                    .hasSize(1);

            // Acme renews the lapsed domain and asks for a check: verified fixed.
            rdap.domain("acme-lapsed.com", FAR, "active", "MarkMonitor Inc.", null);
            JsonNode early = ok(admin.post("/api/v1/domains/login.acme-lapsed.com/check", ""));
            assertThat(early.get("registration").get("status").asString())
                    .as("checked this minute already: not asked again")
                    .isEqualTo("EXPIRED");
            clock.advance(Duration.ofMinutes(5));
            admin = warden.admin();
            JsonNode checked = ok(admin.post("/api/v1/domains/login.acme-lapsed.com/check", ""));
            assertThat(checked.get("registration").get("status").asString()).isEqualTo("ACTIVE");
            assertThat(checked.get("registration")
                            .get("history")
                            .valueStream()
                            .map(c -> c.get("status").asString()))
                    .containsExactly("ACTIVE", "EXPIRED");
            JsonNode lapsed = tickets(admin, "com.acme.app").stream()
                    .filter(t -> t.get("title").asString().contains("acme-lapsed.com"))
                    .findFirst()
                    .orElseThrow();
            assertThat(lapsed.get("status").asString()).isEqualTo("PATCHED");
        }
    }
}
