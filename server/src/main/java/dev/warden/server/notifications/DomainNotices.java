package dev.warden.server.notifications;

import dev.warden.server.domains.DomainExpiring;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a partner is told about its redirect URIs' domains: one that expires within the policy's warning
 * window, once when it enters the window (mail to the security contacts and {@code domain.expiring}).
 */
@Component
class DomainNotices {
    private final Mailer mailer;
    private final Clock clock;

    DomainNotices(Mailer mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    @EventListener
    void expiring(DomainExpiring e) {
        long days = Math.max(0, Duration.between(clock.instant(), e.expiresAt()).toDays());
        String key = "domain-expiring:" + e.partner().value() + ":" + e.domain() + ":" + e.expiresAt();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partner", e.partner().value());
        data.put("domain", e.domain());
        data.put("expiresAt", e.expiresAt().toString());
        data.put("apps", e.apps());
        data.put("redirectUris", e.redirectUris());
        data.put("link", mailer.base() + "/domains");
        mailer.announce("domain.expiring", e.partner(), key, data);
        Map<String, Object> values = new HashMap<>();
        values.put("domain", e.domain());
        values.put("expires", Mailer.WHEN.format(e.expiresAt()));
        values.put("days", days);
        values.put("apps", String.join(", ", e.apps()));
        values.put("uris", String.join(", ", e.redirectUris()));
        mailer.toPartner(
                key,
                "DOMAIN_EXPIRING",
                e.partner(),
                "[Warden] Renew " + e.domain() + ": it expires on " + Mailer.WHEN.format(e.expiresAt()),
                "domain-expiring",
                values,
                "/domains");
    }
}
