package dev.warden.server.identity;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of token-signing keys, each pair Base64-encoded (PKCS#8 and X.509). */
@Repository
class SigningKeyRows {
    private final JdbcClient jdbc;

    SigningKeyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String kid, String privateKey, String publicKey) {}

    /** The newest key. */
    Optional<Row> newest() {
        return jdbc.sql("""
                        select kid, private_key, public_key from signing_keys
                        order by created_at desc, kid limit 1""").query(RecordRows.of(Row.class)).optional();
    }

    /** Stores a key; a duplicate kid throws {@code DuplicateKeyException}. */
    void insert(Row row, Instant at) {
        jdbc.sql("""
                        insert into signing_keys (kid, private_key, public_key, created_at)
                        values (:kid, :priv, :pub, :at)""")
                .param("kid", row.kid())
                .param("priv", row.privateKey())
                .param("pub", row.publicKey())
                .param("at", utc(at))
                .update();
    }
}
