package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules look at: partners, apps, and the tickets that matter to them (open tickets that are
 * overdue or past their triage window; the rest never break a rule), at an instant.
 */
public record Facts(Instant asOf, List<Partner> partners, List<App> apps, List<TicketState> tickets) {
    public Facts {
        partners = List.copyOf(partners);
        apps = List.copyOf(apps);
        tickets = List.copyOf(tickets);
    }

    /** Whether a ticket state matters to any rule, so a caller can keep only those. */
    public static boolean matters(TicketState state) {
        return !state.status().closed() && (state.overdue() || state.triageOverdue());
    }

    public Optional<App> app(AppKey key) {
        return apps.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** Apps by key, for rules that look up many. */
    public Map<AppKey, App> appsByKey() {
        Map<AppKey, App> byKey = new HashMap<>();
        apps.forEach(a -> byKey.put(a.key(), a));
        return byKey;
    }

    public Optional<Partner> partner(PartnerId id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
