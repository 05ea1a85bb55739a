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
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code VULN-TRIAGE-OVERDUE}: "a bug bounty ticket not triaged within the triage window" (POLICY.md
 * sections 2 and 9: bug bounty findings have a two-week triage window). One violation per listing.
 */
public final class VulnTriageOverdue implements Rule {
    public static final String ID = "VULN-TRIAGE-OVERDUE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A bug bounty ticket was not triaged within the triage window";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, App> apps = facts.appsByKey();
        Map<Subject.Listing, List<TicketState>> byListing = new TreeMap<>();
        for (TicketState t : facts.tickets()) {
            App app = apps.get(t.app());
            if (t.triageOverdue() && t.triageDueAt() != null && app != null) {
                byListing
                        .computeIfAbsent(
                                new Subject.Listing(t.app(), t.hosting(), app.partner()), k -> new ArrayList<>())
                        .add(t);
            }
        }
        List<Violation> out = new ArrayList<>();
        byListing.forEach((listing, tickets) -> {
            tickets.sort(Comparator.comparing((TicketState t) -> Objects.requireNonNull(t.triageDueAt()))
                    .thenComparing(TicketState::key));
            Instant since = Objects.requireNonNull(tickets.get(0).triageDueAt());
            Severity worst = tickets.stream()
                    .map(TicketState::severity)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            List<String> lines = new ArrayList<>();
            for (TicketState t : tickets) {
                Instant due = Objects.requireNonNull(t.triageDueAt());
                lines.add(t.key() + ", " + Evidence.title(t.severity()) + ", triage due " + Evidence.date(due) + ", "
                        + Evidence.elapsed(due, facts.asOf()) + " late");
            }
            out.add(new Violation(ID, listing, since, worst, String.join("; ", lines), policy.id()));
        });
        return out;
    }
}
