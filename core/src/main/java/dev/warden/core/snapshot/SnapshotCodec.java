package dev.warden.core.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.JsonErrors;
import dev.warden.core.validation.JsonSchemaCheck;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code warden.snapshot/v1} documents. Reading checks the schema and the document's
 * own consistency and rejects it as a whole, listing every error; writing is deterministic, so the
 * same facts always give the same bytes.
 */
public final class SnapshotCodec {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // The schema makes booleans and counts optional; absent means false or zero.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .build();

    private SnapshotCodec() {}

    /** The mapper for catalog values, configured as the format requires (ISO dates, no empty fields). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Reads a document that must stand on its own. */
    public static Snapshot read(byte[] json) {
        return read(json, KnownCatalog.EMPTY);
    }

    /** Reads a document that may refer to what {@code known} holds; throws listing every error. */
    public static Snapshot read(byte[] json, KnownCatalog known) {
        JsonNode tree = parse(json);
        List<FieldError> schemaErrors = JsonSchemaCheck.SNAPSHOT.checkDocument(tree);
        if (!schemaErrors.isEmpty()) {
            throw new InvalidInputException("the snapshot does not match " + Snapshot.FORMAT, schemaErrors);
        }
        Snapshot snapshot = bind(tree, Snapshot.class, "");
        List<FieldError> errors = SnapshotChecks.check(snapshot, known);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the snapshot is inconsistent", errors);
        }
        return snapshot;
    }

    /** Writes a document in canonical form: sorted, indented, UTF-8, ending in a newline. */
    public static byte[] write(Snapshot snapshot) {
        Snapshot canonical = Snapshot.of(
                        snapshot.exportedAt(),
                        snapshot.partners(),
                        snapshot.apps(),
                        snapshot.tickets(),
                        snapshot.obligations())
                .withCases(snapshot.enforcementCases());
        String text = MAPPER.writeValueAsString(canonical) + "\n";
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parses JSON text, turning a syntax error into a located field error. */
    public static JsonNode parse(byte[] json) {
        if (json.length == 0) {
            throw new InvalidInputException("", "the document is empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException("the document is not JSON", List.of(JsonErrors.toFieldError(e, "")));
        }
    }

    /**
     * Binds a checked tree to a value. The schema has already passed, so a failure here is an invariant
     * of the domain (say, two listings of one hosting type) and is reported where it happened.
     */
    public static <T> T bind(JsonNode tree, Class<T> type, String base) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new InvalidInputException("invalid value", List.of(JsonErrors.toFieldError(e, base)));
        }
    }
}
