package dev.warden.core.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema of Warden's (docs/schema), used to check whole documents and single objects, with
 * errors turned into plain words located by JSON Pointer: the snapshot format (documents, and the
 * partner or app bodies the API takes) and policy versions.
 */
public final class JsonSchemaCheck {
    /** The {@code warden.snapshot/v1} schema. */
    public static final JsonSchemaCheck SNAPSHOT = new JsonSchemaCheck(
            "https://warden.dev/schema/warden.snapshot.v1.schema.json",
            "/dev/warden/core/snapshot/warden.snapshot.v1.schema.json");

    /** The {@code warden.policy/v1} schema. */
    public static final JsonSchemaCheck POLICY = new JsonSchemaCheck(
            "https://warden.dev/schema/warden.policy.v1.schema.json",
            "/dev/warden/core/snapshot/warden.policy.v1.schema.json");

    private final String id;
    private final SchemaRegistry registry;
    private final JsonNode raw;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private JsonSchemaCheck(String id, String resource) {
        this.id = id;
        String text = readResource(resource);
        this.raw = JsonMapper.shared().readTree(text);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(id, text)).schemaRegistryConfig(config));
    }

    /** Checks a whole document. */
    public List<FieldError> checkDocument(JsonNode document) {
        return check(document, "");
    }

    /** Checks one object against a definition of the schema, for example {@code partner} or {@code app}. */
    public List<FieldError> checkObject(JsonNode object, String definition) {
        if (!raw.path("$defs").has(definition)) {
            throw new IllegalArgumentException("no such schema definition: " + definition);
        }
        return check(object, "/$defs/" + definition);
    }

    private List<FieldError> check(JsonNode node, String fragment) {
        Schema schema = schemas.computeIfAbsent(fragment, f -> registry.getSchema(SchemaLocation.of(id + "#" + f)));
        return schema.validate(node).stream()
                .map(this::toFieldError)
                .distinct()
                .sorted(FieldError.ORDER)
                .toList();
    }

    private FieldError toFieldError(Error error) {
        String at = error.getInstanceLocation().toString();
        String keyword = error.getKeyword();
        String property = error.getProperty();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && property != null) {
            String message = "required".equals(keyword) ? "is required" : "is not a known field here";
            return new FieldError(FieldError.pointer(at, property), message);
        }
        String message = stripLocation(error.getMessage(), at);
        JsonNode schemaNode = error.getSchemaNode();
        if ("enum".equals(keyword) && schemaNode != null && schemaNode.isArray()) {
            List<String> allowed = new ArrayList<>();
            schemaNode.forEach(v -> allowed.add(v.asString()));
            message = "must be one of " + String.join(", ", allowed);
        }
        if ("pattern".equals(keyword)) {
            String description = descriptionOf(error.getSchemaLocation());
            message = description == null ? "does not have the expected form" : "must be " + firstSentence(description);
        }
        return new FieldError(at, message);
    }

    // The schema location of a failed keyword is ".../$defs/partnerId/pattern": describe the parent.
    private @Nullable String descriptionOf(SchemaLocation location) {
        String fragment = location.getFragment().toString();
        int cut = fragment.lastIndexOf('/');
        if (cut < 0) {
            return null;
        }
        JsonNode description = raw.at(fragment.substring(0, cut)).path("description");
        return description.isString() ? description.asString() : null;
    }

    private static String stripLocation(String message, String at) {
        String prefix = at + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    // "A partner id: lowercase ... digit. Stable: ..." becomes "a partner id: lowercase ... digit".
    private static String firstSentence(String s) {
        int end = s.indexOf(". ");
        String first = end < 0 ? s : s.substring(0, end);
        first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        return first.isEmpty() ? first : Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }

    private static String readResource(String resource) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
