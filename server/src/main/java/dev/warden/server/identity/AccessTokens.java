package dev.warden.server.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.shared.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/** Issues and checks Warden's access tokens: RS256 JWTs naming the client, its scopes and its partner. */
@Component
class AccessTokens {
    static final String ISSUER = "warden";
    static final String AUDIENCE = "warden-api";

    private final SigningKeys keys;
    private final SecuritySettings settings;
    private final Clock clock;

    AccessTokens(SigningKeys keys, SecuritySettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** A signed token and how many seconds it lives. */
    record Issued(String token, long expiresIn, Set<Permission> scopes) {}

    Issued issue(ApiClient client, Set<Permission> scopes) {
        SigningKeys.Key key = keys.current();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.tokenLifetime());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(client.clientId())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(
                        "scope",
                        String.join(
                                " ",
                                scopes.stream().map(Permission::scope).sorted().toList()));
        if (client.partner() != null) {
            claims.claim("partner", client.partner().value());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new Issued(jwt.serialize(), settings.tokenLifetime().toSeconds(), scopes);
    }

    /**
     * Checks signature, issuer, audience and lifetime (with a minute's leeway) against Warden's clock; a
     * token accepted is kept until it expires ({@link KeptTokens}).
     */
    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.current().publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audience =
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "not a token for Warden's API", null));
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(ISSUER), audience)));
        return new KeptTokens(decoder, clock, settings.tokenLifetime());
    }
}
