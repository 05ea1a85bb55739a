package dev.warden.server.scanning;

import static dev.warden.server.scanning.ScanningIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Vulnerable bundled libraries in the server, in order: advisories imported through the API, a version
 * bundling Log4j 2.14.1 and jackson-databind 2.9.8 opens SCANNER tickets at each advisory's own CVSS
 * (the clocks follow), an advisory imported later reaches the latest version without a new upload, a
 * later version without the vulnerable library verifies its tickets fixed, and the SBOM is per version.
 */
@ExtendWith(DatabaseRequirement.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependenciesIT {
    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");

    static FreshWarden warden;
    static Http admin;
    static Http partner;
    static Http other;
    static long first;

    @BeforeAll
    static void start() {
        warden = FreshWarden.start(
                Map.of(
                        "warden.jobs.polling-interval",
                        "1s",
                        "warden.scanning.poll-interval",
                        "1s",
                        "warden.advisories.max-upload",
                        "256KB"),
                new TestClock(NOW));
        admin = warden.admin();
        ScanningIT.twoPartners(warden, admin);
        partner = SignIns.person(warden.port(), "pat@acme.example");
        other = SignIns.person(warden.port(), "gus@globex.example");
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static byte[] advisory(String id) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(DependenciesIT.class.getResourceAsStream("/osv/" + id + ".json"))) {
            return in.readAllBytes();
        }
    }

    static Http.Response importAdvisories(Http as, String contentType, byte[] body) {
        return as.sendBody(
                "POST", "/api/v1/advisories?name=test", HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** A JAR's Maven metadata, as the library's own JAR carries it. */
    static byte[] library(String group, String artifact, String version) {
        return Artifacts.zip(Map.of(
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] app(String log4j, String text) {
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("META-INF/lib/log4j-core-" + log4j + ".jar", library("org.apache.logging.log4j", "log4j-core", log4j));
        jar.put(
                "META-INF/lib/jackson-databind-2.9.8.jar",
                library("com.fasterxml.jackson.core", "jackson-databind", "2.9.8"));
        jar.put("META-INF/lib/commons-text-" + text + ".jar", library("org.apache.commons", "commons-text", text));
        return Artifacts.obr("app.jar", jar);
    }

    static long upload(String version, byte[] bytes) throws InterruptedException {
        Http.Response r = partner.multipart(
                "/api/v1/apps/com.acme.app/versions",
                Map.of("version", version, "hosting", "CLOUD"),
                "app-" + version + ".obr",
                bytes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!ok(admin.get("/api/v1/apps/com.acme.app/versions/" + id))
                .path("scan")
                .path("status")
                .asString("")
                .equals("FINISHED")) {
            assertThat(System.nanoTime()).as("the scan did not finish").isLessThan(deadline);
            Thread.sleep(200);
        }
        return id;
    }

    static List<JsonNode> tickets() {
        return ok(admin.get("/api/v1/tickets?app=com.acme.app&size=100"))
                .get("items")
                .valueStream()
                .toList();
    }

    static JsonNode ticket(String advisoryOrCve) {
        return tickets().stream()
                .filter(t -> t.get("title").asString().contains(advisoryOrCve))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ticket for " + advisoryOrCve + " in " + tickets()));
    }

    @Test
    @Order(1)
    void onlyTheOperatorImportsAdvisories() throws IOException {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (String id :
                List.of("GHSA-jfh8-c2jp-5v3q", "GHSA-7rjr-3q55-vv33", "GHSA-p6xc-xr62-6r2g", "GHSA-qmqc-x3r4-6v39")) {
            zip.put(id + ".json", advisory(id));
        }
        zip.put("broken.json", "{\"id\": \"GHSA-x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(importAdvisories(partner, "application/zip", Artifacts.zip(zip))
                        .status())
                .isEqualTo(403);
        JsonNode imported = ok(importAdvisories(admin, "application/zip", Artifacts.zip(zip)));
        assertThat(imported.get("added").asInt()).isEqualTo(4);
        assertThat(imported.get("errors").get(0).asString()).contains("broken.json");
        assertThat(ok(importAdvisories(admin, "application/zip", Artifacts.zip(zip)))
                        .get("unchanged")
                        .asInt())
                .as("incremental")
                .isEqualTo(4);
        assertThat(importAdvisories(admin, "application/json", "not json".getBytes(StandardCharsets.UTF_8))
                        .json()
                        .get("errors")
                        .get(0)
                        .asString())
                .contains("not JSON");
        JsonNode listed = ok(admin.get("/api/v1/advisories?q=CVE-2021-44228"));
        assertThat(listed.get("totalItems").asInt()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(ok(admin.get("/api/v1/advisories/GHSA-jfh8-c2jp-5v3q"))
                        .get("aliases")
                        .get(0)
                        .asString())
                .isEqualTo("CVE-2021-44228");
        assertThat(admin.get("/api/v1/advisories/GHSA-none").status()).isEqualTo(404);
        assertThat(importAdvisories(admin, "application/zip", new byte[300 * 1024])
                        .status())
                .as("over warden.advisories.max-upload")
                .isEqualTo(413);
        assertThat(ok(admin.get("/api/v1/advisories/imports"))
                        .get(0)
                        .get("added")
                        .asInt())
                .isZero();
    }

    @Test
    @Order(2)
    void aVersionBundlingVulnerableLibrariesOpensTicketsAtTheAdvisoriesOwnCvss() throws Exception {
        first = upload("1.0.0", app("2.14.1", "1.9"));
        JsonNode logShell = ticket("CVE-2021-44228");
        assertThat(logShell.get("type").asString()).isEqualTo("SCANNER");
        assertThat(logShell.get("title").asString())
                .startsWith("Vulnerable org.apache.logging.log4j:log4j-core 2.14.1");
        assertThat(logShell.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(logShell.get("score").asDouble()).isEqualTo(10.0);
        assertThat(logShell.get("dueAt").asString())
                .as("Cloud, Critical: 10 days")
                .isEqualTo("2026-11-11T09:00:00Z");
        assertThat(ticket("CVE-2021-45105").get("severity").asString()).isEqualTo("HIGH");
        JsonNode noVector = ticket("CVE-2019-14893");
        assertThat(noVector.get("score").asDouble())
                .as("the lowest score of the database's HIGH")
                .isEqualTo(7.0);
        assertThat(noVector.get("severity").asString()).isEqualTo("HIGH");
        assertThat(tickets())
                .as("commons-text's advisory is not imported yet")
                .noneMatch(t -> t.get("title").asString().contains("commons-text"));

        JsonNode found = ok(partner.get("/api/v1/apps/com.acme.app/versions/" + first + "/findings"));
        JsonNode log4j = found.get("findings")
                .valueStream()
                .filter(f ->
                        f.path("vulnerability").path("advisory").asString("").equals("GHSA-jfh8-c2jp-5v3q"))
                .findFirst()
                .orElseThrow();
        assertThat(log4j.get("rule").asString()).isEqualTo("vulnerable-dependency");
        assertThat(log4j.get("vulnerability").get("fixed").asString()).isEqualTo("2.15.0");
        assertThat(log4j.get("ticket").asString()).isEqualTo(logShell.get("key").asString());

        Http.Response sbom = partner.get("/api/v1/apps/com.acme.app/versions/" + first + "/sbom");
        assertThat(sbom.status()).isEqualTo(200);
        assertThat(sbom.header("Content-Type")).startsWith("application/vnd.cyclonedx+json");
        JsonNode bom = sbom.json();
        assertThat(bom.get("specVersion").asString()).isEqualTo("1.6");
        assertThat(bom.get("components").valueStream().map(c -> c.get("purl").asString()))
                .contains(
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                        "pkg:maven/org.apache.commons/commons-text@1.9");
        assertThat(bom.get("vulnerabilities").valueStream().map(v -> v.get("id").asString()))
                .contains("GHSA-jfh8-c2jp-5v3q");
        assertThat(other.get("/api/v1/apps/com.acme.app/versions/" + first + "/sbom")
                        .status())
                .as("another partner's version")
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void anAdvisoryImportedLaterReachesTheLatestVersionWithoutANewUpload() throws IOException {
        ok(importAdvisories(admin, "application/json", advisory("GHSA-599f-7c49-w659")));
        JsonNode text = ticket("CVE-2022-42889");
        assertThat(text.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(text.get("title").asString()).contains("commons-text 1.9");
        JsonNode found = ok(admin.get("/api/v1/apps/com.acme.app/versions/" + first + "/findings"));
        assertThat(found.get("findings")
                        .valueStream()
                        .filter(f -> f.get("rule").asString().equals("vulnerable-dependency")))
                .as("three Log4j, one jackson-databind, one commons-text")
                .hasSize(5);
    }

    @Test
    @Order(4)
    void aLaterVersionWithoutTheVulnerableLibrariesVerifiesTheirTicketsFixed() throws Exception {
        upload("1.1.0", app("2.17.1", "1.10.0"));
        for (String cve : List.of("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2022-42889")) {
            assertThat(ticket(cve).get("status").asString()).as(cve).isEqualTo("PATCHED");
        }
        assertThat(ticket("CVE-2019-14893").get("status").asString())
                .as("jackson-databind 2.9.8 is still bundled")
                .isEqualTo("NEEDS_PATCH");
    }
}
