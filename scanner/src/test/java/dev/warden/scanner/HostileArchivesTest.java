package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.gzip;
import static dev.warden.scanner.Fixtures.tar;
import static dev.warden.scanner.Fixtures.utf8;
import static dev.warden.scanner.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives inside archives, and every way an uploaded archive can try to hurt the scanner. */
class HostileArchivesTest {
    @TempDir
    Path dir;

    static Map<String, byte[]> entries(Object... nameAndContent) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Object content = nameAndContent[i + 1];
            out.put((String) nameAndContent[i], content instanceof String s ? utf8(s) : (byte[]) content);
        }
        return out;
    }

    ScanReport scan(String name, byte[] bytes, ScanLimits limits) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return new Scanner(BuiltInRules.all(), limits, 1).scan(file, Scanner.Progress.NONE);
    }

    static List<String> where(ScanReport report) {
        return report.findings().stream().map(f -> f.path() + ":" + f.line()).toList();
    }

    static List<String> problems(ScanReport report) {
        return report.problems().stream()
                .map(p -> p.path() + ": " + p.message())
                .toList();
    }

    @Test
    void nestedArchivesAreOpenedAndNamedWithOneSeparatorEach() throws IOException {
        byte[] jar = zip(entries("x.properties", "\ntoken=" + apiToken(1)));
        byte[] obr = zip(entries("lib/b.jar", jar, "README", "nothing here"));
        byte[] tgz = gzip(tar(entries("package/bundle.obr", obr, "package/index.js", "x = '" + apiToken(2) + "'")));
        byte[] outer = zip(entries("a.tgz", tgz));
        ScanReport report = scan("upload.zip", outer, ScanLimits.DEFAULTS);
        assertThat(where(report))
                .containsExactly(
                        "upload.zip!/a.tgz!/package/bundle.obr!/lib/b.jar!/x.properties:2",
                        "upload.zip!/a.tgz!/package/index.js:1");
        assertThat(report.problems()).isEmpty();
        assertThat(report.files()).isEqualTo(3);
    }

    @Test
    void aZipBombStopsAtTheCompressionRatio() throws IOException {
        byte[] zeros = new byte[50 << 20]; // 50 MiB of zeros compresses about a thousandfold
        byte[] bomb = zip(entries("zeros.bin", zeros, "ok.js", "x = '" + apiToken(3) + "'"));
        assumeThat(bomb.length).isLessThan(1 << 20);
        ScanReport report = scan("bomb.zip", bomb, ScanLimits.DEFAULTS);
        assertThat(problems(report))
                .containsExactly("bomb.zip!/zeros.bin: skipped: expands more than 200 times its compressed size");
        assertThat(where(report)).as("the rest is still scanned").containsExactly("bomb.zip!/ok.js:1");
    }

    @Test
    void aGzipBombStopsAtTheCompressionRatioToo() throws IOException {
        ScanReport report = scan("zeros.gz", gzip(new byte[50 << 20]), ScanLimits.DEFAULTS);
        assertThat(problems(report))
                .containsExactly("zeros.gz!/zeros: skipped: expands more than 200 times its compressed size");
    }

    @Test
    void totalExpansionIsBoundedPerFileGivenToTheScan() throws IOException {
        byte[] random = new byte[300_000];
        new java.util.Random(4).nextBytes(random); // incompressible: passes the ratio check
        Map<String, byte[]> four = entries("a.bin", random, "b.bin", random, "c.bin", random, "d.bin", random);
        ScanLimits limits = new ScanLimits(700_000, 1 << 20, 200, 1000, 6);
        ScanReport report = scan("big.zip", zip(four), limits);
        assertThat(problems(report))
                .as("said once, though d.bin is refused too")
                .containsExactly("big.zip!/c.bin: stopped: more than 700000 bytes expanded from this file's archives;"
                        + " its later entries are not read");
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.incomplete()).isTrue();

        // Each file has a budget of its own: what is read of one never depends on what another thread read.
        Path folder = Files.createDirectory(dir.resolve("two"));
        Files.write(folder.resolve("one.zip"), zip(four));
        Files.write(folder.resolve("two.zip"), zip(four));
        for (int threads : new int[] {1, 2}) {
            ScanReport both = new Scanner(BuiltInRules.all(), limits, threads).scan(folder, Scanner.Progress.NONE);
            assertThat(both.files()).isEqualTo(4);
            assertThat(problems(both)).hasSize(2);
        }
    }

    @Test
    void entryCountAndFileSizeAreBounded() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("f" + i + ".txt", utf8("x"));
        }
        ScanReport report = scan("many.zip", zip(many), new ScanLimits(1 << 30, 1 << 20, 200, 20, 6));
        assertThat(problems(report)).containsExactly("many.zip: stopped: more than 20 archive entries in this file");
        assertThat(report.files()).isEqualTo(20);

        byte[] random = new byte[5000];
        new java.util.Random(5).nextBytes(random);
        ScanReport large = scan("large.zip", zip(entries("r.bin", random)), new ScanLimits(1 << 30, 4096, 200, 20, 6));
        // The archive itself is over the limit too: it is read where it lies, and its entry is refused.
        assertThat(problems(large)).containsExactly("large.zip!/r.bin: skipped: larger than 4096 bytes");
        ScanReport plain = scan("large.bin", random, new ScanLimits(1 << 30, 4096, 200, 20, 6));
        assertThat(problems(plain)).containsExactly("large.bin: skipped: 5000 bytes, over the limit of 4096 per file");
    }

    @Test
    void nestingDepthIsBounded() throws IOException {
        byte[] inner = zip(entries("deep.js", "x = '" + apiToken(6) + "'"));
        for (int i = 0; i < 4; i++) {
            inner = zip(entries("level" + i + ".zip", inner));
        }
        ScanReport shallow = scan("nest.zip", inner, new ScanLimits(1 << 30, 1 << 20, 200, 1000, 3));
        assertThat(shallow.findings()).isEmpty();
        assertThat(problems(shallow))
                .containsExactly(
                        "nest.zip!/level3.zip!/level2.zip!/level1.zip: not opened: archives nested deeper than 3");
        ScanReport deep = scan("nest.zip", inner, ScanLimits.DEFAULTS);
        assertThat(where(deep)).containsExactly("nest.zip!/level3.zip!/level2.zip!/level1.zip!/level0.zip!/deep.js:1");
    }

    @Test
    void entriesThatClimbOutOfTheArchiveAreReadNeverExtractedAndNoted() throws IOException {
        ScanReport report = scan(
                "evil.zip",
                zip(entries("../../etc/cron.d/x", "x = '" + apiToken(7) + "'", "/abs.txt", "y", "fine.txt", "z")),
                ScanLimits.DEFAULTS);
        assertThat(problems(report))
                .containsExactly(
                        "evil.zip: entry name leaves the archive (read, never extracted): ../../etc/cron.d/x",
                        "evil.zip: entry name leaves the archive (read, never extracted): /abs.txt");
        assertThat(where(report)).as("its content is scanned").containsExactly("evil.zip!/../../etc/cron.d/x:1");
        assertThat(report.files()).isEqualTo(3);
        assertThat(report.incomplete()).as("nothing went unread").isFalse();
        assertThat(dir.resolve("../etc")).doesNotExist();
    }

    @Test
    void symbolicLinksAreNotFollowedInTarsOrFolders() throws IOException {
        ScanReport report =
                scan("links.tar", tar(entries("link:passwd", "/etc/passwd", "a.txt", "fine")), ScanLimits.DEFAULTS);
        assertThat(problems(report)).containsExactly("links.tar: symbolic link not followed: passwd");

        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path outside = Files.writeString(dir.resolve("outside.js"), "x = '" + apiToken(8) + "'");
        try {
            Files.createSymbolicLink(folder.resolve("link.js"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links are not supported here").isTrue();
        }
        ScanReport walked = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1).scan(folder, Scanner.Progress.NONE);
        assertThat(walked.findings()).isEmpty();
        assertThat(problems(walked)).containsExactly("link.js: symbolic link not followed");
    }

    @Test
    void aCorruptOrTruncatedArchiveIsAProblemAndTheScanGoesOn() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("mixed"));
        byte[] good = zip(entries("a.js", "x = '" + apiToken(9) + "'"));
        byte[] random = new byte[4000];
        new java.util.Random(9).nextBytes(random);
        // A download cut short: the first entry whole, the second and the central directory lost.
        byte[] two = zip(entries("a.js", "x = '" + apiToken(9) + "'", "lib.bin", random));
        Files.write(folder.resolve("truncated.jar"), Arrays.copyOf(two, two.length / 2));
        byte[] corrupt = good.clone();
        for (int i = 30; i < 60; i++) {
            corrupt[i] = (byte) 0xff;
        }
        Files.write(folder.resolve("corrupt.zip"), corrupt);
        Files.write(folder.resolve("bad.tgz"), Arrays.copyOf(gzip(tar(entries("a", "b"))), 20));
        Files.write(folder.resolve("good.jar"), good);
        ScanReport report = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 2).scan(folder, Scanner.Progress.NONE);
        // The truncated JAR lost its central directory, not its first entry: that is read from its local header.
        assertThat(where(report)).containsExactly("good.jar!/a.js:1", "truncated.jar!/a.js:1");
        assertThat(report.problems())
                .extracting(p -> p.path().toString())
                .contains("truncated.jar", "bad.tgz", "corrupt.zip!/a.js");
        assertThat(report.problems()).allMatch(Problem::unread);
        assertThat(report.incomplete()).isTrue();
    }

    @Test
    void aBombAheadOfTheAppInAnObrIsSkippedAndTheAppIsStillRead() throws IOException {
        // 42.zip-style: layers of copies of highly compressed zeros, ahead of the app's own JAR. Each bomb
        // entry is stopped once past the first MiB at more than the ratio, so together they cost far less
        // than the file's budget, and the app after them is read.
        byte[] bomb = zip(entries("zeros.bin", new byte[50 << 20]));
        for (int i = 0; i < 2; i++) {
            Map<String, byte[]> copies = new LinkedHashMap<>();
            for (int c = 0; c < 8; c++) {
                copies.put("layer" + i + "-" + c + ".zip", bomb);
            }
            bomb = zip(copies);
        }
        byte[] app = zip(entries(
                "atlassian-plugin.xml",
                "<atlassian-plugin/>",
                "Config.java",
                "String token = \"" + apiToken(10) + "\";"));
        ScanReport report = scan(
                "app.obr",
                zip(entries("bomb.zip", bomb, "app.jar", app)),
                new ScanLimits(128L << 20, 64L << 20, 200, 1000, 6));

        assertThat(where(report)).containsExactly("app.obr!/app.jar!/Config.java:1");
        assertThat(report.problems())
                .hasSize(64)
                .allMatch(p -> p.message().startsWith("skipped: expands more than 200 times"));
        assertThat(report.incomplete()).isTrue();
    }
}
