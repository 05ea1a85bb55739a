package dev.warden.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bugcrowd's REST API (v4, JSON:API) on the loopback interface, for the tests: {@code GET /programs}
 * and {@code GET /submissions} with the parameters Warden uses ({@code filter[program]} by code,
 * {@code fields[...]}, {@code include}, {@code sort=submitted-desc}, {@code page[limit]} at most 100 and
 * {@code page[offset]} at most 9,900), answered as Bugcrowd's API description shows: submissions with
 * their target, CVSS vector and monetary rewards as included resources. Only the token it was made with
 * is let in, the v4 media type and a {@code Bugcrowd-Version} are required, and it can be told to answer
 * 429 with {@code Retry-After} for a number of requests.
 */
public final class FakeBugcrowd implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** One request as it arrived. */
    public record Request(
            String path,
            Map<String, String> query,
            @Nullable String version) {}

    /** A submission the test changes as Bugcrowd's people would. */
    public static final class Submission {
        final String id = UUID.randomUUID().toString();
        final String program;
        String title;
        String state = "new";

        @Nullable
        Integer severity;

        @Nullable
        String target;

        String submittedAt;

        @Nullable
        String triagedAt;

        @Nullable
        String notApplicableAt;

        @Nullable
        String resolvedAt;

        boolean duplicate;

        @Nullable
        Submission duplicateOf;

        @Nullable
        Double cvss;

        final List<long[]> rewards = new ArrayList<>();
        final List<String> rewardedAt = new ArrayList<>();

        Submission(String program, String title, String submittedAt) {
            this.program = program;
            this.title = title;
            this.submittedAt = submittedAt;
        }

        public String id() {
            return id;
        }

        public Submission severity(@Nullable Integer p) {
            severity = p;
            return this;
        }

        public Submission target(String name) {
            target = name;
            return this;
        }

        public Submission cvss(double score) {
            cvss = score;
            return this;
        }

        public Submission triaged(String at) {
            state = "triaged";
            triagedAt = at;
            return this;
        }

        public Submission notApplicable(String at) {
            state = "not_applicable";
            notApplicableAt = at;
            return this;
        }

        public Submission resolved(String at) {
            state = "resolved";
            resolvedAt = at;
            return this;
        }

        public Submission duplicateOf(Submission original) {
            duplicate = true;
            duplicateOf = original;
            return this;
        }

        public Submission reward(long cents, String at) {
            rewards.add(new long[] {cents});
            rewardedAt.add(at);
            return this;
        }
    }

    private final HttpServer server;
    private final String authorization;
    private final Map<String, List<Submission>> programs = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();

    public FakeBugcrowd(String token, String... programCodes) throws IOException {
        this.authorization = "Token " + token;
        for (String code : programCodes) {
            programs.put(code, new ArrayList<>());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new submission in a program, submitted at an instant (ISO-8601). */
    public synchronized Submission submit(String program, String title, String submittedAt) {
        Submission s = new Submission(program, title, submittedAt);
        programs.get(program).add(s);
        return s;
    }

    /** Answers the next {@code n} requests with 429 and {@code Retry-After: 1}. */
    public void throttle(int n) {
        throttled.set(n);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> query = query(x.getRequestURI().getRawQuery());
        String path = x.getRequestURI().getRawPath();
        requests.add(new Request(path, query, x.getRequestHeaders().getFirst("bugcrowd-version")));
        try {
            if (!authorization.equals(x.getRequestHeaders().getFirst("authorization"))) {
                send(x, 401, errors("401", "Unauthorized", "Invalid or missing credentials."));
                return;
            }
            if (!"application/vnd.bugcrowd.v4+json".equals(x.getRequestHeaders().getFirst("accept"))
                    || x.getRequestHeaders().getFirst("bugcrowd-version") == null) {
                send(x, 400, errors("400", "Bad Request", "v4 media type and a Bugcrowd-Version are required"));
                return;
            }
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                x.getResponseHeaders().add("Retry-After", "1");
                send(x, 429, errors("429", "Too Many Requests", "Rate limit exceeded"));
                return;
            }
            int limit = Integer.parseInt(query.getOrDefault("page[limit]", "25"));
            int offset = Integer.parseInt(query.getOrDefault("page[offset]", "0"));
            if (limit > 100 || offset > 9900 || offset < 0) {
                send(
                        x,
                        400,
                        errors("400", "Bad Request", "The property '#/page/limit' or '#/page/offset' is out of range"));
                return;
            }
            synchronized (this) {
                if (x.getRequestMethod().equals("GET") && path.equals("/programs")) {
                    programs(x, limit, offset);
                } else if (x.getRequestMethod().equals("GET") && path.equals("/submissions")) {
                    submissions(x, query, limit, offset);
                } else if (x.getRequestMethod().equals("GET") && path.startsWith("/submissions/")) {
                    one(x, path.substring("/submissions/".length()));
                } else {
                    send(x, 404, errors("404", "Not Found", "The requested resource could not be found."));
                }
            }
        } catch (RuntimeException e) {
            send(x, 500, errors("500", "Internal Server Error", "fake Bugcrowd failed: " + e));
        }
    }

    private void programs(HttpExchange x, int limit, int offset) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        List<String> codes = new ArrayList<>(programs.keySet());
        for (String code : codes.subList(Math.min(offset, codes.size()), Math.min(offset + limit, codes.size()))) {
            ObjectNode p = data.addObject();
            p.put(
                    "id",
                    UUID.nameUUIDFromBytes(code.getBytes(StandardCharsets.UTF_8))
                            .toString());
            p.put("type", "program");
            p.putObject("attributes").put("code", code);
        }
        page.putArray("included");
        page.putObject("meta").put("count", data.size()).put("total_hits", codes.size());
        send(x, 200, page);
    }

    private void submissions(HttpExchange x, Map<String, String> query, int limit, int offset) throws IOException {
        String program = query.get("filter[program]");
        List<Submission> all = program == null
                ? programs.values().stream().flatMap(List::stream).toList()
                : programs.getOrDefault(program, List.of());
        List<Submission> sorted = new ArrayList<>(all);
        if ("submitted-desc".equals(query.get("sort"))) {
            sorted.sort(Comparator.comparing((Submission s) -> s.submittedAt).reversed());
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        ArrayNode included = page.putArray("included");
        for (Submission s : sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size()))) {
            write(s, data.addObject(), included);
        }
        page.putObject("meta").put("count", data.size()).put("total_hits", sorted.size());
        send(x, 200, page);
    }

    /** {@code GET /submissions/{id}}, with the program included (its code) as {@code include=program} asks. */
    private void one(HttpExchange x, String id) throws IOException {
        Submission found = programs.values().stream()
                .flatMap(List::stream)
                .filter(s -> s.id.equals(id))
                .findFirst()
                .orElse(null);
        if (found == null) {
            send(x, 404, errors("404", "Not Found", "The requested resource could not be found."));
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode included = answer.putArray("included");
        ObjectNode d = answer.putObject("data");
        write(found, d, included);
        String programId = UUID.nameUUIDFromBytes(found.program.getBytes(StandardCharsets.UTF_8))
                .toString();
        ((ObjectNode) d.get("relationships"))
                .putObject("program")
                .putObject("data")
                .put("id", programId)
                .put("type", "program");
        ObjectNode p = included.addObject();
        p.put("id", programId).put("type", "program");
        p.putObject("attributes").put("code", found.program);
        send(x, 200, answer);
    }

    private static void write(Submission s, ObjectNode d, ArrayNode included) {
        d.put("id", s.id);
        d.put("type", "submission");
        ObjectNode a = d.putObject("attributes");
        a.put("title", s.title);
        a.put("state", s.state);
        if (s.severity == null) {
            a.putNull("severity");
        } else {
            a.put("severity", s.severity);
        }
        a.put("duplicate", s.duplicate);
        a.put("submitted_at", s.submittedAt);
        putTime(a, "last_transitioned_to_triaged_at", s.triagedAt);
        putTime(a, "last_transitioned_to_not_applicable_at", s.notApplicableAt);
        putTime(a, "last_transitioned_to_resolved_at", s.resolvedAt);
        ObjectNode rel = d.putObject("relationships");
        if (s.target != null) {
            String targetId = UUID.nameUUIDFromBytes(s.target.getBytes(StandardCharsets.UTF_8))
                    .toString();
            rel.putObject("target").putObject("data").put("id", targetId).put("type", "target");
            ObjectNode t = included.addObject();
            t.put("id", targetId).put("type", "target");
            t.putObject("attributes").put("name", s.target).put("category", "website");
        }
        if (s.cvss != null) {
            String cvssId = UUID.nameUUIDFromBytes(("cvss" + s.id).getBytes(StandardCharsets.UTF_8))
                    .toString();
            rel.putObject("cvss_vector").putObject("data").put("id", cvssId).put("type", "cvss_vector");
            ObjectNode c = included.addObject();
            c.put("id", cvssId).put("type", "cvss_vector");
            c.putObject("attributes").put("score", s.cvss).put("version", "3.1");
        }
        ArrayNode rewards = rel.putObject("monetary_rewards").putArray("data");
        for (int i = 0; i < s.rewards.size(); i++) {
            String rewardId = UUID.nameUUIDFromBytes(("reward" + s.id + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            rewards.addObject().put("id", rewardId).put("type", "monetary_reward");
            ObjectNode r = included.addObject();
            r.put("id", rewardId).put("type", "monetary_reward");
            ObjectNode ra = r.putObject("attributes");
            ra.put("amount_cents", s.rewards.get(i)[0]);
            ra.put("rewarded_at", s.rewardedAt.get(i));
            ra.put("created_at", s.rewardedAt.get(i));
            ra.putNull("cancelled_at");
        }
        if (s.duplicateOf != null) {
            rel.putObject("duplicate_of")
                    .putObject("data")
                    .put("id", s.duplicateOf.id)
                    .put("type", "submission");
        } else {
            rel.putObject("duplicate_of").putNull("data");
        }
    }

    private static void putTime(ObjectNode a, String field, @Nullable String at) {
        if (at == null) {
            a.putNull(field);
        } else {
            a.put(field, at);
        }
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static ObjectNode errors(String status, String title, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors")
                .addObject()
                .put("status", status)
                .put("title", title)
                .put("detail", detail);
        return body;
    }

    private static void send(HttpExchange x, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.getResponseHeaders().add("X-Bugcrowd-Media-Type", "bugcrowd.v4; format=json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
