package dev.warden.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Secrets and archives made at run time, so that no real-looking secret is ever committed (it would
 * trip every scanner, ours included, on the repository itself).
 */
public final class Fixtures {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Fixtures() {}

    public static String random(Random random, int length, String alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A user API token's shape: ATATT3 and 186 more characters. */
    public static String apiToken(long seed) {
        return "ATATT3" + random(new Random(seed), 186, ALPHABET + "_-");
    }

    public static String adminKey(long seed) {
        return "ATCTT3" + random(new Random(seed), 186, ALPHABET + "_-");
    }

    /** 40 random letters and digits, as a client secret looks. */
    public static String secret(long seed) {
        return random(new Random(seed), 40, ALPHABET);
    }

    /** A Data Center personal access token: base64 of a numeric id, a colon and 20 random bytes. */
    public static String dcToken(long seed) {
        Random random = new Random(seed);
        byte[] tail = new byte[20];
        random.nextBytes(tail);
        byte[] raw = new byte[33];
        System.arraycopy("123456789012:".getBytes(StandardCharsets.US_ASCII), 0, raw, 0, 13);
        System.arraycopy(tail, 0, raw, 13, 20);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** A PEM private key with a random body. */
    public static String privateKey(long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        for (int i = 0; i < 8; i++) {
            byte[] line = new byte[48];
            random.nextBytes(line);
            out.append(Base64.getEncoder().encodeToString(line)).append('\n');
        }
        return out.append("-----END RSA PRIVATE KEY-----\n").toString();
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0); // the same bytes on every run, so a fuzz seed reproduces
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A tar; an entry whose name starts with {@code link:} is a symbolic link to its content. */
    public static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getKey().startsWith("link:")) {
                    TarArchiveEntry link = new TarArchiveEntry(e.getKey().substring(5), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(new String(e.getValue(), StandardCharsets.UTF_8));
                    tar.putArchiveEntry(link);
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(e.getValue().length);
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.write(e.getValue());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
