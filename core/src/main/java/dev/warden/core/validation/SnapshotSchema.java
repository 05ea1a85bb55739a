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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code warden.snapshot/v1} JSON Schema (docs/schema), used to check whole snapshots and single
 * objects (a partner, an app) sent to the API, so both report the same errors in the same words.
 */
public final class SnapshotSchema {
    public static final String ID = "https://warden.dev/schema/warden.snapshot.v1.schema.json";
    private static final String RESOURCE = "/dev/warden/core/snapshot/warden.snapshot.v1.schema.json";

    private static final SnapshotSchema INSTANCE = new SnapshotSchema();

    private final SchemaRegistry registry;
    private final JsonNode raw;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private SnapshotSchema() {
        String text = readResource();
        this.raw = JsonMapper.shared().readTree(text);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(ID, text)).schemaRegistryConfig(config));
    }

    /** The schema, loaded once from the classpath. */
    public static SnapshotSchema get() {
        return INSTANCE;
    }

    /** Checks a whole snapshot document. */
    public List<FieldError> checkDocument(JsonNode document) {
        return check(document, "");
    }

    /** Checks one object against a definition of the schema, e.g. {@code partner} or {@code app}. */
    public List<FieldError> checkObject(JsonNode object, String definition) {
        if (!raw.path("$defs").has(definition)) {
            throw new IllegalArgumentException("no such schema definition: " + definition);
        }
        return check(object, "/$defs/" + definition);
    }

    private List<FieldError> check(JsonNode node, String fragment) {
        Schema schema = schemas.computeIfAbsent(fragment, f -> registry.getSchema(SchemaLocation.of(ID + "#" + f)));
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
        if ("enum".equals(keyword)
                && error.getSchemaNode() != null
                && error.getSchemaNode().isArray()) {
            List<String> allowed = new java.util.ArrayList<>();
            error.getSchemaNode().forEach(v -> allowed.add(v.asString()));
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
        JsonNode parent = raw.at(fragment.substring(0, cut));
        JsonNode description = parent.path("description");
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

    private static String readResource() {
        try (InputStream in = SnapshotSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("snapshot schema missing from the classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
