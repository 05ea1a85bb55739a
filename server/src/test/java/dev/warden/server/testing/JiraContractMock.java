package dev.warden.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Prism, the OpenAPI contract mock from npm, run as a validating proxy in front of a {@link FakeJira}
 * with Atlassian's published Jira Cloud v3 description: a request that does not fit the schema (or an
 * answer of the fake that does not) is refused with 422 or 500 instead of being forwarded, so a test
 * passes only when everything Warden sends is what real Jira accepts. Prism comes from
 * {@link NodeTools}.
 */
public final class JiraContractMock implements AutoCloseable {
    private static final Path SPEC = Path.of("src/test/resources/jira/platform-swagger.v3.json");

    private final Process prism;
    private final int port;
    private final Path log;
    private @Nullable HttpServer front;

    private JiraContractMock(Process prism, int port, Path log) {
        this.prism = prism;
        this.port = port;
        this.log = log;
    }

    /** Prism proxying to {@code upstream}, validating both ways; waits until it listens. */
    public static JiraContractMock start(String upstream) throws IOException, InterruptedException {
        Path bin = NodeTools.bin("prism");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("prism", ".log");
        Process p = new ProcessBuilder(List.of(
                        bin.toString(),
                        "proxy",
                        SPEC.toAbsolutePath().toString(),
                        upstream,
                        "--errors",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        JiraContractMock mock = new JiraContractMock(p, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Prism stopped: " + mock.log());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                mock.front = front(port);
                return mock;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        mock.close();
        throw new IllegalStateException("Prism did not listen within 90 s: " + mock.log());
    }

    /** Where Warden is pointed: the relay in front of Prism. */
    public String url() {
        return "http://127.0.0.1:"
                + java.util.Objects.requireNonNull(front).getAddress().getPort();
    }

    /**
     * A relay in front of Prism that passes everything through as it is, except that a 204 answer
     * leaves without a body: Prism 5.16 sends {@code Content-Length: 2} on 204 answers, which HTTP
     * forbids and the JDK's client rightly refuses; Jira itself sends no body there.
     */
    private static HttpServer front(int prismPort) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", x -> {
            byte[] request;
            try (InputStream in = x.getRequestBody()) {
                request = in.readAllBytes();
            }
            HttpURLConnection c = (HttpURLConnection) URI.create(
                            "http://127.0.0.1:" + prismPort + x.getRequestURI().toString())
                    .toURL()
                    .openConnection();
            c.setRequestMethod(x.getRequestMethod());
            x.getRequestHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("host")) {
                    v.forEach(value -> c.addRequestProperty(k, value));
                }
            });
            if (request.length > 0) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(request);
                }
            }
            int status = c.getResponseCode();
            InputStream answer = status >= 400 ? c.getErrorStream() : status == 204 ? null : c.getInputStream();
            byte[] body = answer == null ? new byte[0] : answer.readAllBytes();
            c.getHeaderFields().forEach((k, v) -> {
                if (k != null
                        && !k.equalsIgnoreCase("content-length")
                        && !k.equalsIgnoreCase("transfer-encoding")
                        && !k.equalsIgnoreCase("connection")
                        && !k.equalsIgnoreCase("keep-alive")) {
                    v.forEach(value -> x.getResponseHeaders().add(k, value));
                }
            });
            x.sendResponseHeaders(status, status == 204 || body.length == 0 ? -1 : body.length);
            if (status != 204 && body.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            }
            x.close();
        });
        server.start();
        return server;
    }

    /** What Prism logged: each request, and each violation it found. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (front != null) {
            front.stop(0);
        }
        prism.descendants().forEach(ProcessHandle::destroy);
        prism.destroy();
        try {
            prism.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prism.destroyForcibly();
    }
}
