package dev.warden.server.scanning;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Artifacts on disk, one file per content hash ({@code artifacts/ab/abcdef...}): written beside the
 * store while hashed and counted, refused past the size limit, then moved into place, so a reader
 * never sees half an artifact and the same bytes are kept once. Never held whole in memory.
 */
@Component
class ArtifactStore {
    /** What was stored: its hash and size. */
    record Stored(String sha256, long size) {}

    private final Path root;
    private final long maxBytes;

    ArtifactStore(ScanningSettings settings) {
        this.root = settings.artifacts().toAbsolutePath().normalize();
        this.maxBytes = settings.maxArtifactSize().toBytes();
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies {@code in} into the store.
     *
     * @throws TooLargeException when it passes the size limit
     * @throws InvalidInputException when it is empty
     */
    Stored store(InputStream in) throws IOException {
        Files.createDirectories(root.resolve("incoming"));
        Path partial = root.resolve("incoming").resolve(UUID.randomUUID() + ".partial");
        MessageDigest sha = sha256();
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(partial, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(tooLarge(maxBytes));
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new InvalidInputException("/file", "is empty: an artifact has at least one byte");
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = path(hex);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Stored(hex, size);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String tooLarge(long maxBytes) {
        String limit = maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : (maxBytes >> 10) + " KiB";
        return "the artifact is larger than the " + limit + " Warden accepts (warden.scanning.max-artifact-size)";
    }

    /** Where the artifact with this hash is kept (it may not be there). */
    Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    boolean has(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this Java", e));
        }
    }
}
