package dev.warden.server.identity;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens. Made on first use and kept in the database, so every node
 * signs and checks with the same key and tokens survive restarts.
 */
@Component
class SigningKeys {
    /** A key: its id (the token header's {@code kid}) and the pair. */
    record Key(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey) {}

    private final SigningKeyRows rows;
    private final Clock clock;
    private volatile @Nullable Key current;

    SigningKeys(SigningKeyRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    Key current() {
        Key key = current;
        if (key == null) {
            synchronized (this) {
                key = current;
                if (key == null) {
                    key = load().orElseGet(this::create);
                    current = key;
                }
            }
        }
        return key;
    }

    private Optional<Key> load() {
        return rows.newest().map(SigningKeys::decode);
    }

    private Key create() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String kid = UUID.randomUUID().toString();
        try {
            rows.insert(
                    new SigningKeyRows.Row(
                            kid,
                            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())),
                    clock.instant());
        } catch (DuplicateKeyException e) {
            // Another node made one first; use that.
        }
        return load().orElseThrow(() -> new IllegalStateException("no signing key after creating one"));
    }

    private static Key decode(SigningKeyRows.Row row) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(row.privateKey())));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(row.publicKey())));
            return new Key(row.kid(), privateKey, publicKey);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("the stored signing key cannot be read", e);
        }
    }
}
