package dev.warden.cli;

import static dev.warden.cli.ValidateCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.ValidateCommandTest.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden advisories import|status} and {@code warden scan --advisories/--sbom/--dependency-severity}. */
class AdvisoriesCommandTest {
    @TempDir
    Path dir;

    private Path advisory() throws Exception {
        Path file = dir.resolve("GHSA-jfh8-c2jp-5v3q.json");
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/osv/GHSA-jfh8-c2jp-5v3q.json"))) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** An app folder holding a plugin JAR that bundles log4j-core 2.14.1 (its Maven metadata). */
    private Path app() throws Exception {
        ByteArrayOutputStream log4j = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(log4j)) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
            zip.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream plugin = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(plugin)) {
            zip.putNextEntry(new ZipEntry("META-INF/lib/log4j-core-2.14.1.jar"));
            zip.write(log4j.toByteArray());
        }
        Path folder = Files.createDirectories(dir.resolve("app"));
        Files.write(folder.resolve("plugin-1.0.jar"), plugin.toByteArray());
        return folder;
    }

    @Test
    void importThenScanFindsTheVulnerableLibraryAndWritesTheSbom() throws Exception {
        Path db = dir.resolve("db");
        Run imported = run("advisories", "import", advisory().toString(), "--into", db.toString());
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).contains("1 record(s) read: 1 added", "1 advisories in " + db);
        assertThat(run("advisories", "import", advisory().toString(), "--into", db.toString())
                        .out())
                .as("incremental: the same record again changes nothing")
                .contains("0 added, 0 updated, 1 unchanged");
        assertThat(run("advisories", "status", "--into", db.toString()).out()).contains("1 advisories in " + db);

        Path sbom = dir.resolve("bom.json");
        Run scan = run("scan", app().toString(), "--advisories", db.toString(), "--sbom", sbom.toString());
        assertThat(scan.exitCode()).isOne();
        assertThat(scan.out())
                .contains("plugin-1.0.jar!/META-INF/lib/log4j-core-2.14.1.jar  critical  vulnerable-dependency")
                .contains("GHSA-jfh8-c2jp-5v3q (CVE-2021-44228, CVSS 10.0)", "fixed in 2.15.0");
        JsonNode bom = JsonMapper.shared().readTree(Files.readString(sbom));
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("components").valueStream().map(c -> c.path("purl").asString()))
                .as("the plugin itself has no Maven metadata: its file name names it")
                .containsExactly("pkg:maven/plugin@1.0", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(bom.path("vulnerabilities").get(0).path("id").asString()).isEqualTo("GHSA-jfh8-c2jp-5v3q");

        Run sarif = run("scan", app().toString(), "--advisories", db.toString(), "--format", "sarif");
        assertThat(JsonMapper.shared()
                        .readTree(sarif.out())
                        .path("runs")
                        .get(0)
                        .path("results")
                        .get(0)
                        .path("ruleId")
                        .asString())
                .isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(run("scan", app().toString(), "--advisories", db.toString(), "--no-sca")
                        .exitCode())
                .isZero();
    }

    @Test
    void withoutADatabaseTheComponentsAreListedAndTheUserIsToldWhatWasNotChecked() throws Exception {
        Run scan = run("scan", app().toString(), "--format", "json");
        assertThat(scan.exitCode()).isZero();
        assertThat(JsonMapper.shared().readTree(scan.out()).path("components")).hasSize(2);
        // Only when the default folder is absent (it is on a build machine); a named one must exist.
        Run missing = run(
                "scan", app().toString(), "--advisories", dir.resolve("none").toString());
        assertThat(missing.exitCode()).isEqualTo(WardenCli.USAGE);
        assertThat(missing.err()).contains("no advisory database in", "warden advisories import");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Run severity = run("scan", app().toString(), "--dependency-severity", "severe");
        assertThat(severity.exitCode()).isEqualTo(WardenCli.USAGE);
        assertThat(severity.err()).contains("critical, high, medium or low");
        Run unreadable = run("advisories", "import", dir.resolve("absent").toString(), "--into", dir.toString());
        assertThat(unreadable.exitCode()).isEqualTo(WardenCli.USAGE);
        assertThat(unreadable.err()).contains("cannot read");
        assertThat(run("advisories", "status", "--into", dir.resolve("empty").toString())
                        .exitCode())
                .isOne();
    }
}
