package dev.warden.scanner;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A scan report as text for people, as {@code warden.scan/v1} JSON, and as SARIF 2.1.0. */
public final class Reports {
    /** The {@code format} of the JSON report. */
    public static final String FORMAT = "warden.scan/v1";
    /** The key of Warden's fingerprint in SARIF's {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "wardenFingerprint/v1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Reports() {}

    public static String text(ScanReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            out.append(f.path());
            if (f.line() > 0) {
                out.append(':').append(f.line()).append(':').append(f.column());
            }
            out.append("  ")
                    .append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append("  ")
                    .append(f.rule())
                    .append("  ")
                    .append(f.message())
                    .append("  [")
                    .append(f.preview())
                    .append("]\n");
        }
        for (Problem p : report.problems()) {
            out.append(p.path())
                    .append(p.unread() ? ": not scanned: " : ": note: ")
                    .append(p.message())
                    .append('\n');
        }
        out.append(report.findings().size())
                .append(" finding(s)")
                .append(report.suppressed() > 0 ? " (" + report.suppressed() + " more suppressed by the baseline)" : "")
                .append(", ")
                .append(report.problems().size())
                .append(" problem(s)")
                .append(report.incomplete() ? " (INCOMPLETE: " + report.unread() + " left content unread)" : "")
                .append("; ")
                .append(report.files())
                .append(" file(s), ")
                .append(String.format(Locale.ROOT, "%.1f", report.bytes() / 1048576.0))
                .append(" MiB scanned")
                .append(
                        report.components().isEmpty()
                                ? ""
                                : "; " + report.components().size() + " bundled component(s)")
                .append('\n');
        return out.toString();
    }

    public static String json(ScanReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("input", report.input());
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files());
        summary.put("bytes", report.bytes());
        summary.put("findings", report.findings().size());
        summary.put("suppressed", report.suppressed());
        summary.put("problems", report.problems().size());
        summary.put("incomplete", report.incomplete());
        summary.put("components", report.components().size());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rule", f.rule());
            n.put("severity", f.severity().name());
            n.put("path", f.path().toString());
            n.put("line", f.line());
            n.put("column", f.column());
            n.put("message", f.message());
            n.put("preview", f.preview());
            n.put("secretSha256", f.secretHash());
            n.put("fingerprint", f.fingerprint());
            n.put("confidence", f.confidence());
            n.put("context", f.context().name().toLowerCase(Locale.ROOT));
            Vulnerability v = f.vulnerability();
            if (v != null) {
                ObjectNode vn = n.putObject("vulnerability");
                vn.put("advisory", v.advisory());
                strings(vn.putArray("aliases"), v.aliases());
                vn.put("summary", v.summary());
                vn.put("cvss", v.cvss());
                vn.put("score", v.score());
                vn.put("purl", v.purl());
                vn.put("ecosystem", v.ecosystem());
                vn.put("package", v.packageName());
                vn.put("version", v.version());
                vn.put("fixed", v.fixed());
                strings(vn.putArray("locations"), v.locations());
            }
        }
        ArrayNode components = root.putArray("components");
        for (dev.warden.scanner.sca.Component c : report.components()) {
            components
                    .addObject()
                    .put("purl", c.purl())
                    .put("ecosystem", c.ecosystem().osv())
                    .put("name", c.name())
                    .put("version", c.version())
                    .put("location", c.location().toString())
                    .put("source", c.source().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("confidence", c.source().confidence());
        }
        ArrayNode problems = root.putArray("problems");
        for (Problem p : report.problems()) {
            problems.addObject()
                    .put("path", p.path().toString())
                    .put("message", p.message())
                    .put("unread", p.unread());
        }
        ArrayNode descriptors = root.putArray("descriptors");
        for (Descriptor d : report.descriptors()) {
            ObjectNode n = descriptors.addObject();
            n.put("path", d.path().toString());
            n.put("type", d.type());
            n.put("key", d.key());
            strings(n.putArray("scopes"), d.scopes());
            n.put("baseUrl", d.baseUrl());
            strings(n.putArray("domains"), d.domains());
            ObjectNode lifecycle = n.putObject("lifecycle");
            d.lifecycle().forEach(lifecycle::put);
            n.put("authentication", d.authentication());
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** SARIF 2.1.0, valid against the OASIS schema; locations inside archives read {@code a.zip!/b.jar!/c}. */
    public static String sarif(ScanReport report, List<Rule> rules, String version) {
        ObjectNode root = NODES.objectNode();
        root.put(
                "$schema",
                "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "warden");
        driver.put("fullName", "Warden artifact scanner");
        driver.put("semanticVersion", version.replaceAll("[^0-9A-Za-z.+-]", ""));
        driver.put("informationUri", "https://warden.dev/docs/scanning");
        ArrayNode ruleNodes = driver.putArray("rules");
        for (Rule rule : rules) {
            ObjectNode r = ruleNodes.addObject();
            r.put("id", rule.id());
            r.put("name", camel(rule.id()));
            r.putObject("shortDescription").put("text", rule.title());
            r.putObject("fullDescription").put("text", rule.help());
            r.putObject("help").put("text", rule.help());
            r.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ObjectNode props = r.putObject("properties");
            props.put(
                    "security-severity",
                    String.format(Locale.ROOT, "%.1f", rule.severity().score()));
            props.putArray("tags").add("security").add("secret");
        }
        // A vulnerable library is reported under its advisory: each advisory is a rule of its own, as
        // code-scanning tools show one alert per vulnerability.
        java.util.Map<String, Integer> advisoryRules = new java.util.LinkedHashMap<>();
        for (Finding f : report.findings()) {
            Vulnerability v = f.vulnerability();
            if (v == null || advisoryRules.containsKey(v.advisory())) {
                continue;
            }
            advisoryRules.put(v.advisory(), rules.size() + advisoryRules.size());
            ObjectNode r = ruleNodes.addObject();
            r.put("id", v.advisory());
            r.put("name", "VulnerableDependency");
            r.putObject("shortDescription").put("text", clip(v.advisory() + ": " + v.summary(), 1000));
            String help = v.summary() + (v.aliases().isEmpty() ? "" : " (" + String.join(", ", v.aliases()) + ")")
                    + ". "
                    + (v.fixed() != null
                            ? "Upgrade " + v.packageName() + " to " + v.fixed() + " or later."
                            : "No fixed version is published: remove or replace " + v.packageName() + ".");
            r.putObject("fullDescription").put("text", help);
            r.putObject("help").put("text", help);
            r.put(
                    "helpUri",
                    v.advisory().startsWith("GHSA-")
                            ? "https://github.com/advisories/" + v.advisory()
                            : "https://osv.dev/vulnerability/" + v.advisory());
            r.putObject("defaultConfiguration").put("level", level(f.severity()));
            ObjectNode props = r.putObject("properties");
            Double score = v.score();
            props.put(
                    "security-severity",
                    String.format(
                            Locale.ROOT,
                            "%.1f",
                            score != null ? score : f.severity().score()));
            props.putArray("tags").add("security").add("vulnerability").add("dependency");
            props.put("wardenRule", f.rule());
            if (v.cvss() != null) {
                props.put("cvssV3", v.cvss());
            }
        }
        run.putObject("originalUriBaseIds")
                .putObject("SCANROOT")
                .putObject("description")
                .put("text", "The scanned path: " + report.input());
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode r = results.addObject();
            Vulnerability v = f.vulnerability();
            r.put("ruleId", v != null ? v.advisory() : f.rule());
            int index = v != null ? advisoryRules.getOrDefault(v.advisory(), -1) : indexOf(rules, f.rule());
            if (index >= 0) {
                r.put("ruleIndex", index);
            }
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message() + " [" + f.preview() + "]");
            location(r.putArray("locations").addObject(), f.path(), f.line(), f.column());
            r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
            ObjectNode props = r.putObject("properties");
            props.put("preview", f.preview());
            if (v != null) {
                props.put("purl", v.purl());
                props.put("fixed", v.fixed());
            } else {
                props.put("secretSha256", f.secretHash());
            }
            props.put("confidence", f.confidence());
            props.put("context", f.context().name().toLowerCase(Locale.ROOT));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        // Content left unread means the scan did not do all it was asked: SARIF's "not successful".
        invocation.put("executionSuccessful", !report.incomplete());
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        for (Problem p : report.problems()) {
            ObjectNode n = notes.addObject();
            n.put("level", p.unread() ? "error" : "note");
            n.putObject("message").put("text", p.message());
            location(n.putArray("locations").addObject(), p.path(), 0, 0);
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void location(ObjectNode location, ArtifactPath path, int line, int column) {
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uri(path.toString()));
        artifact.put("uriBaseId", "SCANROOT");
        if (line > 0) {
            physical.putObject("region").put("startLine", line).put("startColumn", column);
        }
    }

    /** A relative URI reference: characters a URI cannot hold are percent-encoded; {@code !} and {@code /} stay. */
    static String uri(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        String s = out.toString();
        // A first segment with a colon would read as a scheme ("c:x"); "./" keeps it a relative path.
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        return colon >= 0 && (slash < 0 || colon < slash) ? "./" + s : s;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    private static String level(Severity severity) {
        return severity == Severity.LOW ? "note" : severity == Severity.MEDIUM ? "warning" : "error";
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** The fingerprints a baseline accepts: from a {@code warden.scan/v1} report or a SARIF log. */
    public static java.util.Set<String> baseline(String document) {
        JsonNode root = JsonMapper.shared().readTree(document);
        java.util.Set<String> out = new java.util.HashSet<>();
        for (JsonNode f : root.path("findings")) {
            String fp = f.path("fingerprint").asString("");
            if (!fp.isEmpty()) {
                out.add(fp);
            }
        }
        for (JsonNode run : root.path("runs")) {
            for (JsonNode result : run.path("results")) {
                String fp =
                        result.path("partialFingerprints").path(FINGERPRINT_KEY).asString("");
                if (!fp.isEmpty()) {
                    out.add(fp);
                }
            }
        }
        if (out.isEmpty() && !root.has("findings") && !root.has("runs")) {
            throw new IllegalArgumentException("not a warden.scan/v1 report or a SARIF log");
        }
        return out;
    }

    /** The report without the findings a baseline accepts. */
    public static ScanReport apply(ScanReport report, java.util.Set<String> baseline) {
        List<Finding> kept = report.findings().stream()
                .filter(f -> !baseline.contains(f.fingerprint()))
                .toList();
        return new ScanReport(
                report.input(),
                kept,
                report.suppressed() + report.findings().size() - kept.size(),
                report.problems(),
                report.files(),
                report.bytes(),
                report.descriptors(),
                report.components());
    }
}
