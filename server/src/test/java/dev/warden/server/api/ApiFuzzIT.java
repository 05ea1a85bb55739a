package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClients;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends generated requests to every operation of the OpenAPI document, as every role and as nobody:
 * bodies built from each operation's schema and then broken (wrong types, missing and unknown fields,
 * huge, odd and invalid strings, deep nesting, not JSON at all), odd path ids and query values. Within a
 * time budget ({@code -Dwarden.fuzz.seconds}, default 40), round-robin over the operations so each is
 * reached. No answer may be a 5xx, every API error must be a problem document, and no refused request may
 * change anything: every change Warden makes is on the audit trail, so its head must not move.
 * In the build it sends the same three rounds (a fixed seed; at most 40 s), so the build never fails on
 * something new found by chance; look for new failures with {@code -Dwarden.fuzz.seed=random
 * -Dwarden.fuzz.seconds=600}. Reproduce a failure with the seed it prints ({@code -Dwarden.fuzz.seed=N}).
 */
@ExtendWith(DatabaseRequirement.class)
class ApiFuzzIT {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> ODD_STRINGS = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "x\udfffy",
            "<script>alert(1)</script>",
            "'; drop table tickets; --",
            "../../etc/passwd",
            "%00%2F%2e%2e",
            "\u202e\u0635\u0648\u0631\u0629",
            "😀".repeat(50),
            "x".repeat(10_000),
            "0000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "1970-01-01",
            "NaN",
            "-1",
            "9223372036854775808",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
            "${jndi:ldap://127.0.0.1/a}");
    private static final List<String> ODD_IDS = List.of(
            "0", "-1", "x", "AMS-999999", "9999999999999999999999", "%00", "..%2F..", "a".repeat(300), "%F0%9F%98%80");

    record Operation(String method, String path, @Nullable JsonNode body, List<JsonNode> parameters) {}

    record Caller(String role, @Nullable String token) {}

    record Finding(String what, String method, String path, String role, int status, String sent, String answer) {
        @Override
        public String toString() {
            return what + ": " + method + " " + path + " as " + role + " -> " + status + "\n  sent: " + clip(sent, 300)
                    + "\n  answer: " + clip(answer, 300);
        }
    }

    @Test
    void noGeneratedRequestGetsA5xxOrChangesAnythingWhenRefused() throws Exception {
        String given = System.getProperty("warden.fuzz.seed", "20261201");
        long seed = given.equals("random") ? System.nanoTime() : Long.parseLong(given);
        int seconds = Integer.getInteger("warden.fuzz.seconds", 40);
        int most = Integer.getInteger("warden.fuzz.rounds", given.equals("random") ? Integer.MAX_VALUE : 3);
        Random random = new Random(seed);
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Http admin = warden.admin();
            JsonNode spec = admin.get("/api/openapi.json").json();
            List<Operation> operations = operations(spec);
            assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(50);

            ApiClients clients = warden.bean(ApiClients.class);
            String partner = admin.get("/api/v1/partners?size=1")
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asString();
            List<Caller> callers = new ArrayList<>();
            Set<String> ours = new java.util.HashSet<>();
            callers.add(new Caller("nobody", null));
            for (Role role : Role.values()) {
                Permission[] scopes = Role.permissionsOf(Set.of(role)).toArray(Permission[]::new);
                ApiClients.RegisteredClient c =
                        TestClients.register(clients, role == Role.PARTNER ? partner : null, scopes);
                ours.add(c.client().clientId());
                callers.add(new Caller(
                        role.name(),
                        TestClients.token(new Http(warden.port()), c.client().clientId(), c.clientSecret())));
            }
            Map<String, List<String>> ids = knownIds(admin, operations, ours);

            JdbcClient jdbc = warden.bean(JdbcClient.class);
            // The oracle sees changes: a change that is made moves the audit trail's head.
            long start = head(jdbc);
            assertThat(admin.post(
                                    "/api/v1/partners",
                                    "{\"id\": \"fuzz-oracle\", \"name\": \"Oracle\", \"tier\": \"NONE\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(head(jdbc)).isGreaterThan(start);
            HttpClient http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            List<Finding> findings = new ArrayList<>();
            Map<String, Integer> statuses = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int sent = 0;
            int round = 0;
            while ((System.nanoTime() < deadline || round == 0) && round < most) {
                for (Operation op : operations) {
                    for (Caller caller : callers) {
                        String path = fill(op.path(), ids, random) + query(op, random);
                        byte[] body = body(op, random, round);
                        long before = head(jdbc);
                        HttpRequest.Builder request = HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + warden.port() + path))
                                .timeout(Duration.ofSeconds(60))
                                .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body));
                        request.header("Content-Type", random.nextInt(20) == 0 ? "text/plain" : "application/json");
                        if (caller.token() != null) {
                            request.header("Authorization", "Bearer " + caller.token());
                        }
                        HttpResponse<String> response;
                        try {
                            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException e) {
                            // Sent again on a new connection: a dropped keep-alive connection is the
                            // client's affair, no answer twice is the server's.
                            try {
                                response = HttpClient.newHttpClient()
                                        .send(request.build(), HttpResponse.BodyHandlers.ofString());
                                System.out.printf(
                                        "api fuzz: %s %s (%d bytes) answered only when sent again: %s%n",
                                        op.method(), path, body.length, e.getMessage());
                            } catch (java.io.IOException again) {
                                findings.add(new Finding(
                                        "no answer (" + again.getMessage() + ")",
                                        op.method(),
                                        path,
                                        caller.role(),
                                        0,
                                        new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8) + " ("
                                                + body.length + " bytes)",
                                        ""));
                                continue;
                            }
                        }
                        sent++;
                        int status = response.statusCode();
                        statuses.merge(Integer.toString(status), 1, Integer::sum);
                        String shown = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
                        if (status >= 500) {
                            findings.add(new Finding(
                                    "server error", op.method(), path, caller.role(), status, shown, response.body()));
                        }
                        if (status >= 400 && head(jdbc) != before) {
                            findings.add(new Finding(
                                    "refused but changed",
                                    op.method(),
                                    path,
                                    caller.role(),
                                    status,
                                    shown,
                                    response.body()));
                        }
                        if (status >= 400
                                && path.startsWith("/api/")
                                && !response.headers()
                                        .firstValue("Content-Type")
                                        .orElse("")
                                        .startsWith("application/problem+json")) {
                            findings.add(new Finding(
                                    "error that is not a problem",
                                    op.method(),
                                    path,
                                    caller.role(),
                                    status,
                                    shown,
                                    response.body()));
                        }
                    }
                    if (findings.size() > 20 || System.nanoTime() > deadline && round > 0) {
                        break;
                    }
                }
                round++;
                if (findings.size() > 20) {
                    break;
                }
            }
            System.out.printf(
                    "api fuzz: seed %d, %d operations x %d callers, %d rounds, %d requests, statuses %s%n",
                    seed, operations.size(), callers.size(), round, sent, statuses);
            assertThat(findings)
                    .as("seed " + seed + " (-Dwarden.fuzz.seed=" + seed + ")")
                    .isEmpty();
        }
    }

    /** Every operation of the document, with its request body schema (resolved) and parameters. */
    static List<Operation> operations(JsonNode spec) {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String verb = method.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                JsonNode op = method.getValue();
                JsonNode schema = op.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                List<JsonNode> parameters = new ArrayList<>();
                op.path("parameters").forEach(parameters::add);
                out.add(new Operation(
                        verb, path.getKey(), schema.isMissingNode() ? null : resolve(spec, schema, 0), parameters));
            }
        }
        return out;
    }

    /** The schema with its references replaced by what they name (to a depth, for recursive ones). */
    static JsonNode resolve(JsonNode spec, JsonNode schema, int depth) {
        if (depth > 6) {
            return JSON.objectNode();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            return resolve(spec, spec.path("components").path("schemas").path(name), depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JSON.objectNode();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            JsonNode value = e.getValue();
            if (e.getKey().equals("properties") && value.isObject()) {
                ObjectNode properties = JSON.objectNode();
                value.properties().forEach(p -> properties.set(p.getKey(), resolve(spec, p.getValue(), depth + 1)));
                copy.set("properties", properties);
            } else if (e.getKey().equals("items") || e.getKey().equals("additionalProperties")) {
                copy.set(e.getKey(), value.isObject() ? resolve(spec, value, depth + 1) : value);
            } else {
                copy.set(e.getKey(), value);
            }
        }
        return copy;
    }

    /** Ids that exist, per path parameter name and collection, from the demo marketplace's lists. */
    static Map<String, List<String>> knownIds(Http admin, List<Operation> operations, Set<String> ours) {
        Map<String, List<String>> ids = new HashMap<>();
        for (Operation op : operations) {
            int brace = op.path().indexOf('{');
            if (brace < 0 || !op.method().equals("GET")) {
                continue;
            }
            String collection = op.path().substring(0, brace - 1);
            String parameter = op.path().substring(brace + 1, op.path().indexOf('}'));
            Http.Response list = admin.get(collection + "?size=5");
            if (list.status() != 200 || !list.json().has("items")) {
                continue;
            }
            List<String> found = new ArrayList<>();
            for (JsonNode item : list.json().get("items")) {
                for (String field : List.of(parameter, "id", "key", "username", "clientId")) {
                    if (item.has(field) && item.get(field).isValueNode()) {
                        String value = item.get(field).asString();
                        if (!ours.contains(value)) {
                            found.add(value);
                        }
                        break;
                    }
                }
            }
            ids.put(collection + "/{" + parameter + "}", found);
        }
        return ids;
    }

    static String fill(String template, Map<String, List<String>> ids, Random random) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                return out.append(template.substring(at)).toString();
            }
            int close = template.indexOf('}', open);
            String key = template.substring(0, close + 1);
            List<String> known = ids.getOrDefault(key, List.of());
            String value = !known.isEmpty() && random.nextInt(3) > 0
                    ? URLEncoder.encode(known.get(random.nextInt(known.size())), StandardCharsets.UTF_8)
                    : ODD_IDS.get(random.nextInt(ODD_IDS.size()));
            out.append(template, at, open).append(value);
            at = close + 1;
        }
    }

    static String query(Operation op, Random random) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode p : op.parameters()) {
            if (!"query".equals(p.path("in").asString()) || random.nextBoolean()) {
                continue;
            }
            String value = switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(2_000_001) - 1_000_000);
                case 1 ->
                    p.path("schema").path("enum").isArray()
                                    && !p.path("schema").path("enum").isEmpty()
                            ? p.path("schema").path("enum").get(0).asString()
                            : "2026-06-01T00:00:00Z";
                default -> ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()));
            };
            pairs.add(p.path("name").asString() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** A body for the operation: valid-looking from its schema, then broken in one of many ways. */
    static byte[] body(Operation op, Random random, int round) {
        if (op.method().equals("GET") || op.method().equals("DELETE")) {
            return random.nextInt(10) == 0 ? "{\"unexpected\": true}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        }
        JsonNode schema = op.body() == null ? JSON.objectNode() : op.body();
        JsonNode valid = example(schema, random, 0);
        int kind = (round + random.nextInt(14)) % 14;
        String text = switch (kind) {
            case 0 -> valid.toString();
            case 1 ->
                mutate(valid, random, v -> JSON.numberNode(random.nextInt())).toString();
            case 2 ->
                mutate(valid, random, v -> JSON.stringNode(ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()))))
                        .toString();
            case 3 -> mutate(valid, random, v -> JSON.nullNode()).toString();
            case 4 -> mutate(valid, random, v -> JSON.arrayNode().add(v)).toString();
            case 5 -> withExtra(valid).toString();
            case 6 -> "[" + valid + "]";
            case 7 -> "\"" + "x".repeat(random.nextInt(1000)) + "\"";
            case 8 -> valid.toString().substring(0, Math.max(0, valid.toString().length() / 2));
            case 9 -> "[".repeat(5000) + "]".repeat(5000);
            case 10 ->
                mutate(valid, random, v -> JSON.stringNode("y".repeat(1_200_000)))
                        .toString();
            case 11 ->
                mutate(valid, random, v -> JSON.numberNode(new java.math.BigDecimal("1e400")))
                        .toString();
            case 12 -> "";
            default -> null;
        };
        if (text == null) {
            // Not UTF-8 at all.
            byte[] raw = valid.toString().getBytes(StandardCharsets.UTF_8);
            byte[] broken = java.util.Arrays.copyOf(raw, raw.length + 4);
            broken[raw.length] = (byte) 0xC3;
            broken[raw.length + 1] = (byte) 0x28;
            broken[raw.length + 2] = (byte) 0xFF;
            broken[raw.length + 3] = (byte) 0xFE;
            return broken;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode example(JsonNode schema, Random random, int depth) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        String type = schema.path("type").asString("object");
        String format = schema.path("format").asString("");
        return switch (type) {
            case "string" ->
                JSON.stringNode(
                        format.equals("date-time")
                                ? "2026-06-01T09:00:00Z"
                                : format.equals("date") ? "2026-06-01" : "fuzz-" + random.nextInt(1000));
            case "integer" -> JSON.numberNode(random.nextInt(100));
            case "number" -> JSON.numberNode(random.nextDouble() * 10);
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                if (depth < 4) {
                    array.add(example(schema.path("items"), random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.objectNode();
                if (depth < 4) {
                    schema.path("properties")
                            .properties()
                            .forEach(p -> object.set(p.getKey(), example(p.getValue(), random, depth + 1)));
                }
                yield object;
            }
        };
    }

    /** The value with one field (at any depth) replaced by what {@code change} makes of it. */
    static JsonNode mutate(JsonNode value, Random random, java.util.function.UnaryOperator<JsonNode> change) {
        if (value instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            ObjectNode copy = object.deepCopy();
            JsonNode inner = copy.get(name);
            copy.set(
                    name,
                    random.nextBoolean() && inner.isContainer() ? mutate(inner, random, change) : change.apply(inner));
            return copy;
        }
        return change.apply(value);
    }

    static JsonNode withExtra(JsonNode value) {
        if (value instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.put("notAField", "surprise");
            return copy;
        }
        return value;
    }

    static long head(JdbcClient jdbc) {
        return jdbc.sql("select seq from audit_head where id = 1")
                .query(Long.class)
                .single();
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
