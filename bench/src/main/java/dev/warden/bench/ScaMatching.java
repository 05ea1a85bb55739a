package dev.warden.bench;

import dev.warden.scanner.ArtifactPath;
import dev.warden.scanner.Finding;
import dev.warden.scanner.Severity;
import dev.warden.scanner.sca.Advisory;
import dev.warden.scanner.sca.AdvisoryIndex;
import dev.warden.scanner.sca.Component;
import dev.warden.scanner.sca.Ecosystem;
import dev.warden.scanner.sca.LocalAdvisories;
import dev.warden.scanner.sca.VulnerableDependencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Matching {@code COMPONENTS} bundled libraries against {@code ADVISORIES} OSV advisories, as the CLI
 * does it: import the records into a local database (parse, write), load it, index it, match. The
 * advisories are generated with the shapes of real ones (one to three packages each, one or two ranges of
 * introduced/fixed or last_affected events, Maven and npm half and half, some with explicit versions)
 * over a pool of package names that the components share, so that a realistic share matches. Usage:
 * {@code ScaMatching WORKDIR [ADVISORIES] [COMPONENTS] [ROUNDS]}.
 */
public final class ScaMatching {
    private ScaMatching() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int advisories = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int components = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Random random = new Random(20);
        int packages = 8_000;
        Path records = work.resolve("osv");
        Files.createDirectories(records);
        if (!Files.exists(records.resolve(".complete-" + advisories))) {
            for (int i = 0; i < advisories; i++) {
                Files.writeString(records.resolve("GHSA-bench-" + i + ".json"), advisory(i, random, packages));
            }
            Files.writeString(records.resolve(".complete-" + advisories), "");
        }
        List<Component> bundled = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            int p = random.nextInt(packages);
            bundled.add(new Component(
                    p % 2 == 0 ? Ecosystem.MAVEN : Ecosystem.NPM,
                    name(p),
                    version(random),
                    ArtifactPath.of("lib/c" + i + ".jar"),
                    Component.Source.POM_PROPERTIES));
        }
        for (int round = 1; round <= rounds; round++) {
            Path db = work.resolve("db-" + round);
            deleteTree(db);
            long t0 = System.nanoTime();
            LocalAdvisories.Imported imported = LocalAdvisories.importInto(db, records, Instant.now());
            long t1 = System.nanoTime();
            List<Advisory> loaded = LocalAdvisories.load(db);
            long t2 = System.nanoTime();
            AdvisoryIndex index = AdvisoryIndex.of(loaded);
            long t3 = System.nanoTime();
            List<Finding> found = VulnerableDependencies.findings(bundled, index, Severity.LOW);
            long t4 = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: import %d records %.0f ms (%d added); load %d %.0f ms; index %.0f ms;"
                            + " match %d components %.0f ms (%.1f µs each): %d findings%n",
                    round,
                    imported.read().records(),
                    (t1 - t0) / 1e6,
                    imported.added(),
                    loaded.size(),
                    (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6,
                    bundled.size(),
                    (t4 - t3) / 1e6,
                    (t4 - t3) / 1e3 / bundled.size(),
                    found.size());
        }
    }

    private static String name(int p) {
        return p % 2 == 0 ? "org.example.g" + (p % 97) + ":lib-" + p : "pkg-" + p;
    }

    private static String version(Random random) {
        return random.nextInt(6) + "." + random.nextInt(20) + "." + random.nextInt(30);
    }

    private static String advisory(int i, Random random, int packages) {
        StringBuilder affected = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            int p = random.nextInt(packages);
            String ecosystem = p % 2 == 0 ? "Maven" : "npm";
            StringBuilder ranges = new StringBuilder();
            int r = 1 + random.nextInt(2);
            for (int j = 0; j < r; j++) {
                String from = j == 0 && random.nextBoolean() ? "0" : version(random);
                String end = random.nextInt(5) == 0
                        ? "{\"last_affected\": \"" + version(random) + "\"}"
                        : "{\"fixed\": \"" + version(random) + "\"}";
                ranges.append(j == 0 ? "" : ", ")
                        .append("{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"")
                        .append(from)
                        .append("\"}, ")
                        .append(end)
                        .append("]}");
            }
            String versions = random.nextInt(10) == 0 ? "\"" + version(random) + "\", \"" + version(random) + "\"" : "";
            affected.append(k == 0 ? "" : ", ")
                    .append("{\"package\": {\"ecosystem\": \"")
                    .append(ecosystem)
                    .append("\", \"name\": \"")
                    .append(name(p))
                    .append("\"}, \"ranges\": [")
                    .append(ranges)
                    .append("], \"versions\": [")
                    .append(versions)
                    .append("]}");
        }
        String[] vectors = {
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"
        };
        return ("{\"schema_version\": \"1.4.0\", \"id\": \"GHSA-bench-%d\", \"modified\": \"2026-01-01T00:00:00Z\","
                        + " \"published\": \"2025-01-01T00:00:00Z\", \"aliases\": [\"CVE-2099-%d\"],"
                        + " \"summary\": \"Synthetic advisory %d\", \"details\": \"Generated for the benchmark.\","
                        + " \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"%s\"}], \"affected\": [%s],"
                        + " \"database_specific\": {\"severity\": \"HIGH\"}}")
                .formatted(i, i, i, vectors[i % 3], affected);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
