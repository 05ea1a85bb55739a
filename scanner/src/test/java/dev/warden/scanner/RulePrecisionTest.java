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
}
