package dev.warden.server.identity;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People in Warden: create them, change their roles, and keep their passwords and sign-ins. */
@Service
@Transactional
public class Users {
    static final int TEMPORARY_PASSWORD_LENGTH = 20;

    private final UserRows rows;
    private final Partners partners;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final SecuritySettings settings;
    private final Clock clock;

    Users(
            UserRows rows,
            Partners partners,
            PasswordEncoder encoder,
            AuditTrail audit,
            SecuritySettings settings,
            Clock clock) {
        this.rows = rows;
        this.partners = partners;
        this.encoder = encoder;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** What an admin asks for when adding a person. */
    public record NewUser(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable Set<Role> roles,
            @Nullable String partner) {}

    /** A change to a person: name, roles, partner and whether the account is enabled. */
    public record UserChange(
            @Nullable String displayName,
            @Nullable Set<Role> roles,
            @Nullable String partner,
            @Nullable Boolean enabled) {}

    /** A new account and the temporary password to hand over; it is shown this once and never stored. */
    public record CreatedUser(User user, String temporaryPassword) {}

    @Transactional(readOnly = true)
    public Optional<User> find(String username) {
        return rows.find(normal(username));
    }

    @Transactional(readOnly = true)
    public User get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'"));
    }

    @Transactional(readOnly = true)
    public List<User> list() {
        return rows.all(null);
    }

    @Transactional(readOnly = true)
    public boolean none() {
        return rows.count() == 0;
    }

    public CreatedUser create(NewUser request, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        String username = request.username() == null ? "" : normal(request.username());
        if (!username.matches("[a-z0-9][a-z0-9._@+-]{1,253}")) {
            errors.add(new FieldError(
                    "/username", "must be 2 to 254 letters, digits or . _ @ + - (an email address works)"));
        }
        User user = checked(username, request.displayName(), request.roles(), request.partner(), true, errors);
        if (rows.find(username).isPresent()) {
            throw new ConflictException("A user '" + username + "' already exists");
        }
        String password = Secrets.readable(TEMPORARY_PASSWORD_LENGTH);
        rows.insert(user, hash(password), clock.instant());
        audit.record(by, "USER_CREATED", "user", username, user.partner(), describe(user));
        return new CreatedUser(user, password);
    }

    /** The first administrator of an empty Warden, with a random password to change at first sign-in. */
    CreatedUser createBootstrapAdmin(String username) {
        User admin = new User(username, "Administrator", EnumSet.of(Role.ADMIN), null, true, true);
        String password = Secrets.readable(TEMPORARY_PASSWORD_LENGTH);
        rows.insert(admin, hash(password), clock.instant());
        audit.record(Actor.system("bootstrap"), "USER_CREATED", "user", username, null, describe(admin));
        return new CreatedUser(admin, password);
    }

    public User update(String username, UserChange change, Actor by) {
        User current = get(username);
        List<FieldError> errors = new ArrayList<>();
        User next = checked(
                current.username(),
                change.displayName() == null ? current.displayName() : change.displayName(),
                change.roles() == null ? current.roles() : change.roles(),
                partnerAfter(current, change),
                change.enabled() == null ? current.enabled() : change.enabled(),
                errors);
        if (by.id().equals(current.username())
                && (!next.enabled() || !next.roles().contains(Role.ADMIN))
                && current.roles().contains(Role.ADMIN)) {
            throw new InvalidInputException("/roles", "you cannot remove your own administrator role or account");
        }
        next = new User(
                next.username(),
                next.displayName(),
                next.roles(),
                next.partner(),
                next.enabled(),
                current.mustChangePassword());
        if (next.equals(current)) {
            return current;
        }
        rows.update(next, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", describe(current));
        details.put("after", describe(next));
        audit.record(by, "USER_UPDATED", "user", username, next.partner(), details);
        return next;
    }

    // New roles come with their partner (or none); otherwise a partner given moves the user, and
    // nothing given keeps the current one.
    private static @Nullable String partnerAfter(User current, UserChange change) {
        if (change.roles() != null || change.partner() != null) {
            return change.partner();
        }
        return current.partner() == null ? null : current.partner().value();
    }

    /** Gives a person a new temporary password (shown once), to change at the next sign-in. */
    public String resetPassword(String username, Actor by) {
        User user = get(username);
        String password = Secrets.readable(TEMPORARY_PASSWORD_LENGTH);
        rows.setPassword(user.username(), hash(password), true, clock.instant());
        audit.record(by, "PASSWORD_RESET", "user", user.username(), user.partner(), Map.of());
        return password;
    }

    /** A person changes their own password, proving they know the current one. */
    public void changeOwnPassword(String username, String current, String next) {
        User user = get(username);
        String hash = rows.passwordHash(user.username()).orElse("");
        if (hash.isEmpty() || !encoder.matches(current, hash)) {
            throw new InvalidInputException("/currentPassword", "is not your current password");
        }
        List<FieldError> errors = PasswordPolicy.check(next, user.username());
        if (current.equals(next)) {
            errors = new ArrayList<>(errors);
            errors.add(new FieldError("/newPassword", "must differ from the current password"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("password not changed", errors);
        }
        rows.setPassword(user.username(), hash(next), false, clock.instant());
        audit.record(actorFor(user), "PASSWORD_CHANGED", "user", user.username(), user.partner(), Map.of());
    }

    /**
     * Records a successful sign-in from {@code source}; {@code since} is what failed before it, which
     * goes on the trail with it (the owner is told on their first page).
     */
    void signedIn(String username, String method, String source, SignInGuard.SinceLastSignIn since) {
        User user = get(username);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("source", source);
        if (since.failures() > 0) {
            details.put("failedSinceLastSignIn", since.failures());
        }
        audit.record(actorFor(user), "SIGN_IN", "user", username, user.partner(), details);
    }

    /**
     * Records a failed sign-in from {@code source}, and the wait it started, if any. Unknown usernames
     * are recorded too (under the name tried), so repeated guessing is visible.
     */
    void signInFailed(String username, String reason, String source, Optional<SignInGuard.Delay> delay) {
        Optional<User> user = rows.find(normal(username));
        String tried = username.length() > 254 ? username.substring(0, 254) : username;
        Actor who = new Actor(Actor.Kind.USER, tried, tried, Set.of(), null);
        String subject = user.map(User::username).orElse(who.id());
        PartnerId partner = user.map(User::partner).orElse(null);
        audit.record(
                who,
                "SIGN_IN_FAILED",
                "user",
                subject,
                partner,
                Map.of("reason", user.isPresent() ? reason : "unknown user", "source", source));
        if (delay.isPresent()) {
            audit.record(
                    Actor.system("sign-in-guard"),
                    "SIGN_IN_DELAYED",
                    "user",
                    subject,
                    partner,
                    Map.of(
                            "until",
                            delay.get().until().toString(),
                            "failures",
                            delay.get().failures(),
                            "addresses",
                            delay.get().everyUnknownAddress() ? "every address that never signed in" : source));
        }
    }

    /** The actor a person acts as: their roles' permissions, limited to their partner if they have one. */
    static Actor actorFor(User user) {
        return new Actor(
                Actor.Kind.USER, user.username(), user.displayName(), Role.permissionsOf(user.roles()), user.partner());
    }

    private User checked(
            String username,
            @Nullable String displayName,
            @Nullable Set<Role> roles,
            @Nullable String partner,
            boolean enabled,
            List<FieldError> errors) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            errors.add(new FieldError("/displayName", "is required (1 to 200 characters)"));
        }
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError("/roles", "at least one of ADMIN, SECURITY_ANALYST, APPROVER, AUDITOR, PARTNER"));
        } else if (roles.contains(Role.PARTNER) && roles.size() > 1) {
            errors.add(new FieldError("/roles", "PARTNER cannot be combined with operator roles"));
        }
        boolean partnerRole = roles != null && roles.contains(Role.PARTNER);
        PartnerId partnerId = null;
        if (partnerRole) {
            if (partner == null || !PartnerId.isValid(partner) || !partners.exists(PartnerId.of(partner))) {
                errors.add(new FieldError("/partner", "a PARTNER user needs an existing partner"));
            } else {
                partnerId = PartnerId.of(partner);
            }
        } else if (partner != null) {
            errors.add(new FieldError("/partner", "only a PARTNER user belongs to a partner"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid user", errors);
        }
        return new User(
                username,
                java.util.Objects.requireNonNull(displayName).trim(),
                java.util.Objects.requireNonNull(roles),
                partnerId,
                enabled,
                true);
    }

    private static Map<String, Object> describe(User user) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("roles", user.roles().stream().map(Enum::name).sorted().toList());
        d.put("partner", user.partner() == null ? "" : user.partner().value());
        d.put("enabled", user.enabled());
        return d;
    }

    private String hash(String password) {
        return java.util.Objects.requireNonNull(encoder.encode(password), "the password encoder gave no hash");
    }

    static String normal(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
