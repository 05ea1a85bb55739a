package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A rule broken by a subject.
 *
 * @param since when it began, if the facts tell (a breach, a missed deadline); null when they do not
 *     (a missing contact), and then Warden counts from when it first saw it
 * @param severity how serious: the worst ticket behind it, or the rule's own severity
 * @param evidence what a person needs to see it, for example "AMS-412, Critical, due 2026-05-11, 14
 *     days overdue"
 * @param policyVersion the version the rule was evaluated under
 */
public record Violation(
        String rule, Subject subject, @Nullable Instant since, Severity severity, String evidence, String policyVersion)
        implements Comparable<Violation> {

    @Override
    public int compareTo(Violation other) {
        int rule = this.rule.compareTo(other.rule);
        return rule != 0 ? rule : subject.compareTo(other.subject);
    }
}
