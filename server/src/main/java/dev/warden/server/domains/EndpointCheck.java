package dev.warden.server.domains;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.jspecify.annotations.Nullable;

/**
 * Checks the live HTTPS endpoint of a redirect URI's host (docs/policy section 3: TLS 1.2 or higher, a
 * valid certificate from a trusted CA, HSTS of at least a year): whether it still accepts TLS 1.0 or 1.1,
 * whether its certificate chains to a trusted CA, is in date and names the host (and whether it expires
 * within 30 days), and whether it sends {@code Strict-Transport-Security} with {@code max-age} of at least
 * 31,536,000 s. It connects only to the addresses Warden resolved and guarded, sends one {@code GET /},
 * follows no redirect, and waits its turn with the per-host rate limit.
 */
final class EndpointCheck {
    /** Each aspect the check judges, with its finding's scanner rule and the policy's default score. */
    enum Aspect {
        TLS(
                "endpoint-tls-version",
                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
                "Redirect URI host accepts TLS 1.0/1.1"),
        CERTIFICATE(
                "endpoint-certificate",
                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "Redirect URI host without a valid certificate"),
        HSTS(
                "endpoint-hsts",
                "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N",
                "Redirect URI host without a year of HSTS"),
        /** Connect apps (their base URL): JWT is the authentication type (5.3). */
        CONNECT_AUTH(
                "connect-auth-type",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
                "Connect app without JWT authentication"),
        /** Connect apps: forged, unsigned, expired or misdirected JWTs refused (8.8). */
        CONNECT_JWT(
                "connect-jwt-validation",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
                "Connect app accepting forged JWTs"),
        /** Connect apps: unsigned install callbacks refused (8.6). */
        CONNECT_INSTALL(
                "connect-install-validation",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:N",
                "Connect app accepting unsigned install callbacks");

        final String rule;
        /** The default vector: 7.4, 8.1 and 6.8, the scores the policy gives these checks. */
        final String vector;

        final String title;

        Aspect(String rule, String vector, String title) {
            this.rule = rule;
            this.vector = vector;
            this.title = title;
        }
    }

    /** What one aspect's check found. */
    enum Status {
        PENDING,
        OK,
        /** A warning, not a finding: the certificate expires within 30 days. */
        EXPIRING,
        FAILING,
        /** Not judged: nothing answers on the port, the handshake failed, or the certificate is not valid (HSTS). */
        INCOMPLETE
    }

    record Result(Status status, String detail) {}

    static final long YEAR_SECONDS = 31_536_000L;
    static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);
    private static final Pattern MAX_AGE = Pattern.compile("(?i)max-age\\s*=\\s*\"?(\\d+)\"?");

    private final SSLContext tls;

    /** The TLS context the endpoint checks trust, for the Connect checks over the same connections. */
    SSLContext tls() {
        return tls;
    }

    private final HostPacer pacer;
    private final DomainSettings settings;
    private final Clock clock;

    EndpointCheck(@Nullable KeyStore trust, HostPacer pacer, DomainSettings settings, Clock clock) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            this.tls = SSLContext.getInstance("TLS");
            this.tls.init(null, tmf.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java", e);
        }
        this.pacer = pacer;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks the endpoint at the first of the host's guarded addresses. */
    Map<Aspect, Result> check(String host, List<InetAddress> addresses) {
        InetAddress address = addresses.get(0);
        int port = settings.httpsPort();
        Map<Aspect, Result> out = new java.util.EnumMap<>(Aspect.class);
        out.put(Aspect.TLS, legacy(host, address, port));
        Result certificate = certificate(host, address, port);
        out.put(Aspect.CERTIFICATE, certificate);
        out.put(
                Aspect.HSTS,
                certificate.status() == Status.OK || certificate.status() == Status.EXPIRING
                        ? hsts(host, addresses, port)
                        : new Result(Status.INCOMPLETE, "not judged: the certificate is not valid"));
        return out;
    }

    private Result legacy(String host, InetAddress address, int port) {
        List<String> accepted = new ArrayList<>();
        try {
            for (LegacyTlsProbe.Version v : LegacyTlsProbe.Version.values()) {
                pacer.await(host);
                if (LegacyTlsProbe.probe(address, port, host, v, settings.httpTimeout())
                        == LegacyTlsProbe.Answer.ACCEPTED) {
                    accepted.add(v.label);
                }
            }
        } catch (IOException e) {
            return new Result(Status.INCOMPLETE, "port " + port + " did not answer: " + e.getMessage());
        }
        return accepted.isEmpty()
                ? new Result(Status.OK, "refuses TLS 1.0 and 1.1")
                : new Result(
                        Status.FAILING,
                        "accepts " + String.join(" and ", accepted) + " (TLS 1.2 or higher is required)");
    }

    private Result certificate(String host, InetAddress address, int port) {
        pacer.await(host);
        try (java.net.Socket plain = new java.net.Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int)
                    settings.httpTimeout().toMillis());
            plain.setSoTimeout((int) settings.httpTimeout().toMillis());
            // Layered with the host's name: a session is never resumed from another name on the same address.
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, false);
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            socket.getSession().invalidate(); // the next check sees the certificate served then, not this one
            socket.close();
            Instant notAfter = leaf.getNotAfter().toInstant();
            String who = leaf.getIssuerX500Principal().getName();
            if (notAfter.isBefore(clock.instant().plus(CERTIFICATE_WARNING))) {
                return new Result(
                        Status.EXPIRING, "valid, but expires on " + date(notAfter) + " (issued by " + who + ")");
            }
            return new Result(Status.OK, "valid until " + date(notAfter) + ", issued by " + who);
        } catch (SSLException e) {
            String why = reason(e);
            return why == null
                    ? new Result(Status.INCOMPLETE, "no TLS 1.2 or 1.3 handshake: " + e.getMessage())
                    : new Result(Status.FAILING, why);
        } catch (IOException e) {
            return new Result(Status.INCOMPLETE, "port " + port + " did not answer: " + e.getMessage());
        }
    }

    /** Why the certificate was refused, or null when the handshake failed for another reason. */
    private static @Nullable String reason(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the certificate has expired: " + t.getMessage();
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the certificate is not valid yet: " + t.getMessage();
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")) {
                return "the certificate does not name the host: " + t.getMessage();
            }
            if (m.contains("unable to find valid certification path") || m.contains("path building failed")) {
                return "the certificate does not chain to a trusted CA";
            }
            if (m.contains("validity check failed")) {
                return "the certificate has expired or is not valid yet";
            }
        }
        return null;
    }

    private Result hsts(String host, List<InetAddress> addresses, int port) {
        pacer.await(host);
        try (CloseableHttpClient client = PinnedHttp.to(host, addresses, settings.httpTimeout(), tls)) {
            HttpGet get = new HttpGet("https://" + host + ":" + port + "/");
            return client.execute(get, response -> {
                Header header = response.getFirstHeader("Strict-Transport-Security");
                if (header == null) {
                    return new Result(
                            Status.FAILING, "no Strict-Transport-Security header (HTTP " + response.getCode() + ")");
                }
                Matcher m = MAX_AGE.matcher(header.getValue());
                long age = m.find() ? parse(m.group(1)) : -1;
                return age >= YEAR_SECONDS
                        ? new Result(Status.OK, "Strict-Transport-Security: " + clip(header.getValue()))
                        : new Result(
                                Status.FAILING,
                                "Strict-Transport-Security max-age is " + (age < 0 ? "missing" : age + " s")
                                        + ", less than a year (" + YEAR_SECONDS + " s): " + clip(header.getValue()));
            });
        } catch (IOException e) {
            return new Result(Status.INCOMPLETE, "the page could not be fetched: " + e.getMessage());
        }
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long: surely a year
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private static String date(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
