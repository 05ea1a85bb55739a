package dev.warden.server.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and token settings ({@code warden.security.*}).
 *
 * @param maxFailures consecutive failed sign-ins (or client authentications) before a lock-out
 * @param lockout how long a locked account or client stays locked
 * @param attemptsPerMinute sign-in and token requests allowed per client address per minute
 * @param tokenLifetime how long an access token is valid
 * @param secureCookies whether the session cookie is marked Secure (browsers send it over HTTPS and
 *     to localhost only)
 */
@ConfigurationProperties("warden.security")
public record SecuritySettings(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("20") int attemptsPerMinute,
        @DefaultValue("10m") Duration tokenLifetime,
        @DefaultValue("true") boolean secureCookies) {

    public SecuritySettings {
        if (maxFailures < 1 || attemptsPerMinute < 1) {
            throw new IllegalArgumentException("warden.security limits must be at least 1");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("warden.security.token-lifetime must be between 1s and 1h");
        }
    }
}
