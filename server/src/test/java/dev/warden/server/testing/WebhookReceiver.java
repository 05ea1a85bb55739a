package dev.warden.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on the loopback interface that receives webhooks: it records every request (its
 * headers in lower case and its body) and answers 204, or what the test scripted for the next requests
 * (a status, or a pause before answering).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private record Answer(int status, Duration pause) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
                Answer answer = script.poll();
                if (answer != null && !answer.pause().isZero()) {
                    Thread.sleep(answer.pause().toMillis());
                }
                int status = answer == null ? 204 : answer.status();
                byte[] text = status >= 400 ? "receiver says no".getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.sendResponseHeaders(status, text.length == 0 ? -1 : text.length);
                if (text.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(text);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the sender gave up waiting: nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next request with this status. */
    public WebhookReceiver thenAnswer(int status) {
        script.add(new Answer(status, Duration.ZERO));
        return this;
    }

    /** Waits this long before answering the next request (204). */
    public WebhookReceiver thenPause(Duration pause) {
        script.add(new Answer(204, pause));
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
