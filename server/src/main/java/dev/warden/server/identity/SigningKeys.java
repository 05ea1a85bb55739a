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
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens. Made on first use and kept in the database, so every node
 * signs and checks with the same key and tokens survive restarts.
 */
@Component
class SigningKeys {
    /** A key: its id (the token header's {@code kid}) and the pair. */
    record Key(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile @Nullable Key current;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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

    private record Row(String kid, String privateKey, String publicKey) {}

    private Optional<Key> load() {
        return jdbc.sql("select kid, private_key, public_key from signing_keys order by created_at desc, kid limit 1")
                .query(Row.class)
                .optional()
                .map(SigningKeys::decode);
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
            jdbc.sql(
                            "insert into signing_keys (kid, private_key, public_key, created_at) values (:kid, :priv, :pub, :at)")
                    .param("kid", kid)
                    .param(
                            "priv",
                            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                    .param(
                            "pub",
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            // Another node made one first; use that.
        }
        return load().orElseThrow(() -> new IllegalStateException("no signing key after creating one"));
    }

    private static Key decode(Row row) {
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
