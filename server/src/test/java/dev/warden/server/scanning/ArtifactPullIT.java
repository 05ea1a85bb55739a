package dev.warden.server.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Versions registered without a file are pulled from the marketplace's artifact source: a real HTTP
 * server on loopback that redirects, loops, sends too much, or sends too slowly.
 */
@ExtendWith(DatabaseRequirement.class)
class ArtifactPullIT {
    static final String SECRET = Artifacts.clientSecret(23);
    static final byte[] JAR = Artifacts.zip(
            Map.of("config.properties", ("client_secret=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8)));

    static HttpServer source;
    static FreshWarden warden;
    static Http admin;

    @BeforeAll
    static void start() throws IOException {
        source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        source.setExecutor(Executors.newCachedThreadPool());
        source.createContext("/download/", ArtifactPullIT::serve);
        source.start();
        warden = FreshWarden.start(Map.of(
                "warden.jobs.polling-interval",
                "1s",
                "warden.scanning.poll-interval",
                "1s",
                "warden.scanning.max-artifact-size",
                "64KB",
                "warden.scanning.source.timeout",
                "3s",
                "warden.scanning.source.max-redirects",
                "3",
                "warden.scanning.source.url-template",
                "http://127.0.0.1:" + source.getAddress().getPort() + "/download/{app}/{version}?build={buildNumber}"));
        admin = warden.admin();
        ok(admin.post("/api/v1/partners", """
                {"id": "acme", "name": "Acme", "tier": "SILVER", "securityContacts": [
                  {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                """));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                 "listings": [{"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 5}]}
                """));
    }

    @AfterAll
    static void stop() {
        warden.close();
        source.stop(0);
    }

    /** /download/{app}/{version}: what each version's address does. */
    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String version = path.substring(path.lastIndexOf('/') + 1);
        try (exchange) {
            switch (version) {
                case "1.0.0" -> redirect(exchange, "/download/files/app-1.0.0.jar");
                case "app-1.0.0.jar" -> send(exchange, JAR, JAR.length);
                case "loop" -> redirect(exchange, "/download/com.acme.app/loop");
                case "far" -> redirect(exchange, "/download/hop/far1");
                case "far1" -> redirect(exchange, "/download/hop/far2");
                case "far2" -> redirect(exchange, "/download/hop/far3");
                case "far3" -> redirect(exchange, "/download/hop/far4");
                case "big" -> send(exchange, new byte[200 * 1024], 200 * 1024);
                case "big-chunked" -> send(exchange, new byte[200 * 1024], 0);
                case "slow" -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    for (int i = 0; i < 100; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(200);
                    }
                }
                case "gone" -> send(exchange, new byte[0], -1, 404);
                default -> send(exchange, new byte[0], -1, 500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client hung up: what a cut-off download looks like from here.
        }
    }

    static void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(302, -1);
    }

    static void send(HttpExchange exchange, byte[] body, long length) throws IOException {
        send(exchange, body, length, 200);
    }

    static void send(HttpExchange exchange, byte[] body, long length, int status) throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    /** Registers a version without a file and waits until its pull succeeded (and was scanned) or failed. */
    static JsonNode pulled(String version) throws InterruptedException {
        Http.Response r = admin.multipart(
                "/api/v1/apps/com.acme.app/versions",
                Map.of("version", version, "buildNumber", "42"),
                null,
                new byte[0]);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode v = r.json();
        assertThat(v.get("source").asString()).isEqualTo("PULL");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            v = ok(admin.get("/api/v1/apps/com.acme.app/versions/" + v.get("id").asLong()));
            String scan = v.path("scan").path("status").asString("");
            if (v.has("pullError") || scan.equals("FINISHED") || scan.equals("FAILED")) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the pull did not end: " + v);
    }

    @Test
    void aVersionIsPulledThroughARedirectStoredAndScanned() throws Exception {
        JsonNode v = pulled("1.0.0");
        assertThat(v.has("pullError")).as(v.toString()).isFalse();
        assertThat(v.get("fileName").asString()).isEqualTo("app-1.0.0.jar");
        assertThat(v.get("size").asLong()).isEqualTo(JAR.length);
        assertThat(v.get("scan").get("status").asString()).isEqualTo("FINISHED");
        JsonNode results = ok(admin.get("/api/v1/apps/com.acme.app/versions/" + v.get("id") + "/findings"));
        assertThat(results.get("findings").valueStream().map(f -> f.get("path").asString()))
                .containsExactly("app-1.0.0.jar!/config.properties");
    }

    @Test
    void aRedirectLoopTooManyRedirectsAndErrorsFailThePullWithTheReason() throws Exception {
        assertThat(pulled("loop").get("pullError").asString()).startsWith("redirect loop at http://127.0.0.1:");
        assertThat(pulled("far").get("pullError").asString()).startsWith("more than 3 redirects from");
        assertThat(pulled("gone").get("pullError").asString()).startsWith("HTTP 404 from");
    }

    @Test
    void aBodyTooLargeIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        assertThat(pulled("big").get("pullError").asString())
                .contains("larger than the 64 KiB Warden accepts")
                .contains("declares 204800 bytes");
        assertThat(pulled("big-chunked").get("pullError").asString()).contains("larger than");
    }

    @Test
    void aSlowServerIsCutOffAtTheTimeLimitAndThePullCanBeAskedForAgain() throws Exception {
        long started = System.nanoTime();
        JsonNode v = pulled("slow");
        assertThat(v.get("pullError").asString())
                .contains("took longer than 3 s")
                .contains("warden.scanning.source.timeout");
        assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(15);
        Http.Response again = admin.post("/api/v1/apps/com.acme.app/versions/" + v.get("id") + "/scans", "");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }
}
