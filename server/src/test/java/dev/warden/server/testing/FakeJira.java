package dev.warden.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Jira Cloud site on the loopback interface, for the tests: one project, a workflow in which every
 * status can move to every other, users found by email, and the REST v3 resources Warden uses (myself,
 * project, user search, issue create/get/edit, transitions, comments, JQL search), answered in Jira's
 * wire format. Only the API token it was made with is let in. It can be told to answer 429 with
 * {@code Retry-After} for a number of requests, and lets a test change an issue as a person would.
 */
public final class FakeJira implements AutoCloseable {
    public static final String ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> STATUSES = List.of(
            "Needs Triage",
            "Needs Security Review",
            "Needs Patch",
            "Extension Requested",
            "Waiting For Release",
            "Patched",
            "Duplicate",
            "Not Applicable");

    /** One request as it arrived. */
    public record Request(String method, String path, String body) {}

    private final HttpServer server;
    private final String authorization;
    private final String project;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> comments = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(10000);
    private final AtomicInteger throttled = new AtomicInteger();

    public FakeJira(String email, String apiToken, String project) throws IOException {
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        this.project = project;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Jira user the user search finds by this email. */
    public FakeJira user(String email, String accountId) {
        users.put(email, accountId);
        return this;
    }

    /** The next {@code n} requests are answered 429 Too Many Requests, Retry-After 1 second. */
    public void throttle(int n) {
        throttled.set(n);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<ObjectNode> issues() {
        return List.copyOf(issues.values());
    }

    public synchronized @Nullable ObjectNode issueByLabel(String label) {
        return issues.values().stream()
                .filter(i -> i.path("fields")
                        .path("labels")
                        .valueStream()
                        .anyMatch(l -> l.asString().equals(label)))
                .findFirst()
                .orElse(null);
    }

    public synchronized List<String> commentsOf(String issueId) {
        return comments.getOrDefault(issueId, List.of()).stream()
                .map(c -> c.path("body").path("content").toString())
                .toList();
    }

    /** A person changes a field in Jira (no webhook is sent: the test sends it, or the poll finds it). */
    public synchronized void edit(String issueId, String field, JsonNode value) {
        ((ObjectNode) issues.get(issueId).get("fields")).set(field, value);
    }

    /** A person moves an issue to a status. */
    public synchronized void move(String issueId, String status) {
        edit(issueId, "status", status(status));
    }

    /** A person comments on an issue in Jira; answers the comment as Jira's webhook and API show it. */
    public synchronized ObjectNode comment(String issueId, String accountId, String name, String text) {
        ObjectNode c = JSON.createObjectNode();
        c.put("self", url() + "/rest/api/3/issue/" + issueId + "/comment/" + ids.incrementAndGet());
        c.put("id", String.valueOf(ids.get()));
        c.set("author", account(accountId, name));
        ObjectNode body = c.putObject("body");
        body.put("type", "doc");
        body.put("version", 1);
        ObjectNode p = body.putArray("content").addObject();
        p.put("type", "paragraph");
        ObjectNode t = p.putArray("content").addObject();
        t.put("type", "text");
        t.put("text", text);
        comments.computeIfAbsent(issueId, k -> new ArrayList<>()).add(c);
        return c;
    }

    private void handle(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = x.getRequestURI().getRawPath();
        requests.add(new Request(x.getRequestMethod(), path, body));
        try {
            if (!authorization.equals(x.getRequestHeaders().getFirst("authorization"))) {
                send(x, 401, errors("You are not authenticated. Authentication required to perform this operation."));
                return;
            }
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                x.getResponseHeaders().add("Retry-After", "1");
                send(x, 429, errors("Rate limit exceeded."));
                return;
            }
            synchronized (this) {
                route(x, x.getRequestMethod(), path, query(x.getRequestURI().getRawQuery()), body);
            }
        } catch (RuntimeException e) {
            send(x, 500, errors("fake Jira failed: " + e));
        }
    }

    private void route(HttpExchange x, String method, String path, Map<String, String> query, String body)
            throws IOException {
        Matcher issue = Pattern.compile("/rest/api/3/issue/([^/]+)(/transitions|/comment)?")
                .matcher(path);
        if (method.equals("GET") && path.equals("/rest/api/3/myself")) {
            ObjectNode me = account(ACCOUNT, "Warden Bot");
            send(x, 200, me);
        } else if (method.equals("GET") && path.equals("/rest/api/3/project/" + project)) {
            ObjectNode p = JSON.createObjectNode();
            p.put("self", url() + "/rest/api/3/project/10000");
            p.put("id", "10000");
            p.put("key", project);
            p.put("name", "Marketplace Security");
            send(x, 200, p);
        } else if (method.equals("GET") && path.startsWith("/rest/api/3/project/")) {
            send(x, 404, errors("No project could be found with key '" + path.substring(20) + "'."));
        } else if (method.equals("GET") && path.equals("/rest/api/3/user/search")) {
            ArrayNode found = JSON.createArrayNode();
            String account = users.get(query.getOrDefault("query", ""));
            if (account != null) {
                found.add(account(account, "Security contact"));
            }
            send(x, 200, found);
        } else if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
            create(x, JSON.readTree(body));
        } else if (method.equals("POST")
                && (path.equals("/rest/api/3/search") || path.equals("/rest/api/3/search/jql"))) {
            search(x, JSON.readTree(body), path.endsWith("/jql"));
        } else if (issue.matches() && issues.containsKey(issue.group(1))) {
            String id = issue.group(1);
            String sub = issue.group(2) == null ? "" : issue.group(2);
            if (sub.isEmpty() && method.equals("GET")) {
                send(x, 200, issues.get(id));
            } else if (sub.isEmpty() && method.equals("PUT")) {
                JSON.readTree(body).path("fields").properties().forEach(f -> edit(id, f.getKey(), f.getValue()));
                send(x, 204, null);
            } else if (sub.equals("/transitions") && method.equals("GET")) {
                send(x, 200, transitions());
            } else if (sub.equals("/transitions") && method.equals("POST")) {
                int to = Integer.parseInt(
                        JSON.readTree(body).path("transition").path("id").asString());
                move(id, STATUSES.get(to - 11));
                send(x, 204, null);
            } else if (sub.equals("/comment") && method.equals("POST")) {
                ObjectNode c = JSON.createObjectNode();
                c.put("self", url() + "/rest/api/3/issue/" + id + "/comment/" + ids.incrementAndGet());
                c.put("id", String.valueOf(ids.get()));
                c.set("author", account(ACCOUNT, "Warden Bot"));
                c.set("body", JSON.readTree(body).path("body"));
                comments.computeIfAbsent(id, k -> new ArrayList<>()).add(c);
                send(x, 201, c);
            } else {
                send(x, 405, errors("not here"));
            }
        } else if (issue.matches()) {
            send(x, 404, errors("Issue does not exist or you do not have permission to see it."));
        } else {
            send(x, 404, errors("no such resource in the fake Jira"));
        }
    }

    private void create(HttpExchange x, JsonNode body) throws IOException {
        JsonNode f = body.path("fields");
        if (!f.path("project").path("key").asString("").equals(project)) {
            ObjectNode e = errors(null);
            ((ObjectNode) e.get("errors")).put("project", "valid project is required");
            send(x, 400, e);
            return;
        }
        String id = String.valueOf(ids.incrementAndGet());
        String key = project + "-" + (issues.size() + 1);
        ObjectNode i = JSON.createObjectNode();
        i.put("id", id);
        i.put("key", key);
        i.put("self", url() + "/rest/api/3/issue/" + id);
        ObjectNode fields = (ObjectNode) f.deepCopy();
        fields.set("status", status(STATUSES.get(2)));
        i.set("fields", fields);
        issues.put(id, i);
        ObjectNode created = JSON.createObjectNode();
        created.put("id", id);
        created.put("key", key);
        created.put("self", url() + "/rest/api/3/issue/" + id);
        send(x, 201, created);
    }

    private void search(HttpExchange x, JsonNode body, boolean enhanced) throws IOException {
        String jql = body.path("jql").asString("");
        Matcher label = Pattern.compile("labels = \"([^\"]+)\"").matcher(jql);
        List<String> labels = new ArrayList<>();
        while (label.find()) {
            labels.add(label.group(1));
        }
        ArrayNode found = JSON.createArrayNode();
        for (ObjectNode i : issues.values()) {
            List<String> has = i.path("fields")
                    .path("labels")
                    .valueStream()
                    .map(JsonNode::asString)
                    .toList();
            if (has.containsAll(labels)) {
                ObjectNode withComments = i.deepCopy();
                ObjectNode page = ((ObjectNode) withComments.get("fields")).putObject("comment");
                List<ObjectNode> of = comments.getOrDefault(i.get("id").asString(), List.of());
                page.put("startAt", 0);
                page.put("maxResults", of.size());
                page.put("total", of.size());
                ArrayNode list = page.putArray("comments");
                of.forEach(list::add);
                found.add(withComments);
            }
        }
        ObjectNode page = JSON.createObjectNode();
        if (enhanced) {
            page.put("isLast", true);
        } else {
            page.put("startAt", 0);
            page.put("maxResults", body.path("maxResults").asInt(50));
            page.put("total", found.size());
        }
        page.set("issues", found);
        send(x, 200, page);
    }

    private ObjectNode transitions() {
        ObjectNode t = JSON.createObjectNode();
        ArrayNode list = t.putArray("transitions");
        for (int i = 0; i < STATUSES.size(); i++) {
            ObjectNode tr = list.addObject();
            tr.put("id", String.valueOf(11 + i));
            tr.put("name", STATUSES.get(i));
            tr.set("to", status(STATUSES.get(i)));
        }
        return t;
    }

    private ObjectNode status(String name) {
        ObjectNode s = JSON.createObjectNode();
        s.put("self", url() + "/rest/api/3/status/" + (STATUSES.indexOf(name) + 1));
        s.put("id", String.valueOf(STATUSES.indexOf(name) + 1));
        s.put("name", name);
        return s;
    }

    private ObjectNode account(String accountId, String name) {
        ObjectNode u = JSON.createObjectNode();
        u.put("self", url() + "/rest/api/3/user?accountId=" + accountId);
        u.put("accountId", accountId);
        u.put("accountType", "atlassian");
        u.put("displayName", name);
        u.put("active", true);
        return u;
    }

    private static ObjectNode errors(@Nullable String message) {
        ObjectNode e = JSON.createObjectNode();
        ArrayNode messages = e.putArray("errorMessages");
        if (message != null) {
            messages.add(message);
        }
        e.putObject("errors");
        return e;
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange x, int status, @Nullable JsonNode body) throws IOException {
        if (body == null) {
            // Jira's description gives its 204 answers an application/json media type.
            x.getResponseHeaders().add("content-type", "application/json;charset=UTF-8");
            x.sendResponseHeaders(status, -1);
            x.close();
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("content-type", "application/json;charset=UTF-8");
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
