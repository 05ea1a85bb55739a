package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.gzip;
import static dev.warden.scanner.Fixtures.tar;
import static dev.warden.scanner.Fixtures.utf8;
import static dev.warden.scanner.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same input gives byte-identical reports on any number of threads, and long lines cost no more. */
class DeterminismTest {
    @TempDir
    Path dir;

    /** A stored (not compressed) ZIP, as {@code zip -0} makes: its entries expand 1:1. */
    static byte[] stored(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Text that compresses about 7 times, as source code does. */
    static byte[] source(Random random, int size, String secret) {
        StringBuilder out = new StringBuilder();
        String[] words = {"const", "value", "return", "function", "items", "map", "=>", "{", "}", ";", "await"};
        while (out.length() < size) {
            out.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? "\n" : " ");
        }
        out.append("\nconst token = '").append(secret).append("';\n");
        return utf8(out.toString());
    }

    Path corpus() throws IOException {
        Random random = new Random(16);
        Path folder = Files.createDirectory(dir.resolve("corpus"));
        Map<String, byte[]> jars = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            jars.put("lib" + i + ".jar", zip(Map.of("Big" + i + ".java", source(random, 6 << 20, apiToken(100 + i)))));
        }
        Files.write(folder.resolve("bundle.obr"), stored(jars));
        // npm packages: each expands to under its ratio budget, so what is read of it must never depend on
        // what other threads expand meanwhile (the big JARs above).
        for (int i = 0; i < 16; i++) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int f = 0; f < 5; f++) {
                files.put(
                        "package/lib/f" + f + ".js",
                        utf8("const value = items.map(x => x + 1);\n".repeat(5000) + "const token = '"
                                + apiToken(200 + i * 10 + f) + "';\n"));
            }
            Files.write(folder.resolve("pkg" + i + ".tgz"), gzip(tar(files)));
        }
        Files.write(folder.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 9, 9});
        Files.writeString(folder.resolve("plain.js"), "const k = '" + apiToken(300) + "';");
        return folder;
    }

    @Test
    void reportsAreByteIdenticalOnOneTwoAndEightThreads() throws IOException {
        Path folder = corpus();
        String json = null;
        String sarif = null;
        for (int threads : new int[] {1, 2, 8, 8, 2, 8}) {
            ScanReport report =
                    new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, threads).scan(folder, Scanner.Progress.NONE);
            String j = Reports.json(report).replace(folder.toString(), "CORPUS");
            String s = Reports.sarif(report, BuiltInRules.all(), "test").replace(folder.toString(), "CORPUS");
            if (json == null) {
                json = j;
                sarif = s;
                assertThat(report.findings()).hasSize(3 + 80 + 1);
            }
            assertThat(j).as("json on %d threads", threads).isEqualTo(json);
            assertThat(s).as("sarif on %d threads", threads).isEqualTo(sarif);
        }
    }

    @Test
    @Timeout(60) // a regression guard only: before, 10 MB took 107 s; the benchmark measures it
    void aMinifiedLineOfTenMegabytesWithAThousandTokensIsScannedInTime() throws IOException {
        Random random = new Random(17);
        StringBuilder line = new StringBuilder(10 << 20);
        int tokens = 0;
        while (line.length() < (10 << 20)) {
            for (int i = 0; i < 10_000; i++) {
                line.append((char) ('a' + random.nextInt(26)));
            }
            line.append("var t")
                    .append(tokens)
                    .append("=\"")
                    .append(apiToken(1000 + tokens))
                    .append("\";");
            tokens++;
        }
        Path file = Files.writeString(dir.resolve("bundle.min.js"), line);
        Path lines = Files.writeString(dir.resolve("bundle.js"), line.toString().replace(";", ";\n"));

        Scanner scanner = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1);
        ScanReport report = scanner.scan(file, Scanner.Progress.NONE);
        ScanReport reference = scanner.scan(lines, Scanner.Progress.NONE);
        assertThat(tokens).isGreaterThan(1000);
        assertThat(report.findings()).allMatch(f -> f.line() == 1);
        assertThat(report.findings())
                .as("the same secrets as with a line each")
                .extracting(Finding::secretHash)
                .containsExactlyElementsOf(
                        reference.findings().stream().map(Finding::secretHash).toList());
        assertThat(report.findings())
                .as("every token: none mistaken for a stand-in because it happens to contain a word like 'here'")
                .hasSize(tokens);
    }
}
