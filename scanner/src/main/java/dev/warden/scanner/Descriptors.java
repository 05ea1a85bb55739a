package dev.warden.scanner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads app descriptors by file name; anything unreadable is simply not a descriptor. */
final class Descriptors {
    private static final ObjectMapper JSON = JsonMapper.shared();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Pattern PLUGIN_KEY = Pattern.compile("<atlassian-plugin[^>]*\\bkey\\s*=\\s*\"([^\"]+)\"");
    private static final String[] LIFECYCLE = {"installed", "uninstalled", "enabled", "disabled"};

    private Descriptors() {}

    /** Whether a file's name is one a descriptor has. */
    static boolean isDescriptor(String fileName) {
        return fileName.equals("manifest.yml")
                || fileName.equals("manifest.yaml")
                || fileName.equals("atlassian-connect.json")
                || fileName.equals("atlassian-plugin.xml");
    }

    static Optional<Descriptor> read(Content content) {
        try {
            return switch (content.fileName()) {
                case "manifest.yml", "manifest.yaml" -> forge(content.path(), YAML.readTree(content.text()));
                case "atlassian-connect.json" -> connect(content.path(), JSON.readTree(content.text()));
                case "atlassian-plugin.xml" -> dataCenter(content);
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty(); // not parseable: not a descriptor we can describe
        }
    }

    private static Optional<Descriptor> forge(ArtifactPath path, JsonNode root) {
        if (root == null || !root.isObject() || !root.has("app") || !root.has("modules") && !root.has("permissions")) {
            return Optional.empty(); // some other manifest.yml
        }
        List<String> scopes = texts(root.path("permissions").path("scopes"));
        List<String> domains = new ArrayList<>();
        addresses(root.path("permissions").path("external"), domains);
        String baseUrl = null;
        for (JsonNode remote : root.path("remotes")) {
            String url = remote.path("baseUrl").asString("");
            if (!url.isEmpty()) {
                domains.add(url);
                baseUrl = baseUrl == null ? url : baseUrl;
            }
        }
        domains.removeIf(String::isEmpty);
        String id = root.path("app").path("id").asString("");
        return Optional.of(new Descriptor(
                path, "forge", id.isEmpty() ? null : id, scopes, baseUrl, distinct(domains), Map.of(), null));
    }

    private static Optional<Descriptor> connect(ArtifactPath path, JsonNode root) {
        if (root == null || !root.isObject() || !root.has("key") || !root.has("baseUrl")) {
            return Optional.empty();
        }
        List<String> scopes = texts(root.path("scopes"));
        Map<String, String> lifecycle = new LinkedHashMap<>();
        for (String event : LIFECYCLE) {
            String url = root.path("lifecycle").path(event).asString("");
            if (!url.isEmpty()) {
                lifecycle.put(event, url);
            }
        }
        String baseUrl = root.path("baseUrl").asString("");
        String auth = root.path("authentication").path("type").asString("");
        return Optional.of(new Descriptor(
                path,
                "connect",
                root.path("key").asString(""),
                scopes,
                baseUrl,
                baseUrl.isEmpty() ? List.of() : List.of(baseUrl),
                lifecycle,
                auth.isEmpty() ? null : auth.toLowerCase(java.util.Locale.ROOT)));
    }

    private static Optional<Descriptor> dataCenter(Content content) {
        Matcher key = PLUGIN_KEY.matcher(content.text());
        if (!key.find()) {
            return Optional.empty();
        }
        return Optional.of(new Descriptor(
                content.path(), "data-center", key.group(1), List.of(), null, List.of(), Map.of(), null));
    }

    /**
     * The addresses under Forge's {@code permissions.external} ({@code fetch.backend}, {@code images},
     * ...): list items that are strings, or objects' {@code address}; other fields (a category) are not.
     */
    private static void addresses(JsonNode node, List<String> out) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString()) {
                    out.add(item.asString());
                } else {
                    addresses(item, out);
                }
            }
        } else if (node.isObject()) {
            if (node.path("address").isString()) {
                out.add(node.path("address").asString());
            } else {
                for (JsonNode value : node) {
                    addresses(value, out);
                }
            }
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isString()) {
                out.add(n.asString());
            }
        }
        return out;
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }
}
