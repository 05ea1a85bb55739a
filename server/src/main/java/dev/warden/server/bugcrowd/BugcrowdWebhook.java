package dev.warden.server.bugcrowd;

import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bugcrowd's outgoing webhook: the address it delivers to (a random secret part made by Warden), the
 * secret Bugcrowd signs each delivery with ({@code X-Bugcrowd-Digest}, checked once it is given), and
 * which deliveries were admitted or refused.
 */
@Service
public class BugcrowdWebhook {
    static final String PATH = "/api/v1/integrations/bugcrowd/webhook/";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SECRET = 500;

    /** What became of a delivery. */
    sealed interface Admission {}

    /** Not the connection's address: nothing is written, so an unknown caller costs no database write. */
    record NotOurs() implements Admission {}

    /** The right address, but the digest is missing or wrong; counted on the status. */
    record Refused(String reason) implements Admission {}

    /** Admitted: its submissions are hints to read again. */
    record Admitted() implements Admission {}

    private final BugcrowdRows rows;
    private final SecretBox box;
    private final AuditTrail audit;
    private final Clock clock;
    private final String publicUrl;

    BugcrowdWebhook(
            BugcrowdRows rows,
            SecretBox box,
            AuditTrail audit,
            Clock clock,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl) {
        this.rows = rows;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /**
     * Makes a new address for Bugcrowd's outgoing webhook, answered this once: the public URL with a
     * random secret part. The address before it stops working.
     */
    @Transactional
    public String newUrl(Actor by) {
        connection();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        rows.webhookToken(box.seal(token));
        audit.record(by, "BUGCROWD_WEBHOOK_URL_MADE", "integration", "bugcrowd", null, Map.of());
        return publicUrl + PATH + token;
    }

    /**
     * Keeps the secret Bugcrowd shows on the webhook's Edit page (sealed, never shown again); from now on
     * every delivery must carry its digest. Null or blank stops the check.
     */
    @Transactional
    public void secret(@Nullable String secret, Actor by) {
        connection();
        String given = secret == null ? "" : secret.strip();
        if (given.length() > MAX_SECRET || given.chars().anyMatch(Character::isWhitespace)) {
            new Fields("invalid webhook secret")
                    .error("/secret", "is the secret as Bugcrowd shows it: at most 500 characters, no spaces")
                    .check();
        }
        rows.webhookSecret(given.isEmpty() ? null : box.seal(given));
        audit.record(
                by,
                given.isEmpty() ? "BUGCROWD_WEBHOOK_DIGEST_OFF" : "BUGCROWD_WEBHOOK_SECRET_SET",
                "integration",
                "bugcrowd",
                null,
                Map.of());
    }

    /**
     * Whether a delivery is admitted: its address's secret part (compared in constant time), then, when
     * Bugcrowd's secret was given, its digest. Each delivery at the right address is recorded.
     */
    @Transactional
    Admission admit(String address, byte[] body, @Nullable String digest) {
        Optional<BugcrowdRows.Connection> c = rows.connection();
        String sealed = c.map(BugcrowdRows.Connection::webhookToken).orElse(null);
        if (sealed == null
                || !MessageDigest.isEqual(
                        box.open(sealed).getBytes(StandardCharsets.UTF_8), address.getBytes(StandardCharsets.UTF_8))) {
            return new NotOurs();
        }
        String secret = c.orElseThrow().webhookSecret();
        Optional<String> refusal =
                secret == null ? Optional.empty() : BugcrowdDigest.refusal(box.open(secret), body, digest);
        if (refusal.isPresent()) {
            rows.refused(refusal.get(), clock.instant());
            return new Refused(refusal.get());
        }
        rows.delivered(clock.instant());
        return new Admitted();
    }

    private BugcrowdRows.Connection connection() {
        return rows.connection().orElseThrow(() -> new NotFoundException("No Bugcrowd connection"));
    }
}
