package dev.warden.core.catalog;

import static java.util.Objects.requireNonNullElse;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 client of an app: its id, redirect URIs and scopes, where its secret is kept and when
 * it was last rotated. The secret itself never enters Warden.
 */
public record OAuthClient(
        String clientId,
        List<String> redirectUris,
        List<String> scopes,
        SecretStorage secretStorage,
        @Nullable Instant secretRotatedAt) {

    public OAuthClient(
            String clientId,
            @Nullable List<String> redirectUris,
            @Nullable List<String> scopes,
            @Nullable SecretStorage secretStorage,
            @Nullable Instant secretRotatedAt) {
        if (!clientId.matches("[A-Za-z0-9._~-]{4,128}")) {
            throw new IllegalArgumentException("not a client id: " + clientId);
        }
        this.clientId = clientId;
        this.redirectUris = List.copyOf(requireNonNullElse(redirectUris, List.of()));
        this.scopes = List.copyOf(requireNonNullElse(scopes, List.of()));
        this.secretStorage = requireNonNullElse(secretStorage, SecretStorage.UNKNOWN);
        this.secretRotatedAt = secretRotatedAt;
    }
}
