package dev.warden.scanner.sca;

import dev.warden.scanner.Finding;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Vulnerability;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scan's components as a CycloneDX 1.6 bill of materials (JSON): one component per package URL,
 * every place it was found as an evidence occurrence, how it was identified as properties; and the
 * vulnerable-dependency findings as the BOM's vulnerabilities, each naming the components it affects.
 * Written with Jackson and checked against the official schema in the tests (docs/adr/016 says why
 * not with the CycloneDX Java library).
 */
public final class Sbom {
    /** The CycloneDX specification version written. */
    public static final String SPEC_VERSION = "1.6";

    private Sbom() {}

    /**
     * The BOM of a report.
     *
     * @param subject what was scanned, named as the report names it ({@code app-1.2.0.obr})
     * @param toolVersion Warden's version
     */
    public static String json(ScanReport report, String subject, String toolVersion, Instant at) {
        ObjectNode bom = JsonMapper.shared().createObjectNode();
        bom.put("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", SPEC_VERSION);
        bom.put("serialNumber", "urn:uuid:" + UUID.randomUUID());
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.putObject("tools")
                .putArray("components")
                .addObject()
                .put("type", "application")
                .put("name", "warden")
                .put("version", toolVersion);
        metadata.putObject("component")
                .put("type", "application")
                .put("bom-ref", "subject")
                .put("name", subject);

        Map<String, List<Component>> byPurl = new LinkedHashMap<>();
        for (Component c : report.components()) {
            byPurl.computeIfAbsent(c.purl(), k -> new ArrayList<>()).add(c);
        }
        ArrayNode components = bom.putArray("components");
        byPurl.forEach((purl, places) -> component(components.addObject(), purl, places));

        Map<String, ObjectNode> byAdvisory = new LinkedHashMap<>();
        ArrayNode vulnerabilities = JsonMapper.shared().createArrayNode();
        for (Finding f : report.findings()) {
            Vulnerability v = f.vulnerability();
            if (v == null) {
                continue;
            }
            ObjectNode out = byAdvisory.computeIfAbsent(v.advisory(), id -> {
                ObjectNode n = vulnerabilities.addObject();
                vulnerability(n, f, v);
                return n;
            });
            ArrayNode affects = (ArrayNode) out.get("affects");
            if (byPurl.containsKey(v.purl())
                    && affects.valueStream()
                            .noneMatch(a -> a.path("ref").asString("").equals(v.purl()))) {
                affects.addObject().put("ref", v.purl());
            }
        }
        if (!vulnerabilities.isEmpty()) {
            bom.set("vulnerabilities", vulnerabilities);
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(bom) + "\n";
    }

    private static void component(ObjectNode c, String purl, List<Component> places) {
        Component first = places.get(0);
        c.put("type", "library");
        c.put("bom-ref", purl);
        String group = first.ecosystem() == Ecosystem.MAVEN ? first.group() : first.scope();
        if (group != null) {
            c.put("group", group);
        }
        c.put("name", first.artifact());
        c.put("version", first.version());
        c.put("purl", purl);
        Set<String> locations = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Component.Source best = first.source();
        for (Component place : places) {
            locations.add(place.location().toString());
            sources.add(place.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (place.source().compareTo(best) < 0) {
                best = place.source();
            }
        }
        ArrayNode properties = c.putArray("properties");
        properties.addObject().put("name", "warden:identifiedBy").put("value", String.join(",", sources));
        properties.addObject().put("name", "warden:confidence").put("value", best.confidence());
        ArrayNode occurrences = c.putObject("evidence").putArray("occurrences");
        locations.forEach(l -> occurrences.addObject().put("location", l));
    }

    private static void vulnerability(ObjectNode out, Finding f, Vulnerability v) {
        out.put("bom-ref", "vulnerability:" + v.advisory());
        out.put("id", v.advisory());
        source(out.putObject("source"), v.advisory());
        if (!v.aliases().isEmpty()) {
            ArrayNode references = out.putArray("references");
            for (String alias : v.aliases()) {
                source(references.addObject().put("id", alias).putObject("source"), alias);
            }
        }
        ObjectNode rating = out.putArray("ratings").addObject();
        String cvss = v.cvss();
        Double score = v.score();
        if (cvss != null && score != null) {
            rating.put("score", score);
            rating.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            rating.put("method", cvss.startsWith("CVSS:3.1/") ? "CVSSv31" : "CVSSv3");
            rating.put("vector", cvss);
        } else {
            rating.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            rating.put("method", "other");
        }
        out.put("description", v.summary());
        if (v.fixed() != null) {
            out.put("recommendation", "Upgrade " + v.packageName() + " to " + v.fixed() + " or later.");
        }
        out.putArray("affects");
    }

    private static void source(ObjectNode source, String id) {
        if (id.startsWith("GHSA-")) {
            source.put("name", "GitHub Advisory Database").put("url", "https://github.com/advisories/" + id);
        } else if (id.startsWith("CVE-")) {
            source.put("name", "NVD").put("url", "https://nvd.nist.gov/vuln/detail/" + id);
        } else {
            source.put("name", "OSV").put("url", "https://osv.dev/vulnerability/" + id);
        }
    }
}
