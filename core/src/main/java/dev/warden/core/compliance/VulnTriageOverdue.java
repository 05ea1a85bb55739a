package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        List<Violation> out = new ArrayList<>();
        facts.breaches().triageOverdue().forEach((key, group) -> {
            App app = apps.get(key.app());
            if (app == null) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (Breaches.Named t : group.first()) {
                Instant due = t.due();
                lines.add(t.key() + ", " + Evidence.title(t.severity()) + ", triage due " + Evidence.date(due) + ", "
                        + Evidence.elapsed(due, facts.asOf()) + " late");
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
