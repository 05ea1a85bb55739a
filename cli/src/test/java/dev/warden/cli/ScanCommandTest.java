package dev.warden.cli;

import static dev.warden.cli.ValidateCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.ValidateCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden scan}: exit codes 0, 1 and 2, the formats, the output file, baselines and custom rules. */
class ScanCommandTest {
    @TempDir
    Path dir;

    /** A user API token's shape, made at run time so no token-like string is committed. */
    static String token(long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("ATATT3");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        for (int i = 0; i < 186; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    Path app(String code) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("app"));
        Files.writeString(folder.resolve("index.js"), code);
        return folder;
    }

    @Test
    void nothingFoundExitsZero() throws Exception {
        Run run = run("scan", app("console.log('hello');").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("0 finding(s), 0 problem(s); 1 file(s)");
    }

    @Test
    void aFindingExitsOneAndShowsTheSecretMaskedOnly() throws Exception {
        String token = token(1);
        Run run = run("scan", app("const t = '" + token + "';").toString());
        assertThat(run.exitCode()).isOne();
        assertThat(run.out())
                .contains("index.js:1:12  critical  atlassian-api-token")
                .contains("ATATT3…(192 chars)")
                .doesNotContain(token.substring(6, 20));
    }

    @Test
    void sarifGoesToTheOutputFileAndABaselineAcceptsItsFindings() throws Exception {
        Path folder = app("const t = '" + token(2) + "';");
        Path sarif = dir.resolve("report.sarif");
        Run first = run("scan", folder.toString(), "--format", "sarif", "--output", sarif.toString(), "--quiet");
        assertThat(first.exitCode()).isOne();
        assertThat(first.out()).isEmpty();
        JsonNode log = JsonMapper.shared().readTree(Files.readString(sarif));
        assertThat(log.get("version").asString()).isEqualTo("2.1.0");
        assertThat(log.get("runs").get(0).get("results").get(0).get("ruleId").asString())
                .isEqualTo("atlassian-api-token");

        Run accepted = run("scan", folder.toString(), "--baseline", sarif.toString(), "--format", "json");
        assertThat(accepted.exitCode()).isZero();
        JsonNode json = JsonMapper.shared().readTree(accepted.out());
        assertThat(json.get("summary").get("suppressed").asInt()).isOne();
        assertThat(json.get("findings").size()).isZero();
    }

    @Test
    void gitleaksRulesAreAddedToTheBuiltInOnes() throws Exception {
        Path rules = dir.resolve("gitleaks.toml");
        Files.writeString(rules, """
                [[rules]]
                id = "acme-internal-key"
                description = "Acme internal service key"
                regex = '''acme_key_[a-z0-9]{24}'''
                keywords = ["acme_key_"]
                [rules.allowlist]
                stopwords = ["example"]
                """);
        Path folder = app("k = 'acme_key_q8w7e6r5t4y3u2i1o0p9a8s7'\nk2 = 'acme_key_example0000000000000000'\n");
        Run run = run("scan", folder.toString(), "--rules", rules.toString());
        assertThat(run.exitCode()).isOne();
        assertThat(run.out()).contains("index.js:1:6  high  acme-internal-key").doesNotContain("index.js:2:");
    }

    @Test
    void usageErrorsAndUnreadableInputsExitTwo() throws Exception {
        Path folder = app("x");
        assertThat(run("scan", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
        assertThat(run("scan", folder.toString(), "--format", "xml").exitCode()).isEqualTo(2);
        assertThat(run("scan", folder.toString(), "--max-ratio", "0").exitCode())
                .isEqualTo(2);
        Path notABaseline = Files.writeString(dir.resolve("b.json"), "{\"hello\": 1}");
        Run badBaseline = run("scan", folder.toString(), "--baseline", notABaseline.toString());
        assertThat(badBaseline.exitCode()).isEqualTo(2);
        assertThat(badBaseline.err()).contains("is not a json or sarif report of warden scan");
        Path badRules = Files.writeString(dir.resolve("r.toml"), "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n");
        Run rules = run("scan", folder.toString(), "--rules", badRules.toString());
        assertThat(rules.exitCode()).isEqualTo(2);
        assertThat(rules.err()).contains("rule x regex");
    }

    @Test
    void partOfTheInputUnreadExitsThreeWhenAskedAndIsAlwaysReported() throws Exception {
        Path folder = app("console.log('hello');");
        Files.write(folder.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});

        Run lenient = run("scan", folder.toString(), "--format", "json");
        assertThat(lenient.exitCode()).isZero();
        JsonNode json = JsonMapper.shared().readTree(lenient.out());
        assertThat(json.get("summary").get("incomplete").asBoolean()).isTrue();
        assertThat(json.get("problems").get(0).get("unread").asBoolean()).isTrue();

        Run strict = run("scan", folder.toString(), "--fail-on-incomplete");
        assertThat(strict.exitCode()).isEqualTo(3);
        assertThat(strict.out()).contains("broken.jar: not scanned: ").contains("INCOMPLETE: 1 left content unread");

        Files.writeString(folder.resolve("key.js"), "const t = '" + token(5) + "';");
        assertThat(run("scan", folder.toString(), "--fail-on-incomplete").exitCode())
                .as("findings come first")
                .isOne();
    }

    @Test
    void theReportFileIsCreatedAsAnyFileIsAndKeepsThePermissionsOfTheOneItReplaces() throws Exception {
        Path folder = app("console.log('hello');");
        Path report = dir.resolve("report.json");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(run("scan", folder.toString(), "--format", "json", "-o", report.toString(), "-q")
                        .exitCode())
                .isZero();
        assertThat(Files.getPosixFilePermissions(report))
                .as("as the umask makes them, not owner-only")
                .isEqualTo(Files.getPosixFilePermissions(plain));

        Files.setPosixFilePermissions(report, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        run("scan", folder.toString(), "--format", "json", "-o", report.toString(), "-q");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
                .isEqualTo("rw-r-----");
    }
}
