package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.privateKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings that were missed, and look-alikes that were reported, on real artifacts. */
class RulePrecisionTest {
    static final Scanner SCANNER = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1);

    @TempDir
    Path dir;

    static List<String> rules(String fileName, byte[] bytes) {
        return SCANNER.scanBytes(ArtifactPath.of(fileName), bytes, bytes.length).stream()
                .map(Finding::rule)
                .toList();
    }

    static String hex(long seed, int bytes) {
        byte[] raw = new byte[bytes];
        new Random(seed).nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    @Test
    void aHexClientSecretIsASecret() {
        // gitleaks' own true-positive example has this shape: 64 hexadecimal digits.
        String secret = hex(1, 32);
        assertThat(rules("app.properties", ("oauth.client_secret=" + secret).getBytes(StandardCharsets.UTF_8)))
                .containsExactly("oauth-client-secret");
        assertThat(rules(
                        "config.js", ("const clientSecret = \"" + hex(2, 20) + "\";").getBytes(StandardCharsets.UTF_8)))
                .containsExactly("oauth-client-secret");
    }

    @Test
    void aClientSecretCompiledIntoAClassConstantIsFound() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeThat(javac).as("a JDK's compiler").isNotNull();
        String secret = "Xq7" + hex(3, 24);
        Path source = Files.writeString(dir.resolve("Settings.java"), """
                public class Settings {
                    public static final String CLIENT_ID = "client-id-1234";
                    public static final String CLIENT_SECRET = "%s";
                    public static final int TIMEOUT = 30;
                    public static final long BIG = 1L;
                }
                """.formatted(secret));
        assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString()))
                .isZero();
        byte[] compiled = Files.readAllBytes(dir.resolve("Settings.class"));
        assertThat(new String(compiled, StandardCharsets.ISO_8859_1)).contains(secret);

        List<Finding> found = SCANNER.scanBytes(ArtifactPath.of("Settings.class"), compiled, compiled.length);
        assertThat(found).extracting(Finding::rule).containsExactly("oauth-client-secret");
        assertThat(found.get(0).preview()).doesNotContain(secret.substring(3));
    }

    @Test
    void aPemHeaderQuotedInAClassFilesMessageIsNotAKey() throws IOException {
        // As in Spring Security's RsaKeyConverters.class: a message quoting the header, then unrelated
        // constants with the bytes of the constant pool between them, and later the END line.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
        for (String constant : List.of(
                "Key must start with -----BEGIN PRIVATE KEY-----",
                "java/lang/IllegalArgumentException",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "org/springframework/security/converter/RsaKeyConverters",
                "-----END PRIVATE KEY-----")) {
            out.write(1);
            out.write(0);
            out.write(constant.length());
            out.writeBytes(constant.getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(rules("RsaKeyConverters.class", out.toByteArray())).isEmpty();

        // A real key still is one, in a PEM file and split over string literals in code.
        assertThat(rules("key.pem", privateKey(20).getBytes(StandardCharsets.US_ASCII)))
                .containsExactly("private-key");
        String split = "String pem = \"" + privateKey(21).replace("\n", "\\n\" +\n    \"") + "\";";
        assertThat(rules("Keys.java", split.getBytes(StandardCharsets.US_ASCII)))
                .containsExactly("private-key");
    }

    @Test
    void documentationExamplesAndTestsLowerConfidenceAndAreNotSearchedForTokenCollection() {
        String link = "Create one at https://id.atlassian.com/manage-profile/security/api-tokens and paste it";
        String form = "await page.getByLabel('Atlassian API token').fill(process.env.TOKEN);";
        assertThat(rules("node_modules/jira-client/README.md", utf8(link))).isEmpty();
        assertThat(rules(".env.example", utf8("# " + link + "\nJIRA_TOKEN=\n"))).isEmpty();
        assertThat(rules("e2e/login.spec.ts", utf8("<TextField label=\"Your Atlassian API token\" />\n" + form)))
                .isEmpty();
        assertThat(rules("src/settings.jsx", utf8("<TextField label=\"Your Atlassian API token\" name=\"token\" />")))
                .as("in the app's own code it is still found")
                .containsExactly("pat-collection");

        String secret = "clientSecret: \"" + hex(30, 20) + "\"";
        List<Finding> example =
                SCANNER.scanBytes(ArtifactPath.of("docs/api.examples.json"), utf8(secret), secret.length());
        assertThat(example).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("oauth-client-secret");
            assertThat(f.confidence()).isEqualTo("low");
            assertThat(f.context()).isEqualTo(PathContext.EXAMPLE);
            assertThat(f.message()).endsWith("(lower confidence: in an example)");
        });
        List<Finding> code = SCANNER.scanBytes(ArtifactPath.of("src/config.js"), utf8(secret), secret.length());
        assertThat(code)
                .singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo("high"));
    }

    @Test
    void theContextRuleReadsThePathInsideTheInnermostArchive() {
        assertThat(PathContext.of(ArtifactPath.parse("app.jar!/src/test/java/AuthTest.java")))
                .isEqualTo(PathContext.TEST);
        assertThat(PathContext.of(ArtifactPath.parse("tests.zip!/lib/auth.js"))).isEqualTo(PathContext.CODE);
        assertThat(PathContext.of(ArtifactPath.of("src/__tests__/auth.js"))).isEqualTo(PathContext.TEST);
        assertThat(PathContext.of(ArtifactPath.of("config/app.sample.yml"))).isEqualTo(PathContext.EXAMPLE);
        assertThat(PathContext.of(ArtifactPath.of("CHANGELOG"))).isEqualTo(PathContext.DOCUMENTATION);
        assertThat(PathContext.of(ArtifactPath.of("docs/setup.html"))).isEqualTo(PathContext.DOCUMENTATION);
        assertThat(PathContext.of(ArtifactPath.of("src/latest.js"))).isEqualTo(PathContext.CODE);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
