package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code VULN-OVERDUE}: "a ticket is past its due date and not closed" (POLICY.md sections 2 and 9).
 * One violation per listing, since the first breach, naming the first overdue tickets; missing a due date
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
        List<Violation> out = new ArrayList<>();
        facts.breaches().overdue().forEach((key, group) -> {
            App app = apps.get(key.app());
            if (app == null) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (Breaches.Named t : group.first()) {
                Instant due = t.due();
                lines.add(t.key() + ", " + Evidence.title(t.severity()) + ", due " + Evidence.date(due) + ", "
                        + Evidence.elapsed(due, facts.asOf()) + " overdue");
            }
            out.add(new Violation(
                    ID,
                    new Subject.Listing(key.app(), key.hosting(), app.partner()),
                    group.since(),
                    group.worst(),
                    Evidence.list(lines, group.count()),
                    policy.id()));
        });
        return out;
    }
}
