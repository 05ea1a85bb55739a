package dev.warden.server.domains;

import java.time.Duration;
import java.util.List;

/** Domain-check settings for the tests' loopback servers: short timeouts, no pacing, their ports. */
final class TestSettings {
    private TestSettings() {}

    static DomainSettings loopback(List<String> dnsServers, int httpPort, int httpsPort) {
        return new DomainSettings(
                true,
                dnsServers,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofMinutes(1),
                10,
                Duration.ZERO,
                Duration.ofMinutes(15),
                httpPort,
                "https://data.iana.org/rdap/dns.json",
                httpsPort,
                null,
                null,
                1);
    }
}
