package dev.warden.server.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the secrets Warden must be able to use again (a webhook's signing secret, an integration's
 * credentials) before they are stored: AES-256-GCM under a key kept outside the database, so that a copy
 * of the database alone does not give them away. The key is {@code warden.secrets.key} (base64, 32
 * bytes; every node of a cluster needs the same) or, without it, a key file in the data folder created
 * on first use, readable by its owner only.
 */
@Component
public class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final @Nullable String configuredKey;
    private final Path keyFile;
    private volatile @Nullable SecretKey key;

    SecretBox(
            @Value("${warden.secrets.key:}") @Nullable String configuredKey,
            @Value("${warden.secrets.key-file:${warden.data-dir:./data}/keys/secrets.key}") Path keyFile) {
        this.configuredKey = configuredKey == null || configuredKey.isBlank() ? null : configuredKey.strip();
        this.keyFile = keyFile;
    }

    /** A box with this key, for tests and tools. */
    public static SecretBox withKey(byte[] key) {
        SecretBox box = new SecretBox(Base64.getEncoder().encodeToString(key), Path.of("unused"));
        box.key();
        return box;
    }

    /** The secret, sealed: {@code v1:} and the base64 of a random nonce and the ciphertext with its tag. */
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret failed", e);
        }
    }

    /** The secret a {@link #seal} returned; refused when it was sealed under another key or changed. */
    public String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(Arrays.copyOfRange(in, NONCE_BYTES, in.length)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a stored secret cannot be opened: it was sealed under another key (warden.secrets.key) or"
                            + " changed in the database",
                    e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = new SecretKeySpec(configuredKey != null ? decode(configuredKey) : fromFile(), "AES");
                    key = k;
                }
            }
        }
        return k;
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("warden.secrets.key must be base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("warden.secrets.key must be 32 bytes, base64; it is " + bytes.length);
        }
        return bytes;
    }

    private byte[] fromFile() {
        try {
            if (Files.exists(keyFile)) {
                return decode(
                        Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path parent = keyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(
                            keyFile,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(keyFile);
                }
            } catch (FileAlreadyExistsException e) {
                return decode(
                        Files.readString(keyFile, StandardCharsets.US_ASCII).strip()); // another node won
            }
            Files.writeString(
                    keyFile,
                    Base64.getEncoder().encodeToString(fresh) + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read or create the secrets key " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
