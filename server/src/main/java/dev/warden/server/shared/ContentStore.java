package dev.warden.server.shared;

import dev.warden.core.validation.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Files on disk, one per content hash ({@code <root>/ab/abcdef...}): written beside the store while
 * hashed and counted, refused past the size limit, then moved into place, so a reader never sees half a
 * file and the same bytes are kept once. Never held whole in memory. App artifacts and ticket
 * attachments are each kept in one, under their own folder and limit.
 */
public class ContentStore {
    /** What was stored: its hash and size. */
    public record Stored(String sha256, long size) {}

    private final Path root;
    private final long maxBytes;
    private final String what;

    /**
     * @param what names one stored file in messages, with its setting: {@code artifact
     *     (warden.scanning.max-artifact-size)}
     */
    protected ContentStore(Path root, long maxBytes, String what) {
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.what = what;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies {@code in} into the store.
     *
     * @throws TooLargeException when it passes the size limit
     * @throws InvalidInputException when it is empty
     */
    public Stored store(InputStream in) throws IOException {
        Files.createDirectories(root.resolve("incoming"));
        Path partial = root.resolve("incoming").resolve(UUID.randomUUID() + ".partial");
        MessageDigest sha = sha256();
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(tooLarge());
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new InvalidInputException("/file", "is empty: a file has at least one byte");
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

    /** Why a file was refused for its size: {@code the artifact is larger than the 512 MiB Warden accepts (...)}. */
    public String tooLarge() {
        String limit = maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : (maxBytes >> 10) + " KiB";
        int setting = what.indexOf(" (");
        return "the " + (setting < 0 ? what : what.substring(0, setting)) + " is larger than the " + limit
                + " Warden accepts" + (setting < 0 ? "" : what.substring(setting));
    }

    /** Where the file with this hash is kept (it may not be there). */
    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** Removes the file with this hash; the caller knows nothing refers to it any more. */
    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + sha256 + " from the store", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this Java", e));
        }
    }
}
