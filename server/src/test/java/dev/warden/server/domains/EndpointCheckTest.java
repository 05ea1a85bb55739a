package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.TestCertificates;
import dev.warden.server.testing.TlsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint checks against real TLS servers on loopback: the JDK's HTTPS server (TLS 1.2 and 1.3,
 * certificates chosen by SNI, HSTS per name) for a healthy endpoint, an expired certificate, a
 * certificate for another name, one expiring in ten days, no HSTS and a short HSTS; and OpenSSL's
 * {@code s_server} offering TLS 1.0 only, as an old load balancer would.
 */
class EndpointCheckTest {
    static final TestCertificates CA = new TestCertificates();
    static TlsServer https;
    static Process legacy;
    static int legacyPort;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        https = new TlsServer()
                .host("good.acme.example", CA.issue("good.acme.example"), "max-age=63072000; includeSubDomains")
                .host(
                        "expired.acme.example",
                        CA.issue(
                                "expired.acme.example",
                                now.minus(Duration.ofDays(400)),
                                now.minus(Duration.ofDays(35))),
                        "max-age=63072000")
                .host("wrong.acme.example", CA.issue("other.acme.example"), "max-age=63072000")
                .host(
                        "soon.acme.example",
                        CA.issue("soon.acme.example", now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10))),
                        "max-age=63072000")
                .host("nohsts.acme.example", CA.issue("nohsts.acme.example"), null)
                .host("short.acme.example", CA.issue("short.acme.example"), "max-age=86400")
                .start();
        Path[] pem = CA.issue("old.acme.example").pem(dir, "old");
        try (ServerSocket free = new ServerSocket(0)) {
            legacyPort = free.getLocalPort();
        }
        legacy = new ProcessBuilder(
                        "openssl",
                        "s_server",
                        "-accept",
                        "127.0.0.1:" + legacyPort,
                        "-cert",
                        pem[0].toString(),
                        "-key",
                        pem[1].toString(),
                        "-tls1",
                        "-cipher",
                        "ALL:@SECLEVEL=0",
                        "-www",
                        "-quiet")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s_server.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) { // until it listens
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), legacyPort)) {
                break;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() {
        https.close();
        legacy.destroy();
    }

    static EndpointCheck check(int port) {
        DomainSettings settings = TestSettings.loopback(List.of(), 80, port);
        return new EndpointCheck(CA.trust(), new HostPacer(Duration.ZERO), settings, Clock.systemUTC());
    }

    static Map<EndpointCheck.Aspect, EndpointCheck.Result> at(String host) {
        return check(https.port()).check(host, List.of(InetAddress.getLoopbackAddress()));
    }

    @Test
    void aHealthyEndpointPassesEveryCheck() {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> r = at("good.acme.example");
        assertThat(r.get(EndpointCheck.Aspect.TLS).status()).isEqualTo(EndpointCheck.Status.OK);
        assertThat(r.get(EndpointCheck.Aspect.TLS).detail()).isEqualTo("refuses TLS 1.0 and 1.1");
        assertThat(r.get(EndpointCheck.Aspect.CERTIFICATE).status()).isEqualTo(EndpointCheck.Status.OK);
        assertThat(r.get(EndpointCheck.Aspect.CERTIFICATE).detail()).contains("Warden Test Root CA");
        assertThat(r.get(EndpointCheck.Aspect.HSTS).status()).isEqualTo(EndpointCheck.Status.OK);
    }

    @Test
    void expiredAndMisnamedCertificatesFailAndOneExpiringSoonIsAWarning() {
        EndpointCheck.Result expired = at("expired.acme.example").get(EndpointCheck.Aspect.CERTIFICATE);
        assertThat(expired.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(expired.detail()).contains("expired");
        assertThat(at("expired.acme.example").get(EndpointCheck.Aspect.HSTS).status())
                .as("not judged over a connection that cannot be trusted")
                .isEqualTo(EndpointCheck.Status.INCOMPLETE);
        EndpointCheck.Result wrong = at("wrong.acme.example").get(EndpointCheck.Aspect.CERTIFICATE);
        assertThat(wrong.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(wrong.detail()).contains("does not name the host");
        EndpointCheck.Result soon = at("soon.acme.example").get(EndpointCheck.Aspect.CERTIFICATE);
        assertThat(soon.status()).isEqualTo(EndpointCheck.Status.EXPIRING);
        assertThat(check(https.port())
                        .check("good.acme.example", List.of(InetAddress.getLoopbackAddress()))
                        .get(EndpointCheck.Aspect.CERTIFICATE)
                        .status())
                .isEqualTo(EndpointCheck.Status.OK);
    }

    @Test
    void aCertificateFromAnUnknownCaIsNotTrusted() {
        DomainSettings settings = TestSettings.loopback(List.of(), 80, https.port());
        EndpointCheck jdkCas = new EndpointCheck(null, new HostPacer(Duration.ZERO), settings, Clock.systemUTC());
        EndpointCheck.Result r = jdkCas.check("good.acme.example", List.of(InetAddress.getLoopbackAddress()))
                .get(EndpointCheck.Aspect.CERTIFICATE);
        assertThat(r.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(r.detail()).contains("does not chain to a trusted CA");
    }

    @Test
    void missingAndShortHstsFail() {
        EndpointCheck.Result none = at("nohsts.acme.example").get(EndpointCheck.Aspect.HSTS);
        assertThat(none.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(none.detail()).contains("no Strict-Transport-Security header");
        EndpointCheck.Result brief = at("short.acme.example").get(EndpointCheck.Aspect.HSTS);
        assertThat(brief.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(brief.detail()).contains("max-age is 86400 s, less than a year");
    }

    @Test
    void aServerThatStillSpeaksTls10IsFound() {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> r =
                check(legacyPort).check("old.acme.example", List.of(InetAddress.getLoopbackAddress()));
        assertThat(r.get(EndpointCheck.Aspect.TLS).status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(r.get(EndpointCheck.Aspect.TLS).detail()).startsWith("accepts TLS 1.0");
        assertThat(r.get(EndpointCheck.Aspect.CERTIFICATE).status())
                .as("no TLS 1.2 handshake to judge the certificate over")
                .isEqualTo(EndpointCheck.Status.INCOMPLETE);
    }

    @Test
    void theDefaultVectorsScoreWhatThePolicySays() {
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.TLS.vector)
                        .baseScore())
                .isEqualTo(7.4);
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.CERTIFICATE.vector)
                        .baseScore())
                .isEqualTo(8.1);
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.HSTS.vector)
                        .baseScore())
                .isEqualTo(6.8);
    }
}
