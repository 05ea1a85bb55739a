package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.Verification;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules look at, at an instant: partners, apps, the tickets that break a rule, rolled up per
 * listing (open tickets that are overdue or past their triage window; the rest never break one), and
 * the partners' other obligations (incidents, bug bounty programs, verifications, token use).
 */
public record Facts(Instant asOf, List<Partner> partners, List<App> apps, Breaches breaches, Obligations obligations) {
    public Facts {
        partners = List.copyOf(partners);
        apps = List.copyOf(apps);
    }

    /** Facts without obligation records. */
    public Facts(Instant asOf, List<Partner> partners, List<App> apps, Breaches breaches) {
        this(asOf, partners, apps, breaches, Obligations.NONE);
    }

    /** Facts from ticket states held in a list (the states that break no rule are passed over). */
    public static Facts of(Instant asOf, List<Partner> partners, List<App> apps, List<TicketState> tickets) {
        return new Facts(asOf, partners, apps, Breaches.of(tickets));
    }

    /** The incidents as they stood at {@link #asOf}: reported by then, with the events up to then. */
    public List<Incident> incidents() {
        return obligations.incidents().stream()
                .map(i -> i.asOf(asOf))
                .flatMap(Optional::stream)
                .toList();
    }

    /** What is known of each app's use of user API tokens as it stood at {@link #asOf}. */
    public List<dev.warden.core.obligations.TokenUse> tokenUse() {
        return obligations.tokenUse().stream().map(t -> t.asOf(asOf)).toList();
    }

    /** The verifications as they stood at {@link #asOf}. */
    public List<Verification> verifications() {
        return obligations.verifications().stream()
                .map(v -> v.asOf(asOf))
                .flatMap(Optional::stream)
                .toList();
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
