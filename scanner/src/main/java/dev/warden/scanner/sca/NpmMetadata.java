package dev.warden.scanner.sca;

import dev.warden.scanner.ArtifactPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * npm components: {@code node_modules/<name>/package.json}, {@code package-lock.json} (versions 1 to
 * 3, and npm's hidden {@code node_modules/.package-lock.json}), {@code yarn.lock} (classic and Berry)
 * and the banners of a few widely bundled browser libraries. Development-only lock entries are left
 * out: they are not shipped.
 */
final class NpmMetadata {
    private static final Pattern IN_NODE_MODULES =
            Pattern.compile("(?:.*/)?node_modules/((?:@[^/]+/)?[^/@.][^/]*)/package\\.json");
    private static final Pattern NAME = Pattern.compile("(?:@[a-z0-9][\\w.~-]*/)?[A-Za-z0-9][\\w.~-]{0,213}");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]{1,80})?)");
    /** Banners: the library and a group holding its version, looked for in a file's first kilobyte. */
    private static final Map<String, Pattern> BANNERS = Map.of(
            "jquery", Pattern.compile("jQuery (?:JavaScript Library )?v(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*)"),
            "moment", Pattern.compile("//! moment\\.js\\s*\\n//! version : (\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*)"),
            "handlebars", Pattern.compile("@license\\s+handlebars v(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*)"),
            "axios", Pattern.compile("(?i)\\baxios v(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*)"));

    private static final Pattern LODASH = Pattern.compile("var VERSION = '(\\d+\\.\\d+\\.\\d+)'");
    private static final int BANNER_CHARS = 1024;
    private static final int LODASH_CHARS = 32 * 1024;

    private NpmMetadata() {}

    static boolean isPackageJson(String last) {
        return IN_NODE_MODULES.matcher(last).matches();
    }

    static boolean isLockFile(String name) {
        return name.equals("package-lock.json")
                || name.equals("npm-shrinkwrap.json")
                || name.equals(".package-lock.json");
    }

    /** A package's own {@code package.json} inside {@code node_modules}. */
    static Optional<Component> packageJson(ArtifactPath path, String text) {
        JsonNode root = parse(text);
        if (root == null) {
            return Optional.empty();
        }
        List<String> segments = path.segments();
        String last = segments.get(segments.size() - 1);
        String folder = last.substring(0, last.length() - "/package.json".length());
        List<String> held = new ArrayList<>(segments.subList(0, segments.size() - 1));
        held.add(folder);
        return component(
                root.path("name").asString(""),
                root.path("version").asString(""),
                new ArtifactPath(held),
                Component.Source.PACKAGE_JSON);
    }

    /** Every shipped package a {@code package-lock.json} lists, whatever its lockfile version. */
    static List<Component> packageLock(ArtifactPath path, String text) {
        JsonNode root = parse(text);
        List<Component> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        JsonNode packages = root.path("packages");
        if (packages.isObject()) { // lockfile versions 2 and 3
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                String key = e.getKey();
                JsonNode entry = e.getValue();
                int at = key.lastIndexOf("node_modules/");
                if (at < 0
                        || entry.path("dev").asBoolean(false)
                        || entry.path("link").asBoolean(false)) {
                    continue; // the root project, a workspace link, a development tool
                }
                String name = entry.path("name").asString(key.substring(at + "node_modules/".length()));
                component(name, entry.path("version").asString(""), path, Component.Source.PACKAGE_LOCK)
                        .ifPresent(out::add);
            }
            return out;
        }
        lockV1(root.path("dependencies"), path, out, 0);
        return out;
    }

    private static void lockV1(JsonNode dependencies, ArtifactPath path, List<Component> out, int depth) {
        if (!dependencies.isObject() || depth > 64) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : dependencies.properties()) {
            JsonNode entry = e.getValue();
            if (entry.path("dev").asBoolean(false)) {
                continue;
            }
            component(e.getKey(), entry.path("version").asString(""), path, Component.Source.PACKAGE_LOCK)
                    .ifPresent(out::add);
            lockV1(entry.path("dependencies"), path, out, depth + 1);
        }
    }

    /**
     * Every package a {@code yarn.lock} resolves: classic ({@code version "4.17.15"}) and Berry
     * ({@code version: 4.17.15}). A block's header names the package ({@code "lodash@^4.17.0", lodash@^4.17.15:},
     * {@code "@babel/core@npm:^7.0.0":}); its {@code version} line gives what was installed.
     */
    static List<Component> yarnLock(ArtifactPath path, String text) {
        List<Component> out = new ArrayList<>();
        String name = null;
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                name = line.endsWith(":") ? yarnName(line.substring(0, line.length() - 1)) : null;
                continue;
            }
            String trimmed = line.strip();
            if (name != null && trimmed.startsWith("version")) {
                String value = trimmed.substring("version".length()).replaceFirst("^:?\\s*", "");
                value = value.replace("\"", "").strip();
                component(name, value, path, Component.Source.YARN_LOCK).ifPresent(out::add);
                name = null;
            }
        }
        return out;
    }

    private static String yarnName(String header) {
        String first = header.split(",", 2)[0].strip().replace("\"", "");
        int at = first.indexOf('@', first.startsWith("@") ? 1 : 0);
        return at > 0 ? first.substring(0, at) : first;
    }

    /** A library recognised by its banner; lodash by its version constant near its banner. */
    static Optional<Component> banner(ArtifactPath path, String text) {
        String head = text.substring(0, Math.min(text.length(), BANNER_CHARS));
        for (Map.Entry<String, Pattern> b : BANNERS.entrySet()) {
            Matcher m = b.getValue().matcher(head);
            if (m.find()) {
                return component(b.getKey(), m.group(1), path, Component.Source.JS_BANNER);
            }
        }
        if (head.contains("Lodash <https://lodash.com/>")) {
            Matcher m = LODASH.matcher(text.substring(0, Math.min(text.length(), LODASH_CHARS)));
            if (m.find()) {
                return component("lodash", m.group(1), path, Component.Source.JS_BANNER);
            }
        }
        return Optional.empty();
    }

    private static Optional<Component> component(
            String name, String version, ArtifactPath location, Component.Source source) {
        Matcher v = VERSION.matcher(version.strip());
        if (!NAME.matcher(name).matches() || !v.matches()) {
            return Optional.empty(); // a git URL, a file: link, a tag, a hostile string: nothing to match
        }
        return Optional.of(new Component(Ecosystem.NPM, name, v.group(1), location, source));
    }

    private static @org.jspecify.annotations.Nullable JsonNode parse(String text) {
        try {
            JsonNode root = JsonMapper.shared().readTree(text);
            return root != null && root.isObject() ? root : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
