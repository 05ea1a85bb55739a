package dev.warden.server.notifications;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who gets low-urgency notices as a daily digest: a partner for its security contacts, the operator for
 * its people. Only low-urgency notices are ever held ({@link #DIGESTIBLE}: due-date and deadline
 * reminders, approvals waiting); every other security notice goes out at once and cannot be switched off.
 */
@Service
public class NotificationSettings {
    /** The events a digest may hold. */
    public static final Set<String> DIGESTIBLE = Set.of("TICKET_DUE_SOON", "DEADLINE_SOON", "ACTION_PROPOSED");
    /** The scope of the operator's own people. */
    public static final String OPERATOR = "operator";

    /** A scope's settings. */
    public record Setting(String scope, boolean digest) {}

    private final NotificationSettingRows rows;
    private final Partners partners;
    private final AuditTrail audit;
    private final Clock clock;

    NotificationSettings(NotificationSettingRows rows, Partners partners, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether this partner's contacts (or, for null, the operator's people) get a digest. */
    boolean digest(@Nullable PartnerId partner) {
        return rows.digest(partner == null ? OPERATOR : partner.value());
    }

    /** The settings the actor may see: its partner's, or the operator's. */
    @Transactional(readOnly = true)
    public Setting get(@Nullable String scope, Actor actor) {
        String s = scopeFor(scope, actor);
        return new Setting(s, digest(s.equals(OPERATOR) ? null : PartnerId.of(s)));
    }

    @Transactional
    public Setting set(@Nullable String scope, boolean digest, Actor actor) {
        String s = scopeFor(scope, actor);
        if (s.equals(OPERATOR) && actor.isPartner()) {
            throw new ForbiddenException("the operator's settings are the operator's");
        }
        rows.set(s, digest, actor.name(), clock.instant());
        audit.record(
                actor,
                "NOTIFICATION_SETTINGS_CHANGED",
                "notification-settings",
                s,
                s.equals(OPERATOR) ? null : PartnerId.of(s),
                Map.of("digest", digest));
        return new Setting(s, digest);
    }

    /** The scope asked for, as the actor may have it: a partner's actor always its own partner. */
    private String scopeFor(@Nullable String scope, Actor actor) {
        if (actor.isPartner()) {
            return Objects.requireNonNull(actor.partner()).value();
        }
        if (scope == null || scope.isBlank() || scope.equals(OPERATOR)) {
            return OPERATOR;
        }
        if (!PartnerId.isValid(scope) || partners.find(PartnerId.of(scope)).isEmpty()) {
            throw new NotFoundException("partner " + scope);
        }
        return scope;
    }

    /** For lists: every digestible event, sorted. */
    public static List<String> digestible() {
        return DIGESTIBLE.stream().sorted().toList();
    }
}
