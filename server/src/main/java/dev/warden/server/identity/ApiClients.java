package dev.warden.server.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Machine clients: registered by an admin, authenticated by id and secret, revoked at once. */
@Service
@Transactional
public class ApiClients {
    private final ApiClientRows rows;
    private final Partners partners;
    private final AuditTrail audit;
    private final SignInGuard guard;
    private final Clock clock;
    private final Cache<String, Optional<ApiClient>> active;

    /**
     * {@code activeFor}: how long a node keeps what it read of a client for the requests that carry its
     * tokens (every API request would otherwise read the client's row). A revocation drops it at once on
     * the node that made it; other nodes see it within this time. 0 reads the row on every request.
     */
    ApiClients(
            ApiClientRows rows,
            Partners partners,
            AuditTrail audit,
            SignInGuard guard,
            Clock clock,
            @Value("${warden.security.client-cache-time:5s}") Duration activeFor) {
        this.rows = rows;
        this.partners = partners;
        this.audit = audit;
        this.guard = guard;
        this.clock = clock;
        this.active = Caffeine.newBuilder()
                .expireAfterWrite(activeFor)
                .maximumSize(activeFor.isZero() ? 0 : 10_000)
                .build();
    }

    /** What an admin asks for: a name, scopes, and the partner the client acts for (if any). */
    public record NewClient(
            @Nullable String name,
            @Nullable List<String> scopes,
            @Nullable String partner) {}

    /** A client and its secret, shown this once; Warden keeps only a hash. */
    public record RegisteredClient(ApiClient client, String clientSecret) {}

    /** How an authentication attempt ended. */
    public sealed interface Authentication permits Authenticated, Refused, Waiting {}

    /** The id and secret match an enabled client. */
    public record Authenticated(ApiClient client) implements Authentication {}

    /** Refused; {@code reason} is for the audit trail, never for the caller. */
    public record Refused(String reason) implements Authentication {}

    /** Not checked: the caller's address must wait this long after too many failures for this id. */
    public record Waiting(java.time.Duration remaining) implements Authentication {}

    @Transactional(readOnly = true)
    public List<ApiClient> list() {
        return rows.all();
    }

    @Transactional(readOnly = true)
    public ApiClient get(String clientId) {
        return rows.find(clientId)
                .map(ApiClientRows.Stored::client)
                .orElseThrow(() -> new NotFoundException("No API client '" + clientId + "'"));
    }

    /**
     * The client, if it exists and is enabled: tokens of a revoked client stop working (at once on this
     * node, within {@code warden.security.client-cache-time} on the others).
     */
    @Transactional(propagation = Propagation.SUPPORTS) // no connection taken when the client is kept
    public Optional<ApiClient> active(String clientId) {
        return active.get(
                clientId, id -> rows.find(id).map(ApiClientRows.Stored::client).filter(ApiClient::enabled));
    }

    public RegisteredClient register(NewClient request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("/name", "is required (1 to 200 characters)"));
        }
        PartnerId partner = null;
        if (request.partner() != null) {
            if (!PartnerId.isValid(request.partner()) || !partners.exists(PartnerId.of(request.partner()))) {
                errors.add(new FieldError("/partner", "no partner '" + request.partner() + "'"));
            } else {
                partner = PartnerId.of(request.partner());
            }
        }
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        List<String> asked = request.scopes() == null ? List.of() : request.scopes();
        if (asked.isEmpty()) {
            errors.add(new FieldError("/scopes", "at least one scope, such as catalog:read"));
        }
        for (int i = 0; i < asked.size(); i++) {
            Optional<Permission> scope = Permission.ofScope(asked.get(i));
            if (scope.isEmpty()) {
                errors.add(new FieldError("/scopes/" + i, "no scope '" + asked.get(i) + "'; see docs/security.md"));
            } else if (request.partner() != null && !scope.get().partnerAllowed()) {
                errors.add(new FieldError("/scopes/" + i, "a partner's client cannot have " + asked.get(i)));
            } else {
                scopes.add(scope.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid client", errors);
        }
        Instant now = clock.instant();
        ApiClient client = new ApiClient(Secrets.clientId(), name, scopes, partner, true, by.id(), now, now, null);
        String secret = Secrets.clientSecret();
        rows.insert(client, Secrets.sha256(secret));
        audit.record(
                by,
                "CLIENT_REGISTERED",
                "client",
                client.clientId(),
                partner,
                Map.of("name", name, "scopes", client.scopeNames()));
        return new RegisteredClient(client, secret);
    }

    /** Issues a new secret; the old one stops working at once. */
    public RegisteredClient rotateSecret(String clientId, Actor by) {
        ApiClient client = get(clientId);
        String secret = Secrets.clientSecret();
        rows.setSecret(clientId, Secrets.sha256(secret), clock.instant());
        audit.record(by, "CLIENT_SECRET_ROTATED", "client", clientId, client.partner(), Map.of());
        return new RegisteredClient(get(clientId), secret);
    }

    /** Revokes a client for good: its secret and every token it holds stop working. */
    public ApiClient revoke(String clientId, Actor by) {
        ApiClient client = get(clientId);
        if (client.enabled()) {
            rows.disable(clientId);
            // Dropped now and again once the revocation is committed: a request in between would
            // otherwise keep the enabled client it read before the commit.
            active.invalidate(clientId);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    active.invalidate(clientId);
                }
            });
            audit.record(by, "CLIENT_REVOKED", "client", clientId, client.partner(), Map.of());
        }
        return get(clientId);
    }

    /**
     * Checks a client's id and secret from {@code source}. Failures, for unknown ids as for known ones,
     * count toward a wait for that address ({@link SignInGuard}); while it lasts nothing is checked.
     */
    public Authentication authenticate(String clientId, String secret, String source) {
        java.util.Optional<java.time.Duration> wait = guard.waitFor(SignInGuard.Kind.CLIENT, clientId, source);
        if (wait.isPresent()) {
            return new Waiting(wait.get());
        }
        Optional<ApiClientRows.Stored> stored = rows.find(clientId);
        if (stored.isEmpty()) {
            guard.failed(SignInGuard.Kind.CLIENT, clientId, source);
            return new Refused("unknown client");
        }
        ApiClient client = stored.get().client();
        if (!Secrets.sameHash(Secrets.sha256(secret), stored.get().secretHash())) {
            java.util.Optional<SignInGuard.Delay> delay = guard.failed(SignInGuard.Kind.CLIENT, clientId, source);
            Actor who = new Actor(Actor.Kind.CLIENT, clientId, client.name(), Set.of(), null);
            audit.record(who, "CLIENT_AUTH_FAILED", "client", clientId, client.partner(), Map.of("source", source));
            delay.ifPresent(d -> audit.record(
                    Actor.system("sign-in-guard"),
                    "CLIENT_AUTH_DELAYED",
                    "client",
                    clientId,
                    client.partner(),
                    Map.of(
                            "until",
                            d.until().toString(),
                            "failures",
                            d.failures(),
                            "addresses",
                            d.everyUnknownAddress() ? "every address that never authenticated" : source)));
            return new Refused("wrong secret");
        }
        if (!client.enabled()) {
            return new Refused("revoked");
        }
        guard.succeeded(SignInGuard.Kind.CLIENT, clientId, source);
        rows.used(clientId, clock.instant());
        return new Authenticated(client);
    }

    /** The actor a client acts as: its scopes, limited to its partner if it has one. */
    static Actor actorFor(ApiClient client, Set<Permission> granted) {
        return new Actor(Actor.Kind.CLIENT, client.clientId(), client.name(), granted, client.partner());
    }
}
