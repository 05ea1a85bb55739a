package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A token accepted once is given back without a second check until Warden's clock reaches its expiry;
 * from then on, and for every token refused, the full check answers.
 */
class KeptTokensTest {
    static final Instant ISSUED = Instant.parse("2026-12-03T10:00:00Z");

    final TestClock clock = new TestClock(ISSUED);
    final List<String> checked = new ArrayList<>();
    boolean refuse;

    final JwtDecoder check = token -> {
        checked.add(token);
        if (refuse || token.startsWith("bad")) {
            throw new BadJwtException("refused: " + token);
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("client-1")
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plus(Duration.ofMinutes(10)))
                .build();
    };

    @Test
    void anAcceptedTokenIsCheckedOnceUntilItExpires() {
        KeptTokens tokens = new KeptTokens(check, clock, Duration.ofMinutes(10));
        Jwt first = tokens.decode("good-1");
        clock.advance(Duration.ofMinutes(9));
        assertThat(tokens.decode("good-1")).isSameAs(first);
        assertThat(tokens.decode("good-2").getTokenValue()).isEqualTo("good-2");
        assertThat(checked).containsExactly("good-1", "good-2");

        // At its expiry the full check answers again: here it refuses, as past the leeway it would.
        clock.advance(Duration.ofMinutes(1));
        refuse = true;
        assertThatThrownBy(() -> tokens.decode("good-1")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("good-1", "good-2", "good-1");
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        KeptTokens tokens = new KeptTokens(check, clock, Duration.ofMinutes(10));
        assertThatThrownBy(() -> tokens.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("bad-1", "bad-1");
    }

    @Test
    void aTokenAcceptedInsideTheLeewayAfterItsExpiryIsNotKept() {
        KeptTokens tokens = new KeptTokens(check, clock, Duration.ofMinutes(10));
        clock.set(ISSUED.plus(Duration.ofMinutes(10)).plusSeconds(30));
        tokens.decode("good-1");
        tokens.decode("good-1");
        assertThat(checked).containsExactly("good-1", "good-1");
    }
}
