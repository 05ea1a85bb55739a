package dev.warden.scanner.sca;

import static dev.warden.scanner.Fixtures.gzip;
import static dev.warden.scanner.Fixtures.tar;
import static dev.warden.scanner.Fixtures.utf8;
import static dev.warden.scanner.Fixtures.zip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.Finding;
import dev.warden.scanner.ScanLimits;
import dev.warden.scanner.ScanReport;
import dev.warden.scanner.Scanner;
import dev.warden.scanner.Severity;
import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real libraries as published (fetched by the build into target/sca-artifacts: log4j-core 2.14.1 and
 * 2.17.1, jackson-databind 2.9.8, commons-text 1.9 and 1.10.0, and lodash 4.17.15 and jQuery 3.4.1 as
 * their WebJars carry them), nested as apps ship them: an OBR holding a plugin JAR holding JARs, an
 * uber-JAR with relocated classes, and a tarball with node_modules and lock files. The advisories
 * found must be exactly those the real OSV data says apply.
 */
class ScaArtifactsTest {
    private static final Path FETCHED = Path.of("target", "sca-artifacts");

    @TempDir
    static Path dir;

    private static ScanReport report;

    private static byte[] fetched(String jar) throws IOException {
        return Files.readAllBytes(FETCHED.resolve(jar));
    }

    /** One entry of a fetched JAR. */
    private static byte[] entry(String jar, String name) throws IOException {
        try (java.util.zip.ZipFile zip =
                new java.util.zip.ZipFile(FETCHED.resolve(jar).toFile())) {
            try (var in = zip.getInputStream(Objects.requireNonNull(zip.getEntry(name), name))) {
                return in.readAllBytes();
            }
        }
    }

    @BeforeAll
    static void scanTheNestedApps() throws IOException {
        Map<String, byte[]> uber = new LinkedHashMap<>();
        uber.put(
                "META-INF/maven/dev.example/uber/pom.properties",
                utf8("groupId=dev.example\nartifactId=uber\nversion=1.0\n"));
        uber.put("shaded/org/apache/commons/text/StringSubstitutor.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
        String text = "META-INF/maven/org.apache.commons/commons-text/";
        uber.put(text + "pom.properties", entry("commons-text-1.10.0.jar", text + "pom.properties"));
        uber.put(text + "pom.xml", entry("commons-text-1.10.0.jar", text + "pom.xml"));

        Map<String, byte[]> plugin = new LinkedHashMap<>();
        plugin.put(
                "META-INF/MANIFEST.MF",
                utf8("Manifest-Version: 1.0\r\nBundle-SymbolicName: dev.example.plugin\r\n"
                        + "Bundle-Version: 1.0.0\r\n\r\n"));
        plugin.put(
                "META-INF/maven/dev.example/example-plugin/pom.properties",
                utf8("groupId=dev.example\nartifactId=example-plugin\nversion=1.0.0\n"));
        plugin.put("META-INF/lib/log4j-core-2.14.1.jar", fetched("log4j-core-2.14.1.jar"));
        plugin.put("META-INF/lib/log4j-core-2.17.1.jar", fetched("log4j-core-2.17.1.jar"));
        plugin.put("META-INF/lib/jackson-databind-2.9.8.jar", fetched("jackson-databind-2.9.8.jar"));
        plugin.put("META-INF/lib/commons-text-1.9.jar", fetched("commons-text-1.9.jar"));
        plugin.put("META-INF/lib/uber-1.0.jar", zip(uber));
        // Known only by its file name: no Maven metadata, no manifest.
        plugin.put(
                "META-INF/lib/commons-collections-3.2.1.jar",
                zip(Map.of("org/apache/commons/collections/Transformer.class", new byte[] {(byte) 0xCA, (byte) 0xFE})));
        // Known only by its OSGi manifest.
        plugin.put(
                "META-INF/lib/yaml.jar",
                zip(
                        Map.of(
                                "META-INF/MANIFEST.MF",
                                utf8(
                                        "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.yaml.snakeyaml\r\nBundle-Version: 1.33\r\n\r\n"))));
        plugin.put("js/jquery.js", entry("jquery-3.4.1.jar", "META-INF/resources/webjars/jquery/3.4.1/jquery.js"));
        Files.write(
                dir.resolve("example-plugin-1.0.0.obr"),
                zip(Map.of("example-plugin-1.0.0.jar", zip(plugin), "obr.xml", utf8("<repository/>"))));

        String lodash = "META-INF/resources/webjars/lodash/4.17.15/";
        Map<String, byte[]> npm = new LinkedHashMap<>();
        npm.put("package/package.json", utf8("{\"name\":\"example-connect\",\"version\":\"1.0.0\"}"));
        npm.put("package/node_modules/lodash/package.json", entry("lodash-4.17.15.jar", lodash + "package.json"));
        npm.put("package/node_modules/lodash/lodash.js", entry("lodash-4.17.15.jar", lodash + "lodash.js"));
        npm.put("package/package-lock.json", utf8("""
                {"name": "example-connect", "version": "1.0.0", "lockfileVersion": 3, "packages": {
                  "": {"name": "example-connect", "version": "1.0.0"},
                  "node_modules/lodash": {"version": "4.17.15"},
                  "node_modules/axios": {"version": "0.21.1"},
                  "node_modules/axios/node_modules/follow-redirects": {"version": "1.14.8"},
                  "node_modules/minimist": {"version": "1.2.5", "dev": true}
                }}"""));
        npm.put("package/yarn.lock", utf8("""
                # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
                # yarn lockfile v1


                "follow-redirects@^1.14.0", follow-redirects@^1.14.4:
                  version "1.14.7"
                  resolved "https://registry.yarnpkg.com/follow-redirects/-/follow-redirects-1.14.7.tgz"
                """));
        Files.write(dir.resolve("example-connect-1.0.0.tgz"), gzip(tar(npm)));
        report = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 2).scan(dir, Scanner.Progress.NONE);
    }

    private static List<String> found(Severity threshold) throws IOException {
        return VulnerableDependencies.findings(report.components(), TestAdvisories.index(), threshold).stream()
                .map(f -> Objects.requireNonNull(f.vulnerability()).packageName() + "@"
                        + f.vulnerability().version() + " " + f.vulnerability().advisory())
                .sorted()
                .toList();
    }

    @Test
    void everyBundledLibraryIsListedWithWhereAndHowItWasFound() {
        List<String> components = report.components().stream()
                .map(c -> c.purl() + " " + c.source() + " " + c.location())
                .toList();
        String jar = "example-plugin-1.0.0.obr!/example-plugin-1.0.0.jar";
        assertThat(components)
                .contains(
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 POM_PROPERTIES " + jar
                                + "!/META-INF/lib/log4j-core-2.14.1.jar",
                        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8 POM_PROPERTIES " + jar
                                + "!/META-INF/lib/jackson-databind-2.9.8.jar",
                        "pkg:maven/org.apache.commons/commons-text@1.10.0 POM_PROPERTIES " + jar
                                + "!/META-INF/lib/uber-1.0.jar",
                        "pkg:maven/dev.example/uber@1.0 POM_PROPERTIES " + jar + "!/META-INF/lib/uber-1.0.jar",
                        "pkg:maven/dev.example/example-plugin@1.0.0 POM_PROPERTIES " + jar,
                        "pkg:maven/commons-collections@3.2.1 FILE_NAME " + jar
                                + "!/META-INF/lib/commons-collections-3.2.1.jar",
                        "pkg:maven/org.yaml/snakeyaml@1.33 MANIFEST " + jar + "!/META-INF/lib/yaml.jar",
                        "pkg:npm/jquery@3.4.1 JS_BANNER " + jar + "!/js/jquery.js",
                        "pkg:npm/lodash@4.17.15 PACKAGE_JSON example-connect-1.0.0.tgz!/package/node_modules/lodash",
                        "pkg:npm/lodash@4.17.15 JS_BANNER example-connect-1.0.0.tgz!/package/node_modules/lodash/lodash.js",
                        "pkg:npm/lodash@4.17.15 PACKAGE_LOCK example-connect-1.0.0.tgz!/package/package-lock.json",
                        "pkg:npm/axios@0.21.1 PACKAGE_LOCK example-connect-1.0.0.tgz!/package/package-lock.json",
                        "pkg:npm/follow-redirects@1.14.8 PACKAGE_LOCK example-connect-1.0.0.tgz!/package/package-lock.json",
                        "pkg:npm/follow-redirects@1.14.7 YARN_LOCK example-connect-1.0.0.tgz!/package/yarn.lock");
        assertThat(components)
                .as("the manifest of a JAR with Maven metadata, development-only lock entries, the app's own package")
                .noneMatch(c ->
                        c.contains("dev.example/plugin") || c.contains("minimist") || c.contains("example-connect@"));
        assertThat(components)
                .as("the dependencies' own JAR names add nothing beside their metadata")
                .noneMatch(c -> c.contains("FILE_NAME") && !c.contains("commons-collections"));
    }

    @Test
    void exactlyTheAdvisoriesTheDataSaysApply() throws IOException {
        assertThat(found(Severity.LOW))
                .containsExactly(
                        "axios@0.21.1 GHSA-cph5-m8f7-6c5x",
                        "axios@0.21.1 GHSA-wf5p-g6vw-rhxx",
                        "com.fasterxml.jackson.core:jackson-databind@2.9.8 GHSA-57j2-w4cx-62h2",
                        "com.fasterxml.jackson.core:jackson-databind@2.9.8 GHSA-gwp4-hfv6-p7hw",
                        "com.fasterxml.jackson.core:jackson-databind@2.9.8 GHSA-jjjh-jjxp-wpff",
                        "com.fasterxml.jackson.core:jackson-databind@2.9.8 GHSA-qmqc-x3r4-6v39",
                        "com.fasterxml.jackson.core:jackson-databind@2.9.8 GHSA-rgv9-q543-rqg4",
                        "commons-collections@3.2.1 GHSA-6hgm-866r-3cjv",
                        "commons-collections@3.2.1 GHSA-fjq5-5j5f-mvxh",
                        "follow-redirects@1.14.7 GHSA-74fj-2j2h-c42q",
                        "follow-redirects@1.14.7 GHSA-cxjh-pqwp-8mfp",
                        "follow-redirects@1.14.7 GHSA-jchw-25xp-jwwc",
                        "follow-redirects@1.14.7 GHSA-pw2r-vq6v-hr8c",
                        // 1.14.8 is the fix of two of them, and still before the fix of the two others.
                        "follow-redirects@1.14.8 GHSA-cxjh-pqwp-8mfp",
                        "follow-redirects@1.14.8 GHSA-jchw-25xp-jwwc",
                        "jquery@3.4.1 GHSA-gxr4-xjj5-5px2",
                        "lodash@4.17.15 GHSA-29mw-wpgm-hmr9",
                        "lodash@4.17.15 GHSA-35jh-r3h4-6jhm",
                        "lodash@4.17.15 GHSA-p6mc-m468-83gw",
                        "org.apache.commons:commons-text@1.9 GHSA-599f-7c49-w659",
                        "org.apache.logging.log4j:log4j-core@2.14.1 GHSA-7rjr-3q55-vv33",
                        "org.apache.logging.log4j:log4j-core@2.14.1 GHSA-jfh8-c2jp-5v3q",
                        "org.apache.logging.log4j:log4j-core@2.14.1 GHSA-p6xc-xr62-6r2g",
                        "org.yaml:snakeyaml@1.33 GHSA-mjmj-j48q-9wg2");
    }

    @Test
    void byDefaultOnlyHighAndCriticalAreReported() throws IOException {
        List<String> high = found(Severity.HIGH);
        assertThat(high).contains("org.apache.logging.log4j:log4j-core@2.14.1 GHSA-jfh8-c2jp-5v3q");
        assertThat(high)
                .doesNotContain("jquery@3.4.1 GHSA-gxr4-xjj5-5px2", "follow-redirects@1.14.7 GHSA-pw2r-vq6v-hr8c");
        List<Finding> findings =
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.HIGH);
        assertThat(findings).allMatch(f -> f.severity().compareTo(Severity.HIGH) <= 0);
    }

    @Test
    void aFindingNamesTheAdvisoryItsScoreTheComponentAndTheFix() throws IOException {
        Finding logShell =
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.LOW).stream()
                        .filter(f -> Objects.requireNonNull(f.vulnerability())
                                .advisory()
                                .equals("GHSA-jfh8-c2jp-5v3q"))
                        .findFirst()
                        .orElseThrow();
        assertThat(logShell.rule()).isEqualTo("vulnerable-dependency");
        assertThat(logShell.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(logShell.path().toString())
                .isEqualTo("example-plugin-1.0.0.obr!/example-plugin-1.0.0.jar!/META-INF/lib/log4j-core-2.14.1.jar");
        assertThat(logShell.message()).contains("log4j-core 2.14.1", "CVE-2021-44228", "CVSS 10.0", "fixed in 2.15.0");
        assertThat(logShell.vulnerability().cvss()).startsWith("CVSS:3.1/");
        assertThat(logShell.vulnerability().fixed()).isEqualTo("2.15.0");
        assertThat(logShell.preview()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");

        Finding lodash =
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.LOW).stream()
                        .filter(f -> Objects.requireNonNull(f.vulnerability())
                                .advisory()
                                .equals("GHSA-p6mc-m468-83gw"))
                        .findFirst()
                        .orElseThrow();
        assertThat(lodash.vulnerability().locations())
                .as("one finding, every place listed")
                .hasSize(3);
        assertThat(lodash.vulnerability().confidence()).isEqualTo("high");
        Finding byName =
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.LOW).stream()
                        .filter(f -> Objects.requireNonNull(f.vulnerability())
                                .packageName()
                                .equals("commons-collections"))
                        .findFirst()
                        .orElseThrow();
        assertThat(byName.confidence()).isEqualTo("low");
        assertThat(byName.message()).contains("lower confidence");
    }

    private static com.networknt.schema.Schema cycloneDxSchema() throws IOException {
        // The official schemas (test resources cyclonedx/README.md), with the two they refer to.
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String name : List.of("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")) {
            try (var in =
                    Objects.requireNonNull(ScaArtifactsTest.class.getResourceAsStream("/cyclonedx/" + name), name)) {
                schemas.put("http://cyclonedx.org/schema/" + name, new String(in.readAllBytes(), UTF_8));
            }
        }
        com.networknt.schema.SchemaRegistry registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_7, b -> b.schemas(schemas));
        return registry.getSchema(
                com.networknt.schema.SchemaLocation.of("http://cyclonedx.org/schema/bom-1.6.schema.json"));
    }

    @Test
    void theBillOfMaterialsValidatesAgainstTheOfficialCycloneDxSchema() throws IOException {
        ScanReport withFindings = report.withFindings(
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.LOW));
        String json = Sbom.json(withFindings, "apps", "0.1.0", java.time.Instant.parse("2026-12-01T12:00:00Z"));
        JsonNode bom = JsonMapper.shared().readTree(json);
        assertThat(cycloneDxSchema().validate(bom)).isEmpty();
        assertThat(
                        cycloneDxSchema()
                                .validate(
                                        JsonMapper.shared()
                                                .readTree(
                                                        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{\"name\": \"x\"}]}")))
                .as("the schema does check: a component needs a type")
                .isNotEmpty();
        assertThat(bom.path("specVersion").asString()).isEqualTo("1.6");
        JsonNode log4j = null;
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asString().equals("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")) {
                log4j = c;
            }
        }
        assertThat(log4j).isNotNull();
        assertThat(log4j.path("evidence")
                        .path("occurrences")
                        .get(0)
                        .path("location")
                        .asString())
                .endsWith("!/META-INF/lib/log4j-core-2.14.1.jar");
        JsonNode lodash = null;
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asString().equals("pkg:npm/lodash@4.17.15")) {
                lodash = c;
            }
        }
        assertThat(lodash).isNotNull();
        assertThat(lodash.path("evidence").path("occurrences"))
                .as("each place found")
                .hasSize(3);
        List<String> vulnerabilities = new java.util.ArrayList<>();
        bom.path("vulnerabilities")
                .forEach(v -> vulnerabilities.add(v.path("id").asString() + " "
                        + v.path("affects").get(0).path("ref").asString()));
        assertThat(vulnerabilities)
                .contains("GHSA-jfh8-c2jp-5v3q pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                .hasSize(22);
    }

    @Test
    void sarifHasARulePerAdvisoryWithItsCvssAndStaysValid() throws IOException {
        ScanReport withFindings = report.withFindings(
                VulnerableDependencies.findings(report.components(), TestAdvisories.index(), Severity.HIGH));
        JsonNode sarif = JsonMapper.shared()
                .readTree(dev.warden.scanner.Reports.sarif(withFindings, BuiltInRules.all(), "0.1.0"));
        assertThat(dev.warden.scanner.ReportsTest.sarifSchema().validate(sarif)).isEmpty();
        JsonNode run = sarif.path("runs").get(0);
        JsonNode rule = null;
        for (JsonNode r : run.path("tool").path("driver").path("rules")) {
            if (r.path("id").asString().equals("GHSA-jfh8-c2jp-5v3q")) {
                rule = r;
            }
        }
        assertThat(rule).isNotNull();
        assertThat(rule.path("properties").path("security-severity").asString()).isEqualTo("10.0");
        assertThat(rule.path("help").path("text").asString()).contains("CVE-2021-44228", "2.15.0");
        JsonNode result = null;
        for (JsonNode r : run.path("results")) {
            if (r.path("ruleId").asString().equals("GHSA-jfh8-c2jp-5v3q")) {
                result = r;
            }
        }
        assertThat(result).isNotNull();
        int index = result.path("ruleIndex").asInt();
        assertThat(run.path("tool")
                        .path("driver")
                        .path("rules")
                        .get(index)
                        .path("id")
                        .asString())
                .isEqualTo("GHSA-jfh8-c2jp-5v3q");
        String json = dev.warden.scanner.Reports.json(withFindings);
        assertThat(json)
                .contains(
                        "\"advisory\" : \"GHSA-jfh8-c2jp-5v3q\"",
                        "\"fixed\" : \"2.15.0\"",
                        "\"purl\" : \"pkg:npm/lodash@4.17.15\"");
        assertThat(dev.warden.scanner.Reports.text(withFindings))
                .contains(
                        "META-INF/lib/log4j-core-2.14.1.jar  critical  vulnerable-dependency  org.apache.logging.log4j:log4j-core 2.14.1 is affected by GHSA-jfh8-c2jp-5v3q");
    }

    @Test
    void withoutTheInventoryNoComponentIsListed() {
        ScanReport without =
                new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 2, false).scan(dir, Scanner.Progress.NONE);
        assertThat(without.components()).isEmpty();
        assertThat(without.findings()).isEqualTo(report.findings());
    }
}
