package dev.warden.server.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Keeps the access tokens already checked, so a client's every request does not verify the same RS256
 * signature again: a token string once accepted by {@code checked} is the same token until it expires.
 * A kept token is given back only while Warden's clock is before its expiry (the full check allows a
 * minute's leeway past it; a kept one does not). A token refused is never kept, and what a token's
 * client may do is still read on each request after this ({@code ActorResolver}), so revoking a client
 * takes effect as before.
 */
final class KeptTokens implements JwtDecoder {
    static final int MAX = 10_000;

    private final JwtDecoder checked;
    private final Clock clock;
    private final Cache<String, Jwt> kept;

    KeptTokens(JwtDecoder checked, Clock clock, Duration lifetime) {
        this.checked = checked;
        this.clock = clock;
        this.kept = Caffeine.newBuilder()
                .maximumSize(MAX)
                .expireAfterWrite(lifetime.plusMinutes(1))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = kept.getIfPresent(token);
        Instant now = clock.instant();
        if (jwt != null && usable(jwt, now)) {
            return jwt;
        }
        jwt = checked.decode(token);
        if (usable(jwt, now)) {
            kept.put(token, jwt);
        }
        return jwt;
    }

    private static boolean usable(Jwt jwt, Instant now) {
        Instant expires = jwt.getExpiresAt();
        Instant notBefore = jwt.getNotBefore();
        return expires != null && now.isBefore(expires) && (notBefore == null || !now.isBefore(notBefore));
    }
}
