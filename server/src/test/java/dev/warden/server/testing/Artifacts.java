package dev.warden.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real app artifacts made at run time: archives nested in archives, and class files compiled by the
 * JDK's compiler. Secrets are generated, so that no real-looking secret is ever committed.
 */
public final class Artifacts {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Artifacts() {}

    /** 40 random letters and digits, as an OAuth client secret looks. */
    public static String clientSecret(long seed) {
        return random(seed, 40, ALPHANUMERIC);
    }

    /** A user API token's shape: ATATT3 and 186 more characters. */
    public static String apiToken(long seed) {
        return "ATATT3" + random(seed, 186, ALPHANUMERIC + "_-");
    }

    private static String random(long seed, int length, String alphabet) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A ZIP (a JAR, an OBR) of these entries, in order, with fixed timestamps. */
    public static byte[] zip(Map<String, byte[]> entries) {
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

    /** A class file, compiled from a class holding {@code value} as a string constant. */
    public static byte[] classHolding(String simpleName, String constant, String value) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        try {
            Path dir = Files.createTempDirectory("warden-class-");
            Path source = Files.writeString(
                    dir.resolve(simpleName + ".java"),
                    "public class " + simpleName + " {\n    public static final String " + constant + " = \"" + value
                            + "\";\n}\n");
            assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString()))
                    .isZero();
            return Files.readAllBytes(dir.resolve(simpleName + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An OBR holding {@code lib/<name>.jar}, which holds the given files, and the plugin descriptor the
     * OBR's own bundle would have.
     */
    public static byte[] obr(String jarName, Map<String, byte[]> jarEntries) {
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        jar.putAll(jarEntries);
        Map<String, byte[]> obr = new LinkedHashMap<>();
        obr.put("obr.xml", "<repository/>".getBytes(StandardCharsets.UTF_8));
        obr.put("lib/" + jarName, zip(jar));
        return zip(obr);
    }
}
