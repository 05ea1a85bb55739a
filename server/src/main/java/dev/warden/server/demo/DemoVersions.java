package dev.warden.server.demo;

import dev.warden.core.catalog.Hosting;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A few app versions for the demo marketplace, with real artifacts built here: one whose first version
 * holds a client secret and a scope it never uses (the next version drops the secret, and its ticket is
 * verified fixed), one whose bundle asks users for their API token, and a Data Center plugin bundling
 * Log4j 2.14.1 (matched against a few real advisories imported first). Scanned as they are loaded, so
 * the console shows the whole loop at once. The secrets are random, made at run time.
 */
final class DemoVersions {
    private static final Actor DEMO = Actor.system("demo");

    private DemoVersions() {}

    /** Real advisories (demo/advisories/README.md), imported before the versions are scanned. */
    static final java.util.List<String> ADVISORIES = java.util.List.of(
            "GHSA-jfh8-c2jp-5v3q",
            "GHSA-7rjr-3q55-vv33",
            "GHSA-p6xc-xr62-6r2g",
            "GHSA-599f-7c49-w659",
            "GHSA-fjq5-5j5f-mvxh");

    static void advisories(dev.warden.server.dependencies.Advisories advisories) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("warden-demo-advisories");
            try {
                for (String id : ADVISORIES) {
                    try (InputStream in = java.util.Objects.requireNonNull(
                            DemoVersions.class.getResourceAsStream("/demo/advisories/" + id + ".json"), id)) {
                        java.nio.file.Files.write(dir.resolve(id + ".json"), in.readAllBytes());
                    }
                }
                advisories.importFrom(dir, "demo", DEMO);
            } finally {
                for (String id : ADVISORIES) {
                    java.nio.file.Files.deleteIfExists(dir.resolve(id + ".json"));
                }
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void load(AppVersions versions) {
        String secret = random(new Random(2026), 40);
        Map<String, byte[]> roadmaps = new LinkedHashMap<>();
        roadmaps.put("atlassian-connect.json", utf8("""
                {"key": "com.acme.roadmaps", "baseUrl": "https://roadmaps.acme.example",
                 "scopes": ["READ", "WRITE", "DELETE"]}
                """));
        roadmaps.put("static/js/board.js", utf8("""
                export async function load(projectKey) {
                  const response = await AP.request({ url: '/rest/api/3/search?jql=project=' + projectKey, type: 'GET' });
                  return JSON.parse(response.body).issues;
                }
                export async function rank(issue, after) {
                  return AP.request({ url: '/rest/agile/1.0/issue/rank', type: 'PUT', data: JSON.stringify({ issues: [issue], rankAfterIssue: after }) });
                }
                """));
        Map<String, byte[]> withSecret = new LinkedHashMap<>(roadmaps);
        withSecret.put("config/oauth.properties", utf8("client_id=roadmaps-prod\nclient_secret=" + secret + "\n"));
        add(versions, "com.acme.roadmaps", Hosting.CLOUD, "3.1.0", "roadmaps-3.1.0.zip", zip(withSecret));
        add(versions, "com.acme.roadmaps", Hosting.CLOUD, "3.2.0", "roadmaps-3.2.0.zip", zip(roadmaps));

        Map<String, byte[]> diagrams = new LinkedHashMap<>();
        diagrams.put("atlassian-connect.json", utf8("""
                {"key": "com.zenith.diagrams", "baseUrl": "https://diagrams.zenith.example", "scopes": ["READ"]}
                """));
        diagrams.put("static/settings.js", utf8("""
                const field = { name: 'token', label: 'Your Atlassian API token', type: 'password' };
                export function authorize(email, apiToken) {
                  return 'Basic ' + btoa(email + ':' + apiToken);
                }
                export const form = [field];
                """));
        add(versions, "com.zenith.diagrams", Hosting.CLOUD, "2.0.0", "diagrams-2.0.0.zip", zip(diagrams));

        Map<String, byte[]> codeReview = new LinkedHashMap<>();
        codeReview.put(
                "atlassian-plugin.xml",
                utf8("<atlassian-plugin key=\"com.bluefin.code-review\" name=\"Code Review\"/>\n"));
        codeReview.put(
                "META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\nBundle-SymbolicName: com.bluefin.code-review\n"));
        // It bundles Log4j 2.14.1 (Log4Shell), as the library's own JAR names itself.
        codeReview.put(
                "META-INF/lib/log4j-core-2.14.1.jar",
                zip(Map.of(
                        "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                        utf8("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n"))));
        Map<String, byte[]> obr = new LinkedHashMap<>();
        obr.put("obr.xml", utf8("<repository name=\"code-review\"/>\n"));
        obr.put("code-review-5.0.0.jar", zip(codeReview));
        add(versions, "com.bluefin.code-review", Hosting.DATA_CENTER, "5.0.0", "code-review-5.0.0.obr", zip(obr));

        versions.scanQueuedNow(Duration.ofMinutes(2));
    }

    private static void add(
            AppVersions versions, String app, Hosting hosting, String version, String name, byte[] bytes) {
        versions.add(
                app,
                new AppVersions.NewVersion(version, hosting, null, null),
                new AppVersions.Upload() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public InputStream open() {
                        return new ByteArrayInputStream(bytes);
                    }
                },
                DEMO);
        // Each version is scanned before the next is added, so the second version of an app finds the
        // first one's findings to follow.
        versions.scanQueuedNow(Duration.ofMinutes(1));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String random(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(1_700_000_000_000L);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
