package dev.warden.core.compliance;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code VERIFICATION-CHANGE-UNREPORTED}: "a change to the verified entity not notified" (docs/policy
 * section 4: partners must "notify the operator of changes to the verified entity (acquisition, change
 * of control, change of legal name)"; the window, 30 days after the change, is operator-set). One
 * violation per partner while any change is unreported past its window; reporting it ends it.
 */
public final class VerificationChangeUnreported implements Rule {
    public static final String ID = "VERIFICATION-CHANGE-UNREPORTED";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A change to the verified entity (acquisition, change of control, legal name) was not notified";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<PartnerId, List<String>> lines = new TreeMap<>();
        Map<PartnerId, Instant> since = new TreeMap<>();
        int days = policy.verification().changeNotificationDays();
        for (EntityChange c : facts.obligations().entityChanges()) {
            Instant reported = c.reportedAt();
            if (reported != null && !reported.isAfter(facts.asOf())) {
                continue;
            }
            LocalDate due = c.happenedOn().plusDays(days);
            Instant late = due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (facts.asOf().isBefore(late)) {
                continue;
            }
            lines.computeIfAbsent(c.partner(), k -> new ArrayList<>())
                    .add(Evidence.title(c.kind()) + " on " + c.happenedOn() + " not notified; due " + due + " (" + days
                            + " days): " + c.description());
            since.merge(c.partner(), late, (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Violation> out = new ArrayList<>();
        lines.forEach((partner, l) -> out.add(new Violation(
                ID,
                new Subject.Partner(partner),
                since.get(partner),
                Severity.MEDIUM,
                String.join("; ", l),
                policy.id())));
        return out;
    }
}
