package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.RdapServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registrations read from a real RDAP server on loopback (found through its bootstrap file) and judged:
 * active, expiring within the warning window, expired, in redemption, not registered at all,
 * transferred to another registrar or registrant, and redacted registrants that are no transfer.
 */
class RegistrationCheckTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static RdapServer rdap;
    static RdapClient client;

    @BeforeAll
    static void start() throws Exception {
        rdap = new RdapServer()
                .domain(
                        "acme-active.com",
                        Instant.parse("2028-03-14T09:26:53Z"),
                        "client transfer prohibited",
                        "MarkMonitor Inc.",
                        "Acme Inc")
                .domain("acme-soon.com", Instant.parse("2026-12-20T00:00:00Z"), "active", "MarkMonitor Inc.", null)
                .domain("acme-lapsed.com", Instant.parse("2026-11-20T00:00:00Z"), "active", "MarkMonitor Inc.", null)
                .domain(
                        "acme-redeem.net",
                        Instant.parse("2027-01-20T00:00:00Z"),
                        "redemption period",
                        "MarkMonitor Inc.",
                        null);
        HttpClient http = HttpClient.newHttpClient();
        client = new RdapClient(
                new RdapBootstrap(rdap.bootstrap(), http, Duration.ofSeconds(2), Clock.fixed(NOW, ZoneOffset.UTC)),
                http,
                Duration.ofSeconds(2),
                new HostPacer(Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        rdap.close();
    }

    static RegistrationCheck.Result judge(String domain, String registrar, String registrant) throws Exception {
        return RegistrationCheck.judge(domain, client.lookup(domain), registrar, registrant, NOW, 30);
    }

    @Test
    void theRegistryAnswersAreReadFromTheDomainObject() throws Exception {
        RdapClient.Registration r = client.lookup("acme-active.com");
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.REGISTERED);
        assertThat(r.server()).isEqualTo(rdap.base());
        assertThat(r.expires()).isEqualTo(Instant.parse("2028-03-14T09:26:53Z"));
        assertThat(r.statuses()).containsExactly("client transfer prohibited");
        assertThat(r.registrar()).isEqualTo("MarkMonitor Inc.");
        assertThat(r.registrant()).isEqualTo("Acme Inc");
        assertThat(client.lookup("acme-soon.com").registrant()).as("redacted").isNull();
    }

    @Test
    void aBootstrapFileOnDiskNamesTheServerOfTheLongestMatchingSuffix(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("dns.json");
        java.nio.file.Files.writeString(file, """
                {"version": "1.0", "services": [
                  [["uk"], ["http://uk.example/rdap", "https://uk.example/rdap"]],
                  [["co.uk"], ["https://co-uk.example/rdap/"]]]}
                """);
        RdapBootstrap bootstrap = new RdapBootstrap(
                file.toString(), HttpClient.newHttpClient(), Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(bootstrap.serverFor("acme.co.uk")).hasValue(java.net.URI.create("https://co-uk.example/rdap/"));
        assertThat(bootstrap.serverFor("acme.uk"))
                .as("https preferred, with a trailing slash")
                .hasValue(java.net.URI.create("https://uk.example/rdap/"));
        assertThat(bootstrap.serverFor("acme.fr")).isEmpty();
    }

    @Test
    void eachRegistrationIsJudged() throws Exception {
        assertThat(judge("acme-active.com", "MarkMonitor Inc.", "Acme Inc").status())
                .isEqualTo(RegistrationCheck.Status.ACTIVE);
        RegistrationCheck.Result soon = judge("acme-soon.com", "MarkMonitor Inc.", null);
        assertThat(soon.status()).isEqualTo(RegistrationCheck.Status.EXPIRING);
        assertThat(soon.detail()).contains("expires on 2026-12-20", "in 18 days");
        RegistrationCheck.Result lapsed = judge("acme-lapsed.com", null, null);
        assertThat(lapsed.status()).isEqualTo(RegistrationCheck.Status.EXPIRED);
        assertThat(lapsed.detail()).contains("expired on 2026-11-20");
        RegistrationCheck.Result redeem = judge("acme-redeem.net", null, null);
        assertThat(redeem.status()).isEqualTo(RegistrationCheck.Status.EXPIRED);
        assertThat(redeem.detail()).contains("redemption period");
        RegistrationCheck.Result free = judge("acme-free.com", null, null);
        assertThat(free.status()).isEqualTo(RegistrationCheck.Status.REGISTRABLE);
        assertThat(free.detail()).contains("anyone can register it");
        assertThat(RegistrationCheck.judge("acme.dev", client.lookup("acme.dev"), null, null, NOW, 30)
                        .status())
                .as("a suffix the bootstrap does not name")
                .isEqualTo(RegistrationCheck.Status.UNKNOWN);
    }

    @Test
    void anotherRegistrarOrRegistrantThanTheAcceptedOneIsATransferButARedactedOneIsNot() throws Exception {
        RegistrationCheck.Result registrant = judge("acme-active.com", "MarkMonitor Inc.", "Someone Else LLC");
        assertThat(registrant.status()).isEqualTo(RegistrationCheck.Status.TRANSFERRED);
        assertThat(registrant.detail()).contains("registrant changed from Someone Else LLC to Acme Inc");
        RegistrationCheck.Result registrar = judge("acme-active.com", "GoDaddy.com, LLC", "Acme Inc");
        assertThat(registrar.status()).isEqualTo(RegistrationCheck.Status.TRANSFERRED);
        assertThat(registrar.detail()).contains("moved from registrar GoDaddy.com, LLC to MarkMonitor Inc.");
        assertThat(judge("acme-soon.com", "MarkMonitor Inc.", "Acme Inc").status())
                .as("a registrant now redacted is not a change of registrant")
                .isEqualTo(RegistrationCheck.Status.EXPIRING);
    }
}
