package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.AuthoritativeDns;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The takeover check against a real DNS server on loopback (in process, DNS wire format over UDP) and the
 * bundled can-i-take-over-xyz fingerprints.
 */
class TakeoverCheckTest {
    static AuthoritativeDns dns;
    static DnsProbe probe;
    static final TakeoverCheck check = new TakeoverCheck(TakeoverFingerprints.bundled());

    @BeforeAll
    static void zone() throws Exception {
        dns = new AuthoritativeDns()
                .a("app.acme.example", "93.184.216.34")
                .cname("www.acme.example", "edge.acme.example")
                .a("edge.acme.example", "93.184.216.35")
                .cname("login.acme.example", "acme-old.us-east-1.elasticbeanstalk.com")
                .cname("old.acme.example", "gone.hosting.test")
                .cname("files.acme.example", "acme-files.s3.amazonaws.com")
                .a("acme-files.s3.amazonaws.com", "52.216.1.1")
                .cname("a.loop.example", "b.loop.example")
                .cname("b.loop.example", "a.loop.example")
                .servfail("broken.acme.example");
        probe = new DnsProbe(dns.address(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void aHealthyHostAndAHealthyChainAreFine() {
        DnsProbe.Resolution app = probe.resolve("app.acme.example");
        assertThat(app.outcome()).isEqualTo(DnsProbe.Outcome.RESOLVES);
        assertThat(app.addresses()).containsExactly("93.184.216.34");
        assertThat(check.judge(app).verdict()).isEqualTo(TakeoverCheck.Verdict.OK);
        DnsProbe.Resolution www = probe.resolve("WWW.acme.example.");
        assertThat(www.chain()).containsExactly("www.acme.example", "edge.acme.example");
        assertThat(check.judge(www).verdict()).isEqualTo(TakeoverCheck.Verdict.OK);
    }

    @Test
    void aDanglingCnameIntoAVulnerableServiceIsATakeoverNamingTheChain() {
        TakeoverCheck.Result r = check.judge(probe.resolve("login.acme.example"));
        assertThat(r.verdict()).isEqualTo(TakeoverCheck.Verdict.TAKEOVER);
        assertThat(r.service()).isNotNull();
        assertThat(r.service().name()).isEqualTo("AWS/Elastic Beanstalk");
        assertThat(r.chain()).isEqualTo("login.acme.example → acme-old.us-east-1.elasticbeanstalk.com (NXDOMAIN)");
    }

    @Test
    void aDanglingCnameIntoNoKnownServiceIsDanglingButNotATakeover() {
        TakeoverCheck.Result r = check.judge(probe.resolve("old.acme.example"));
        assertThat(r.verdict()).isEqualTo(TakeoverCheck.Verdict.DANGLING);
        assertThat(r.service()).isNull();
    }

    @Test
    void aServiceJudgedByItsPageNeedsThePage() {
        TakeoverCheck.Result r = check.judge(probe.resolve("files.acme.example"));
        assertThat(r.verdict()).isEqualTo(TakeoverCheck.Verdict.NEEDS_HTTP);
        assertThat(r.service().name()).isEqualTo("AWS/S3");
        assertThat(r.service().httpFingerprint()).isEqualTo("The specified bucket does not exist");
    }

    @Test
    void missingFailingAndLoopingNamesAreToldApart() {
        assertThat(probe.resolve("missing.acme.example").outcome()).isEqualTo(DnsProbe.Outcome.NXDOMAIN);
        assertThat(check.judge(probe.resolve("missing.acme.example")).verdict())
                .isEqualTo(TakeoverCheck.Verdict.UNRESOLVED);
        assertThat(probe.resolve("broken.acme.example").outcome()).isEqualTo(DnsProbe.Outcome.SERVFAIL);
        DnsProbe.Resolution loop = probe.resolve("a.loop.example");
        assertThat(loop.outcome()).isEqualTo(DnsProbe.Outcome.LOOP);
        assertThat(loop.chain()).startsWith("a.loop.example", "b.loop.example");
    }

    @Test
    void aSilentServerIsATimeout() throws Exception {
        try (java.net.DatagramSocket silent =
                new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            DnsProbe nobody = new DnsProbe(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    Duration.ofMillis(300));
            assertThat(nobody.resolve("app.acme.example").outcome()).isEqualTo(DnsProbe.Outcome.TIMEOUT);
        }
    }

    @Test
    void aChainTooLongForADatagramIsAskedAgainOverTcp() throws Exception {
        try (AuthoritativeDns big = new AuthoritativeDns()) {
            String label = "x".repeat(60);
            String previous = "start.acme.example";
            for (int i = 0; i < 8; i++) {
                String next = label + ".hop" + i + ".acme.example";
                big.cname(previous, next);
                previous = next;
            }
            big.a(previous, "93.184.216.40");
            DnsProbe.Resolution r = new DnsProbe(big.address(), Duration.ofSeconds(2)).resolve("start.acme.example");
            assertThat(r.outcome()).isEqualTo(DnsProbe.Outcome.RESOLVES);
            assertThat(r.chain()).hasSize(9);
            assertThat(r.addresses()).containsExactly("93.184.216.40");
            assertThat(big.tcpAnswers())
                    .as("the truncated answer was asked for again over TCP")
                    .isPositive();
        }
    }

    @Test
    void fingerprintsAreRegularExpressionsOrAStatus() {
        TakeoverFingerprints all = TakeoverFingerprints.bundled();
        TakeoverFingerprints.Service ngrok = all.serviceOf("acme.ngrok.io").orElseThrow();
        assertThat(ngrok.unclaimed(404, "Tunnel acme.ngrok.io not found")).isTrue();
        assertThat(ngrok.unclaimed(200, "Welcome")).isFalse();
        TakeoverFingerprints.Service ghost = all.serviceOf("acme.ghost.io").orElseThrow();
        assertThat(ghost.unclaimed(200, "Failed to resolve DNS path for this host"))
                .as("alternatives written with an escaped bar")
                .isTrue();
        TakeoverFingerprints.Service launchrock =
                all.serviceOf("acme.launchrock.com").orElseThrow();
        assertThat(launchrock.unclaimed(500, "")).isTrue();
        assertThat(launchrock.unclaimed(200, "")).isFalse();
    }

    @Test
    void theBundledFingerprintsAreReadWhole() {
        assertThat(TakeoverFingerprints.bundled().services()).hasSize(76);
        assertThat(TakeoverFingerprints.bundled().serviceOf("x.cloudapp.net")).isPresent();
    }
}
