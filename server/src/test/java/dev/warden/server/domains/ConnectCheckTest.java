package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.warden.server.scanning.ScannedDescriptors;
import dev.warden.server.testing.TestCertificates;
import dev.warden.server.testing.TlsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Connect checks against Connect-style apps over real HTTPS on loopback: one that wrongly accepts an
 * unsigned JWT ({@code alg: none}) on its lifecycle callback and an unsigned install, and one that
 * refuses every forged request. Each yields exactly its findings; the healthy one none.
 */
class ConnectCheckTest {
    static final TestCertificates CA = new TestCertificates();
    static TlsServer app;
    static final List<String> seen = new CopyOnWriteArrayList<>();

    static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    static String alg(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("JWT ")) {
            return "";
        }
        String header =
                new String(Base64.getUrlDecoder().decode(auth.substring(4).split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"alg\":\"([^\"]+)\".*", "$1");
    }

    @BeforeAll
    static void start() throws Exception {
        app = new TlsServer()
                .host("careless.acme.example", CA.issue("careless.acme.example"), "max-age=31536000")
                .host("careful.acme.example", CA.issue("careful.acme.example"), "max-age=31536000")
                // The careless app trusts whatever arrives: any install, and a JWT whose alg is none.
                .route("/careless/installed", e -> {
                    seen.add("installed " + alg(e));
                    answer(e, 204);
                })
                .route("/careless/enabled", e -> {
                    seen.add("enabled " + alg(e));
                    answer(e, alg(e).equals("none") ? 204 : 401);
                })
                // The careful app refuses anything it cannot verify.
                .route("/careful/installed", e -> answer(e, 401))
                .route("/careful/enabled", e -> answer(e, 401))
                .start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Map<EndpointCheck.Aspect, EndpointCheck.Result> check(String host, String base, String auth) {
        DomainSettings settings = TestSettings.loopback(List.of(), 80, app.port());
        EndpointCheck endpoint =
                new EndpointCheck(CA.trust(), new HostPacer(Duration.ZERO), settings, Clock.systemUTC());
        ConnectCheck connect =
                new ConnectCheck(endpoint.tls(), new HostPacer(Duration.ZERO), settings, Clock.systemUTC());
        ScannedDescriptors.Declared descriptor = new ScannedDescriptors.Declared(
                "connect",
                "com.acme.connect",
                "https://" + host + base,
                List.of(),
                Map.of("installed", "/installed", "enabled", "/enabled"),
                auth);
        return connect.check(host, List.of(InetAddress.getLoopbackAddress()), descriptor);
    }

    @Test
    void anAppThatAcceptsAnUnsignedJwtAndAnUnsignedInstallIsFoundOut() {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> r = check("careless.acme.example", "/careless", "jwt");
        assertThat(r.get(EndpointCheck.Aspect.CONNECT_AUTH).status()).isEqualTo(EndpointCheck.Status.OK);
        EndpointCheck.Result jwt = r.get(EndpointCheck.Aspect.CONNECT_JWT);
        assertThat(jwt.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(jwt.detail()).isEqualTo("POST /careless/enabled (enabled) accepted an unsigned JWT (alg none)");
        EndpointCheck.Result install = r.get(EndpointCheck.Aspect.CONNECT_INSTALL);
        assertThat(install.status()).isEqualTo(EndpointCheck.Status.FAILING);
        assertThat(install.detail()).contains("accepted an install callback without a signature");
        assertThat(seen)
                .as("four forged JWTs and one unsigned install, nothing more")
                .containsExactlyInAnyOrder(
                        "enabled none", "enabled HS256", "enabled HS256", "enabled HS256", "installed ");
    }

    @Test
    void anAppThatRefusesEveryForgedRequestPasses() {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> r = check("careful.acme.example", "/careful", "jwt");
        assertThat(r.get(EndpointCheck.Aspect.CONNECT_JWT).status()).isEqualTo(EndpointCheck.Status.OK);
        assertThat(r.get(EndpointCheck.Aspect.CONNECT_JWT).detail()).endsWith("refused every forged JWT");
        assertThat(r.get(EndpointCheck.Aspect.CONNECT_INSTALL).status()).isEqualTo(EndpointCheck.Status.OK);
    }

    @Test
    void anAppWhoseAuthenticationIsNotJwtFails() {
        assertThat(check("careful.acme.example", "/careful", "none")
                        .get(EndpointCheck.Aspect.CONNECT_AUTH)
                        .detail())
                .isEqualTo("the descriptor's authentication type is none, not jwt");
    }

    @Test
    void theForgedTokensAreWellFormedAndTheDefaultVectorsScoreWhatThePolicySays() {
        String qsh = ConnectCheck.qsh("POST", "/enabled");
        assertThat(qsh).hasSize(64);
        String[] parts = ConnectCheck.unsigned("warden-probe-x", java.time.Instant.EPOCH, qsh)
                .split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).isEmpty();
        assertThat(ConnectCheck.hs256("k", java.time.Instant.EPOCH, java.time.Instant.EPOCH, qsh)
                        .split("\\."))
                .hasSize(3);
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.CONNECT_AUTH.vector)
                        .baseScore())
                .isEqualTo(5.3);
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.CONNECT_JWT.vector)
                        .baseScore())
                .isEqualTo(8.8);
        assertThat(dev.warden.core.cvss.CvssVector.parse(EndpointCheck.Aspect.CONNECT_INSTALL.vector)
                        .baseScore())
                .isEqualTo(8.6);
    }
}
