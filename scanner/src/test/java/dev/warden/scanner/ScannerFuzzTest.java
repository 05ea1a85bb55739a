package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.gzip;
import static dev.warden.scanner.Fixtures.tar;
import static dev.warden.scanner.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the archive walker and the rules together: random trees of ZIPs, tars and gzips holding text
 * with planted secrets, then damaged at random (bytes flipped, cut short, spliced). Each input is scanned
 * on one thread and on three. Nothing may escape as an exception, the reports must be identical, no
 * planted secret may appear whole in what a finding says, and no name may add a line to the text report. In the build it runs the same 1,500 inputs (a fixed seed; at most 15 s), so
 * the build never fails on something new found by chance; to look for new failures run it with
 * {@code -Dwarden.fuzz.seed=random -Dwarden.fuzz.seconds=600}. A failure prints its seed
 * ({@code -Dwarden.fuzz.seed=N} runs it again).
 */
class ScannerFuzzTest {
    static final List<String> NAMES = List.of(
            "index.js",
            "config.properties",
            "manifest.yml",
            "atlassian-connect.json",
            "../../up.js",
            "/abs.txt",
            "README.md",
            "src/test/a.spec.ts",
            "Settings.class",
            "lib/inner.jar",
            "a b/c.txt",
            "x\u00e9.js",
            "");

    @TempDir
    Path dir;

    @Test
    void randomDamagedArchivesNeverBreakTheScanOrLeakASecret() throws IOException {
        String given = System.getProperty("warden.fuzz.seed", "20261201");
        long seed = given.equals("random") ? System.nanoTime() : Long.parseLong(given);
        long deadline = System.nanoTime() + Long.getLong("warden.fuzz.seconds", 15) * 1_000_000_000L;
        long most = Long.getLong("warden.fuzz.inputs", given.equals("random") ? Long.MAX_VALUE : 1500);
        Random random = new Random(seed);
        ScanLimits limits = new ScanLimits(64L << 20, 4L << 20, 200, 5_000, 5, 64L << 20);
        Scanner one = new Scanner(BuiltInRules.all(), limits, 1);
        Scanner three = new Scanner(BuiltInRules.all(), limits, 3);
        int inputs = 0;
        do {
            List<String> planted = new ArrayList<>();
            byte[] input = node(random, 0, planted);
            if (random.nextInt(3) == 0) {
                input = damage(random, input);
            }
            Path file = Files.write(dir.resolve("input-" + inputs + ".bin"), input);
            String context = "seed " + seed + " (-Dwarden.fuzz.seed=" + seed + "), input " + inputs;
            ScanReport a = one.scan(file, Scanner.Progress.NONE);
            ScanReport b = three.scan(file, Scanner.Progress.NONE);
            String json = Reports.json(a);
            assertThat(Reports.json(b)).as(context).isEqualTo(json);
            // What Warden says about a finding never holds the secret. (A file's name is the artifact's own:
            // damage can splice a secret into an entry's name, and the report names the entry as it is.)
            StringBuilder said = new StringBuilder();
            for (Finding f : a.findings()) {
                said.append(f.message()).append('\n').append(f.preview()).append('\n');
            }
            for (String secret : planted) {
                assertThat(said.toString())
                        .as(context + ": a secret in a finding")
                        .doesNotContain(secret);
            }
            assertThat(Reports.text(a).lines().count())
                    .as(context + ": one line per finding and problem, and the summary")
                    .isEqualTo(a.findings().size() + a.problems().size() + 1);
            Files.delete(file);
            inputs++;
        } while (System.nanoTime() < deadline && inputs < most);
        System.out.printf("scanner fuzz: seed %d, %d inputs%n", seed, inputs);
        assertThat(inputs).isPositive();
    }

    /** A random file: text with secrets, or an archive of random files. */
    static byte[] node(Random random, int depth, List<String> planted) {
        int kind = depth >= 4 ? 0 : random.nextInt(5);
        if (kind == 0 || kind == 4) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        String token = apiToken(random.nextLong());
                        planted.add(token);
                        text.append("const t = '").append(token).append("';\n");
                    }
                    case 1 -> {
                        String secret = Fixtures.secret(random.nextLong()) + "Z9";
                        planted.add(secret);
                        text.append("client_secret=").append(secret).append('\n');
                    }
                    case 2 -> text.append("await fetch('/rest/api/3/issue/' + key, { method: 'POST' });\n");
                    case 3 -> text.append("permissions:\n  scopes:\n    - write:jira-work\n");
                    default -> text.append("x".repeat(random.nextInt(3000))).append('\n');
                }
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            entries.put(NAMES.get(random.nextInt(NAMES.size())) + (i == 0 ? "" : i), node(random, depth + 1, planted));
        }
        return switch (kind) {
            case 1 -> zip(entries);
            case 2 -> tar(entries);
            default -> gzip(tar(entries));
        };
    }

    /** The bytes damaged in one of several ways. */
    static byte[] damage(Random random, byte[] bytes) {
        if (bytes.length < 2) {
            return bytes;
        }
        byte[] out = bytes.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = random.nextInt(20); i >= 0; i--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            default -> {
                int from = random.nextInt(out.length);
                int length = random.nextInt(out.length - from);
                byte[] spliced = new byte[out.length + length];
                System.arraycopy(out, 0, spliced, 0, from + length);
                System.arraycopy(out, from, spliced, from + length, out.length - from);
                out = spliced;
            }
        }
        return out;
    }
}
