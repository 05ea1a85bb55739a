package dev.warden.scanner.sca;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads OSV records (https://ossf.github.io/osv-schema/), keeping the packages of the ecosystems Warden
 * matches. What is kept is written back as a compact OSV record, so that a stored advisory is read by
 * the same code as an imported one.
 */
public final class Osv {
    private Osv() {}

    /** Thrown for a document that is not an OSV record. */
    public static final class InvalidException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidException(String message) {
            super(message);
        }
    }

    /**
     * Reads one OSV record. Empty when it names no Maven or npm package (a PyPI advisory in a mixed
     * export, say).
     *
     * @throws InvalidException when it is not JSON, or has no {@code id} or {@code modified}
     */
    public static Optional<Advisory> read(String json) {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(json);
        } catch (JacksonException e) {
            throw new InvalidException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidException("not an OSV record: the document is not a JSON object");
        }
        return read(root);
    }

    static Optional<Advisory> read(JsonNode root) {
        String id = root.path("id").asString("");
        if (!id.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new InvalidException("not an OSV record: no valid \"id\"");
        }
        Instant modified = instant(root.path("modified").asString(""));
        if (modified == null) {
            throw new InvalidException(id + ": no valid \"modified\" date");
        }
        ObjectNode compact = JsonMapper.shared().createObjectNode();
        compact.put("id", id);
        compact.put("modified", root.path("modified").asString());
        List<String> aliases = new ArrayList<>();
        ArrayNode aliasNodes = compact.putArray("aliases");
        for (JsonNode a : root.path("aliases")) {
            if (a.isString() && a.asString().length() <= 100) {
                aliases.add(a.asString());
                aliasNodes.add(a.asString());
            }
        }
        String summary = root.path("summary").asString("");
        if (summary.isBlank()) {
            summary = root.path("details").asString("").strip().split("\n", 2)[0];
        }
        summary = summary.length() > 300 ? summary.substring(0, 299) + "…" : summary;
        compact.put("summary", summary);
        Instant withdrawn = instant(root.path("withdrawn").asString(""));
        if (withdrawn != null) {
            compact.put("withdrawn", root.path("withdrawn").asString());
        }
        String cvss = null;
        for (JsonNode s : root.path("severity")) {
            String type = s.path("type").asString("");
            String score = s.path("score").asString("");
            if (type.equals("CVSS_V3") && score.startsWith("CVSS:3.")) {
                cvss = score;
                compact.putArray("severity").addObject().put("type", type).put("score", score);
                break;
            }
        }
        String label = root.path("database_specific").path("severity").asString(null);
        if (label != null) {
            compact.putObject("database_specific").put("severity", label);
        }
        List<Advisory.Affected> affected = new ArrayList<>();
        ArrayNode affectedNodes = compact.putArray("affected");
        for (JsonNode a : root.path("affected")) {
            JsonNode pkg = a.path("package");
            Optional<Ecosystem> ecosystem =
                    Ecosystem.ofOsv(pkg.path("ecosystem").asString(""));
            String name = pkg.path("name").asString("");
            if (ecosystem.isEmpty() || name.isBlank() || name.length() > 300) {
                continue;
            }
            ObjectNode kept = affectedNodes.addObject();
            kept.putObject("package").put("ecosystem", ecosystem.get().osv()).put("name", name);
            List<Advisory.Range> ranges = new ArrayList<>();
            ArrayNode rangeNodes = kept.putArray("ranges");
            for (JsonNode r : a.path("ranges")) {
                String type = r.path("type").asString("");
                if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
                    continue; // GIT ranges name commits, not released versions
                }
                ObjectNode rangeNode = rangeNodes.addObject().put("type", type);
                ArrayNode eventNodes = rangeNode.putArray("events");
                List<Advisory.Event> events = new ArrayList<>();
                for (JsonNode e : r.path("events")) {
                    Advisory.Event event = event(e);
                    if (event != null) {
                        events.add(event);
                        eventNodes
                                .addObject()
                                .put(event.kind().name().toLowerCase(java.util.Locale.ROOT), event.version());
                    }
                }
                ranges.add(new Advisory.Range(events));
            }
            List<String> versions = new ArrayList<>();
            ArrayNode versionNodes = kept.putArray("versions");
            for (JsonNode v : a.path("versions")) {
                if (v.isString()) {
                    versions.add(v.asString());
                    versionNodes.add(v.asString());
                }
            }
            affected.add(new Advisory.Affected(ecosystem.get(), name, ranges, versions));
        }
        if (affected.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Advisory(
                id,
                aliases,
                summary,
                modified,
                withdrawn,
                cvss,
                label,
                affected,
                JsonMapper.shared().writeValueAsString(compact)));
    }

    private static Advisory.@Nullable Event event(JsonNode e) {
        for (Advisory.Kind kind : Advisory.Kind.values()) {
            String v = e.path(kind.name().toLowerCase(java.util.Locale.ROOT)).asString("");
            if (!v.isEmpty() && v.length() <= 100) {
                return new Advisory.Event(kind, v);
            }
        }
        return null; // "limit" events bound git ranges only
    }

    private static @Nullable Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
