package dev.warden.server.identity;

import dev.warden.server.shared.Permission;
import dev.warden.server.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth2/token}: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4). The
 * client authenticates with HTTP Basic or with {@code client_id} and {@code client_secret} in the form;
 * errors use the RFC's error codes.
 */
@RestController
@Tag(name = "Tokens", description = "Short-lived access tokens for API clients")
class TokenEndpoint {
    private final ApiClients clients;
    private final AccessTokens tokens;
    private final ClientAddress addresses;

    TokenEndpoint(ApiClients clients, AccessTokens tokens, ClientAddress addresses) {
        this.clients = clients;
        this.tokens = tokens;
        this.addresses = addresses;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PublicEndpoint("clients authenticate here with their id and secret to get a token")
    @Operation(
            summary = "Get an access token (client credentials)",
            description = "Form fields: grant_type=client_credentials, optional scope (space-separated, a subset of"
                    + " the client's), and client_id/client_secret unless sent with HTTP Basic.")
    ResponseEntity<Map<String, Object>> token(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            HttpServletRequest request) {
        Optional<String[]> basic = basic(authorization);
        String clientId = basic.map(b -> b[0]).orElse(form.getFirst("client_id"));
        String secret = basic.map(b -> b[1]).orElse(form.getFirst("client_secret"));
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    form.getFirst("grant_type") == null ? "invalid_request" : "unsupported_grant_type",
                    "grant_type must be client_credentials",
                    false);
        }
        if (clientId == null || secret == null || clientId.isBlank() || secret.isBlank()) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "client authentication is required", true);
        }
        ApiClients.Authentication result = clients.authenticate(clientId, secret, addresses.of(request));
        if (result instanceof ApiClients.Waiting waiting) {
            long seconds = Math.max(1, (waiting.remaining().toMillis() + 999) / 1000);
            ResponseEntity<Map<String, Object>> tooMany = error(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "invalid_client",
                    "too many failed attempts for this client from your address; retry in " + seconds + " seconds",
                    false);
            return ResponseEntity.status(tooMany.getStatusCode())
                    .headers(tooMany.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(tooMany.getBody());
        }
        if (!(result instanceof ApiClients.Authenticated authenticated)) {
            // One answer for unknown, wrong, revoked and locked: a caller learns nothing about which.
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "client authentication failed", basic.isPresent());
        }
        ApiClient client = authenticated.client();
        Set<Permission> granted = EnumSet.copyOf(client.scopes());
        String asked = form.getFirst("scope");
        if (asked != null && !asked.isBlank()) {
            granted = EnumSet.noneOf(Permission.class);
            for (String scope : asked.trim().split("\\s+")) {
                Optional<Permission> p = Permission.ofScope(scope).filter(client.scopes()::contains);
                if (p.isEmpty()) {
                    return error(
                            HttpStatus.BAD_REQUEST, "invalid_scope", "the client does not have scope " + scope, false);
                }
                granted.add(p.get());
            }
        }
        AccessTokens.Issued issued = tokens.issue(client, granted);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put(
                "scope",
                String.join(
                        " ", granted.stream().map(Permission::scope).sorted().toList()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String code, String description, boolean challenge) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (challenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"warden\"");
        }
        return response.body(Map.of("error", code, "error_description", description));
    }

    private static Optional<String[]> basic(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            // RFC 6749 2.3.1: id and secret are form-encoded before Basic encoding.
            return Optional.of(new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
