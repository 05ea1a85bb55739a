package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code VULN-OVERDUE}: "a ticket is past its due date and not closed" (POLICY.md sections 2 and 9).
 * One violation per listing, since the first breach, listing every overdue ticket; missing a due date
 * is the "SLO breach" whose documented consequence is hiding the listing.
 */
public final class VulnOverdue implements Rule {
    public static final String ID = "VULN-OVERDUE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A vulnerability ticket is past its due date and not closed";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, App> apps = facts.appsByKey();
        Map<Subject.Listing, List<TicketState>> byListing = new TreeMap<>();
        for (TicketState t : facts.tickets()) {
            App app = apps.get(t.app());
            if (t.overdue() && app != null) {
                byListing
                        .computeIfAbsent(
                                new Subject.Listing(t.app(), t.hosting(), app.partner()), k -> new ArrayList<>())
                        .add(t);
            }
        }
        List<Violation> out = new ArrayList<>();
        byListing.forEach((listing, tickets) -> {
            tickets.sort(Comparator.comparing(TicketState::dueAt).thenComparing(TicketState::key));
            Instant since = tickets.stream()
                    .map(t -> t.breachAt() != null ? t.breachAt() : t.dueAt())
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            Severity worst = tickets.stream()
                    .map(TicketState::severity)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            List<String> lines = new ArrayList<>();
            for (TicketState t : tickets) {
                lines.add(t.key() + ", " + Evidence.title(t.severity()) + ", due " + Evidence.date(t.dueAt()) + ", "
                        + Evidence.elapsed(t.dueAt(), facts.asOf()) + " overdue");
            }
            out.add(new Violation(ID, listing, since, worst, String.join("; ", lines), policy.id()));
        });
        return out;
    }
}
