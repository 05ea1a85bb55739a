package dev.warden.server.domains;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.xbill.DNS.ResolverConfig;

/**
 * How Warden watches redirect-URI domains ({@code warden.domains.*}; docs/domains.md).
 *
 * @param enabled whether the background checks run (on-demand checks always can)
 * @param dnsServers the DNS servers asked, {@code host} or {@code host:port}, in order; empty: the
 *     machine's own (resolv.conf)
 * @param dnsTimeout how long one DNS server has to answer
 * @param httpTimeout connecting to a host and reading its page, each
 * @param pollInterval how often a node looks for hosts due a check
 * @param batchSize hosts checked at most per poll
 * @param perHostInterval the least time between two requests to one host (the rate limit per host)
 * @param syncEvery how often every app's redirect URIs are read again (besides each app's change)
 * @param httpPort the port a service's page is fetched from: 80, other than in tests
 * @param rdapBootstrap IANA's RDAP bootstrap file for DNS (RFC 9224): an http(s) URL or a file
 * @param httpsPort the port a redirect URI's endpoint is checked on: 443, other than in tests
 * @param trustStore the CAs a certificate must chain to (a PKCS#12 file); empty: the JDK's
 * @param trustStorePassword the trust store's password, if it has one
 * @param threads hosts checked at once in a round (requests to one host still wait their turn)
 */
@ConfigurationProperties("warden.domains")
public record DomainSettings(
        boolean enabled,
        List<String> dnsServers,
        Duration dnsTimeout,
        Duration httpTimeout,
        Duration pollInterval,
        int batchSize,
        Duration perHostInterval,
        Duration syncEvery,
        int httpPort,
        String rdapBootstrap,
        int httpsPort,
        @Nullable String trustStore,
        @Nullable String trustStorePassword,
        int threads) {

    /** What Warden says it is, on every request it makes to someone else's host. */
    public static final String USER_AGENT =
            "Warden-DomainCheck/1.0 (marketplace security monitoring; non-intrusive, one page per day)";

    public DomainSettings {
        dnsServers = List.copyOf(dnsServers == null ? List.of() : dnsServers);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("warden.domains.batch-size must be 1 to 10000");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("warden.domains.threads must be 1 to 64");
        }
        if (httpsPort < 1 || httpsPort > 65_535) {
            throw new IllegalArgumentException("warden.domains.https-port must be a port number");
        }
        if (httpPort < 1 || httpPort > 65_535) {
            throw new IllegalArgumentException("warden.domains.http-port must be a port number");
        }
        for (Duration d : new Duration[] {dnsTimeout, httpTimeout, pollInterval, syncEvery}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("warden.domains timeouts and intervals must be positive");
            }
        }
        if (perHostInterval.isNegative()) {
            throw new IllegalArgumentException("warden.domains.per-host-interval must not be negative");
        }
        if (rdapBootstrap == null || rdapBootstrap.isBlank()) {
            throw new IllegalArgumentException("warden.domains.rdap-bootstrap must name IANA's dns.json or a copy");
        }
        for (String s : dnsServers) {
            address(s);
        }
    }

    /** The trust store the endpoint checks use, or null for the JDK's CAs. */
    java.security.@Nullable KeyStore trust() {
        if (trustStore == null || trustStore.isBlank()) {
            return null;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(trustStore))) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword == null ? null : trustStorePassword.toCharArray());
            return store;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "warden.domains.trust-store: " + trustStore + " could not be read as PKCS#12: " + e.getMessage(),
                    e);
        }
    }

    /** The DNS servers to ask, in order. */
    List<InetSocketAddress> servers() {
        if (dnsServers.isEmpty()) {
            List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
            return system.isEmpty() ? List.of(new InetSocketAddress("127.0.0.1", 53)) : system;
        }
        return dnsServers.stream().map(DomainSettings::address).toList();
    }

    private static InetSocketAddress address(String server) {
        String s = server.strip();
        int colon = s.lastIndexOf(':');
        boolean withPort = colon > 0 && s.indexOf(':') == colon; // one colon: host:port (IPv6 has more)
        try {
            String host = withPort ? s.substring(0, colon) : s;
            int port = withPort ? Integer.parseInt(s.substring(colon + 1)) : 53;
            if (host.isBlank() || port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "warden.domains.dns-servers: not a server: " + server + " (host or host:port)", e);
        }
    }
}
