package dev.warden.scanner.sca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing OSV advisories from a folder, a zip and the GitHub layout, incrementally. */
class LocalAdvisoriesTest {
    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aFolderImportsOnceAndAgainChangesNothing() throws Exception {
        Path db = dir.resolve("db");
        LocalAdvisories.Imported first = LocalAdvisories.importInto(db, TestAdvisories.folder(), NOW);
        assertThat(first.added()).isEqualTo(90);
        assertThat(first.withdrawn()).isEqualTo(1);
        assertThat(first.read().errors()).isEmpty();
        LocalAdvisories.Imported again = LocalAdvisories.importInto(db, TestAdvisories.folder(), NOW);
        assertThat(again.added()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(90);
        assertThat(AdvisoryIndex.of(LocalAdvisories.load(db)).size()).isEqualTo(89);
        assertThat(LocalAdvisories.updated(db)).isEqualTo(NOW);
    }

    @Test
    void aLaterModifiedDateReplacesAndAWithdrawalStopsMatching() throws Exception {
        Path db = dir.resolve("db");
        LocalAdvisories.importInto(db, TestAdvisories.folder(), NOW);
        String logShell = Files.readString(TestAdvisories.folder().resolve("Maven/GHSA-jfh8-c2jp-5v3q.json"));
        String withdrawn = logShell.replaceFirst(
                "\"modified\":\\s*\"[^\"]+\"",
                "\"modified\": \"2030-01-01T00:00:00Z\", \"withdrawn\": \"2030-01-01T00:00:00Z\"");
        Path update = dir.resolve("update.json");
        Files.writeString(update, withdrawn);
        LocalAdvisories.Imported imported = LocalAdvisories.importInto(db, update, NOW);
        assertThat(imported.updated()).isEqualTo(1);
        assertThat(imported.withdrawn()).isEqualTo(1);
        assertThat(AdvisoryIndex.of(LocalAdvisories.load(db)).size()).isEqualTo(88);
        // The older text, imported again, does not bring it back.
        Path old = dir.resolve("old.json");
        Files.writeString(old, logShell);
        assertThat(LocalAdvisories.importInto(db, old, NOW).unchanged()).isEqualTo(1);
        assertThat(AdvisoryIndex.of(LocalAdvisories.load(db)).size()).isEqualTo(88);
    }

    @Test
    void aZipAsOsvPublishesItAndTheGithubLayoutAreRead() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(TestAdvisories.folder().resolve("npm"))) {
            files.forEach(f -> {
                try {
                    entries.put(f.getFileName().toString(), Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        entries.put("broken.json", "{\"id\": \"X-1\"}".getBytes(StandardCharsets.UTF_8));
        entries.put(
                "pypi.json",
                ("{\"id\": \"PYSEC-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": "
                                + "[{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"x\"}}]}")
                        .getBytes(StandardCharsets.UTF_8));
        Path zip = dir.resolve("all.zip");
        Files.write(zip, dev.warden.scanner.Fixtures.zip(entries));
        LocalAdvisories.Imported fromZip = LocalAdvisories.importInto(dir.resolve("z"), zip, NOW);
        assertThat(fromZip.added()).isEqualTo(44);
        assertThat(fromZip.read().otherEcosystems()).isEqualTo(1);
        assertThat(fromZip.read().errors()).singleElement().asString().contains("broken.json", "modified");

        Path github = dir.resolve("advisory-database/advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q");
        Files.createDirectories(github);
        Files.copy(
                TestAdvisories.folder().resolve("Maven/GHSA-jfh8-c2jp-5v3q.json"),
                github.resolve("GHSA-jfh8-c2jp-5v3q.json"));
        assertThat(LocalAdvisories.importInto(dir.resolve("g"), dir.resolve("advisory-database"), NOW)
                        .added())
                .isEqualTo(1);
    }

    @Test
    void aScanReadsOnlyTheRecordsOfThePackagesItFound() throws Exception {
        Path db = dir.resolve("db");
        LocalAdvisories.importInto(db, TestAdvisories.folder(), NOW);
        java.util.List<Component> found = java.util.List.of(
                new Component(
                        Ecosystem.MAVEN,
                        "org.apache.logging.log4j:log4j-core",
                        "2.14.1",
                        dev.warden.scanner.ArtifactPath.of("a.jar"),
                        Component.Source.POM_PROPERTIES),
                new Component(
                        Ecosystem.MAVEN,
                        "commons-collections",
                        "3.2.1",
                        dev.warden.scanner.ArtifactPath.of("commons-collections-3.2.1.jar"),
                        Component.Source.FILE_NAME));
        assertThat(LocalAdvisories.loadFor(db, found).stream().map(Advisory::id))
                .containsExactlyInAnyOrder(
                        "GHSA-jfh8-c2jp-5v3q",
                        "GHSA-7rjr-3q55-vv33",
                        "GHSA-p6xc-xr62-6r2g",
                        "GHSA-fjq5-5j5f-mvxh",
                        "GHSA-6hgm-866r-3cjv");
    }

    @Test
    void aMissingDatabaseSaysHowToMakeOne() {
        assertThatThrownBy(() -> LocalAdvisories.load(dir.resolve("none")))
                .isInstanceOf(LocalAdvisories.MissingException.class)
                .hasMessageContaining("warden advisories import");
    }
}
