package dev.warden.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden scan --upload APP VERSION FILE}: sends an artifact to a Warden server as a new version
 * of an app, with an API client's credentials (client credentials grant), waits for the server's scan
 * and returns what it found. The file is streamed from disk, never read whole into memory.
 */
final class ServerUpload {
    /** Exit code when the server cannot be reached, refuses the credentials or the upload, or the scan failed. */
    static final int SERVER = 4;

    /** What the server's scan found: its findings' count, whether it was incomplete, and the report. */
    record Outcome(int findings, boolean incomplete, String report) {}

    /** A refusal or failure to tell the user about, as it is. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private final URI server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final PrintWriter err;
    private final boolean quiet;

    ServerUpload(URI server, PrintWriter err, boolean quiet) {
        String s = server.toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.err = err;
        this.quiet = quiet;
    }

    /** An access token for the client, from the server's token endpoint. */
    String token(String clientId, String clientSecret) throws Failed {
        String basic =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        if (r.statusCode() != 200) {
            throw new Failed("the server refused the client credentials (HTTP " + r.statusCode() + ")");
        }
        return json(r).path("access_token").asString("");
    }

    /** Uploads the file as a new version; returns the version's address on the server. */
    String upload(String token, String app, String version, @Nullable String hosting, Path file) throws Failed {
        String boundary = "warden-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        field(head, boundary, "version", version);
        if (hosting != null) {
            field(head, boundary, "hosting", hosting);
        }
        String name = file.getFileName().toString().replaceAll("[\"\\r\\n]", "_");
        head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(name)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head.toString()),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (java.io.FileNotFoundException e) {
            throw new Failed("cannot read " + file);
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(versions(app))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30))
                .POST(body));
        if (r.statusCode() != 201) {
            throw new Failed("the server refused the upload (HTTP " + r.statusCode() + "): " + problem(r));
        }
        JsonNode added = json(r);
        if (!quiet) {
            err.println("uploaded " + app + " " + version + " ("
                    + added.path("hosting").asString("") + ", SHA-256 "
                    + added.path("sha256").asString("") + ", "
                    + added.path("size").asLong() + " bytes)");
        }
        return versions(app) + "/" + added.path("id").asLong();
    }

    /** Waits for the version's scan to finish, then fetches its report (SARIF, or the findings as JSON). */
    Outcome await(String token, String versionUrl, ScanCommand.Format format, Duration patience) throws Failed {
        long deadline = System.nanoTime() + patience.toNanos();
        String shown = "";
        while (true) {
            JsonNode scan = json(get(token, versionUrl)).path("scan");
            String status = scan.path("status").asString("QUEUED");
            if (status.equals("FINISHED")) {
                break;
            }
            if (status.equals("FAILED")) {
                throw new Failed(
                        "the server's scan failed: " + scan.path("failure").asString("no reason given"));
            }
            String line = "server scan " + status.toLowerCase(java.util.Locale.ROOT)
                    + (status.equals("RUNNING") ? ": " + scan.path("filesDone").asLong() + " files" : "");
            if (!quiet && !line.equals(shown)) {
                err.println(line);
                shown = line;
            }
            if (System.nanoTime() > deadline) {
                throw new Failed("the server's scan did not finish within " + patience.toMinutes()
                        + " min; follow it at " + versionUrl);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("interrupted while waiting for the server's scan");
            }
        }
        JsonNode results = json(get(token, versionUrl + "/findings"));
        int findings = results.path("findings").size();
        boolean incomplete = results.path("scan").path("incomplete").asBoolean(false);
        String report = switch (format) {
            case sarif -> get(token, versionUrl + "/sarif").body();
            case json -> results.toPrettyString() + "\n";
            case text -> text(results, versionUrl);
        };
        return new Outcome(findings, incomplete, report);
    }

    /** One line per finding, as the local text report shows them, then the problems. */
    private static String text(JsonNode results, String versionUrl) {
        StringBuilder out = new StringBuilder();
        for (JsonNode f : results.path("findings")) {
            out.append(f.path("path").asString(""))
                    .append(':')
                    .append(f.path("line").asInt())
                    .append(':')
                    .append(f.path("column").asInt())
                    .append(": ")
                    .append(f.path("rule").asString(""))
                    .append(": ")
                    .append(f.path("message").asString(""))
                    .append(" [")
                    .append(f.path("preview").asString(""))
                    .append(']');
            if (f.hasNonNull("ticket")) {
                out.append(" (").append(f.path("ticket").asString("")).append(')');
            }
            out.append('\n');
        }
        for (JsonNode p : results.path("problems")) {
            out.append(p.path("path").asString(""))
                    .append(": ")
                    .append(p.path("message").asString(""))
                    .append('\n');
        }
        out.append(results.path("findings").size())
                .append(" finding(s), ")
                .append(results.path("problems").size())
                .append(" problem(s); the server's scan: ")
                .append(versionUrl)
                .append('\n');
        return out.toString();
    }

    private URI versions(String app) {
        return URI.create(server + "/api/v1/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/versions");
    }

    private HttpResponse<String> get(String token, String url) throws Failed {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET());
        if (r.statusCode() != 200) {
            throw new Failed("the server answered HTTP " + r.statusCode() + " to " + url + ": " + problem(r));
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Failed {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failed("cannot reach " + server + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        } catch (IllegalArgumentException e) {
            throw new Failed("not a server address: " + server);
        }
    }

    private static void field(StringBuilder out, String boundary, String name, String value) {
        out.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n");
    }

    private static JsonNode json(HttpResponse<String> r) throws Failed {
        try {
            return JsonMapper.shared().readTree(r.body());
        } catch (RuntimeException e) {
            throw new Failed("the server's answer is not JSON (HTTP " + r.statusCode() + ")");
        }
    }

    /** The problem document's detail and field errors, or the start of the body. */
    private static String problem(HttpResponse<String> r) {
        try {
            JsonNode p = JsonMapper.shared().readTree(r.body());
            StringBuilder out =
                    new StringBuilder(p.path("detail").asString(p.path("title").asString("")));
            for (JsonNode e : p.path("errors")) {
                out.append("; ")
                        .append(e.path("pointer").asString(""))
                        .append(' ')
                        .append(e.path("message").asString(""));
            }
            return out.toString();
        } catch (RuntimeException e) {
            return r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
        }
    }
}
