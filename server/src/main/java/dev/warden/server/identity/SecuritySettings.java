package dev.warden.server.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and token settings ({@code warden.security.*}).
 *
 * @param maxFailures failed sign-ins (or client authentications) from one address before that address
 *     has to wait
 * @param firstDelay the first wait; each further failure doubles it
 * @param maxDelay the longest wait
 * @param accountFailures failed sign-ins from all addresses since the last successful one before
 *     addresses that never signed in to the account have to wait as well
 * @param attemptsPerMinute sign-in and token requests allowed per client address per minute
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     header names the client's address; from anyone else the header is ignored
 * @param tokenLifetime how long an access token is valid
 * @param secureCookies whether the session cookie is marked Secure (browsers send it over HTTPS and
 *     to localhost only)
 */
@ConfigurationProperties("warden.security")
public record SecuritySettings(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("30s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("50") int accountFailures,
        @DefaultValue("20") int attemptsPerMinute,
        @DefaultValue({}) List<String> trustedProxies,
        @DefaultValue("10m") Duration tokenLifetime,
        @DefaultValue("true") boolean secureCookies) {

    public SecuritySettings {
        if (maxFailures < 1 || attemptsPerMinute < 1 || accountFailures < maxFailures) {
            throw new IllegalArgumentException(
                    "warden.security limits must be at least 1, and account-failures at" + " least max-failures");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "warden.security.first-delay must be positive and max-delay at least first-delay");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("warden.security.token-lifetime must be between 1s and 1h");
        }
        trustedProxies = List.copyOf(trustedProxies);
    }
}
