package dev.warden.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 key pair that signs the audit trail's checkpoints, in a PEM file holding a
 * {@code PRIVATE KEY} (PKCS #8) and a {@code PUBLIC KEY} (X.509) block. Its id is the first 16 hex
 * digits of the SHA-256 of the public key.
 */
final class CheckpointKey {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String id;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = idOf(publicKey);
    }

    /** The key in {@code file}, created there (readable by its owner only) when there is none. */
    static CheckpointKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        CheckpointKey created = generate();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Created readable by its owner only from the start: never, even briefly, by the umask's rules.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, created.pem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return created;
        } catch (FileAlreadyExistsException e) {
            return load(file); // another node sharing the folder created it first
        } catch (IOException e) {
            throw new CheckpointsUnreadable("cannot create the checkpoint key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key in {@code file}, which must exist. */
    static CheckpointKey load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CheckpointsUnreadable("cannot read the checkpoint key " + file + ": " + e.getMessage(), e);
        }
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> privateBytes = der;
                case "PUBLIC KEY" -> publicBytes = der;
                default -> {}
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw new CheckpointsUnreadable(
                    "the checkpoint key " + file + " must hold a PRIVATE KEY and a PUBLIC KEY block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            CheckpointKey key = new CheckpointKey(
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)),
                    factory.generatePublic(new X509EncodedKeySpec(publicBytes)));
            byte[] probe = "warden-checkpoint-key-probe".getBytes(StandardCharsets.US_ASCII);
            if (!key.verifies(probe, key.sign(probe))) {
                throw new CheckpointsUnreadable(
                        "the checkpoint key " + file + " holds a private and a public key that do not belong together");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CheckpointsUnreadable(
                    "the checkpoint key " + file + " is not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    static CheckpointKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    String id() {
        return id;
    }

    /** The public key as PEM, for anyone who should check checkpoints without being able to sign. */
    String publicPem() {
        return block("PUBLIC KEY", publicKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed", e);
        }
    }

    boolean verifies(byte[] message, byte[] signed) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String pem() {
        return block("PRIVATE KEY", privateKey.getEncoded()) + publicPem();
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String idOf(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
