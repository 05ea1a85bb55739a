package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.server.testing.AuthoritativeDns;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One host's check against real servers on loopback: the in-process DNS server (UDP and TCP) and an HTTP
 * server standing in for a hosted service, which serves an unclaimed bucket's page for one name and a
 * customer's own content for another. And the address guard: names that resolve to loopback, private,
 * link-local (metadata) or IPv6 local addresses are refused and checked no further.
 */
class HostCheckTest {
    static AuthoritativeDns dns;
    static HttpServer service;
    static final Map<String, String> pages = new ConcurrentHashMap<>();
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static HostCheck open;
    static HostCheck guarded;

    @BeforeAll
    static void start() throws Exception {
        dns = new AuthoritativeDns()
                .a("app.acme.example", "93.184.216.34")
                .cname("login.acme.example", "acme-old.us-east-1.elasticbeanstalk.com")
                .cname("old.acme.example", "gone.hosting.test")
                .cname("files.acme.example", "acme-files.s3.amazonaws.com")
                .a("acme-files.s3.amazonaws.com", "127.0.0.1")
                .cname("assets.acme.example", "acme-assets.s3.amazonaws.com")
                .a("acme-assets.s3.amazonaws.com", "127.0.0.1")
                .servfail("broken.acme.example")
                .a("loopback.acme.example", "127.0.0.1")
                .a("internal.acme.example", "10.0.0.1")
                .cname("meta.acme.example", "instance.cloud.example")
                .a("instance.cloud.example", "169.254.169.254")
                .a("six.acme.example", "::1")
                .a("ula.acme.example", "fd00:ec2::254");
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.put(
                "files.acme.example",
                "<Error><Code>NoSuchBucket</Code>" + "<Message>The specified bucket does not exist</Message></Error>");
        pages.put("assets.acme.example", "<html><body>Acme's assets</body></html>");
        service.createContext("/", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host").replaceAll(":\\d+$", "");
            requests.add(host + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
            String page = pages.get(host);
            byte[] body = (page == null ? "no such site" : page).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(page == null || page.contains("NoSuchBucket") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        open = check(true);
        guarded = check(false);
    }

    static HostCheck check(boolean allowPrivate) {
        DomainSettings settings = TestSettings.loopback(
                List.of("127.0.0.1:" + dns.address().getPort()),
                service.getAddress().getPort(),
                443);
        return new HostCheck(
                new DnsProbe(settings.servers(), settings.dnsTimeout()),
                new TakeoverCheck(TakeoverFingerprints.bundled()),
                new HostPacer(settings.perHostInterval()),
                allowPrivate,
                settings);
    }

    @AfterAll
    static void stop() {
        dns.close();
        service.stop(0);
    }

    @Test
    void aNameIntoAServiceThatServesItsUnclaimedPageIsATakeoverAndTheCustomersOwnPageIsNot() {
        HostCheck.Result taken = open.check("files.acme.example");
        assertThat(taken.status()).isEqualTo(HostCheck.Status.TAKEOVER);
        assertThat(taken.service()).isEqualTo("AWS/S3");
        assertThat(taken.detail())
                .contains("The specified bucket does not exist", "HTTP 404")
                .contains("files.acme.example → acme-files.s3.amazonaws.com");

        HostCheck.Result served = open.check("assets.acme.example");
        assertThat(served.status()).isEqualTo(HostCheck.Status.OK);
        assertThat(served.detail()).contains("serves this host's own content (HTTP 200)");

        assertThat(requests)
                .as("the page is asked for by the checked name, saying who asks")
                .contains("files.acme.example " + DomainSettings.USER_AGENT)
                .contains("assets.acme.example " + DomainSettings.USER_AGENT);
    }

    @Test
    void danglingMissingAndFailingNamesAreToldApart() {
        assertThat(open.check("login.acme.example").status()).isEqualTo(HostCheck.Status.TAKEOVER);
        assertThat(open.check("old.acme.example").status()).isEqualTo(HostCheck.Status.DANGLING);
        assertThat(open.check("app.acme.example").status()).isEqualTo(HostCheck.Status.OK);
        HostCheck.Result missing = open.check("nowhere.acme.example");
        assertThat(missing.status()).isEqualTo(HostCheck.Status.UNRESOLVED);
        assertThat(missing.detail()).contains("does not exist");
        HostCheck.Result failing = open.check("broken.acme.example");
        assertThat(failing.status())
                .as("a failing DNS server proves nothing either way")
                .isEqualTo(HostCheck.Status.INCOMPLETE);
    }

    @Test
    void privateLoopbackLinkLocalAndLocalIpv6AddressesAreRefusedUnlessAllowed() {
        Map<String, String> refused = Map.of(
                "loopback.acme.example", "127.0.0.1",
                "internal.acme.example", "10.0.0.1",
                "meta.acme.example", "169.254.169.254",
                "six.acme.example", "0:0:0:0:0:0:0:1",
                "ula.acme.example", "fd00:ec2:0:0:0:0:0:254",
                "10.0.0.1", "10.0.0.1",
                "[::1]", "0:0:0:0:0:0:0:1");
        refused.forEach((host, address) -> {
            HostCheck.Result r = guarded.check(host);
            assertThat(r.status()).as(host).isEqualTo(HostCheck.Status.REFUSED);
            assertThat(r.detail()).as(host).contains("resolves to " + address, "does not connect to it");
        });
        int before = requests.size();
        assertThat(guarded.check("files.acme.example").status())
                .as("a service page on a loopback address is not fetched")
                .isEqualTo(HostCheck.Status.REFUSED);
        assertThat(requests).hasSize(before);
        assertThat(open.check("loopback.acme.example").status())
                .as("allowed for tests and the demo")
                .isEqualTo(HostCheck.Status.OK);
    }

    @Test
    void eachHostHasItsOwnMinuteOfTheDayAndIsCheckedAboutDaily() {
        java.time.Instant at = java.time.Instant.parse("2026-12-01T10:00:00Z");
        java.time.Instant next = DomainWatch.nextDaily("login.acme.example", at);
        assertThat(next).isAfter(at.plus(Duration.ofHours(12))).isBefore(at.plus(Duration.ofHours(36)));
        assertThat(DomainWatch.nextDaily("login.acme.example", next)).isEqualTo(next.plus(Duration.ofDays(1)));
        long minutes = List.of("a.example", "b.example", "c.example", "d.example").stream()
                .map(h -> DomainWatch.nextDaily(h, at)
                        .atOffset(java.time.ZoneOffset.UTC)
                        .toLocalTime())
                .distinct()
                .count();
        assertThat(minutes).as("hosts spread over the day").isGreaterThan(1);
    }
}
