package dev.warden.core.evaluation;

import dev.warden.core.compliance.Breaches;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.time.Instants;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** Evaluates tickets and writes one report row each, counting what the summary needs. */
final class Rows {
    private final PolicyVersions versions;
    private final Instant asOf;
    private final char[] instant = new char[40];
    private final Map<Double, String> scores = new HashMap<>();
    final Tally tally = new Tally();
    /** What the compliance rules look at (open tickets overdue or past the triage window), per listing. */
    final Breaches breaches = new Breaches();

    Rows(PolicyVersions versions, Instant asOf) {
        this.versions = versions;
        this.asOf = asOf;
    }

    /** Counts for the summary. */
    static final class Tally {
        int tickets;
        int open;
        int overdue;
        int triageOverdue;
        final Map<Severity, Integer> openBySeverity = new EnumMap<>(Severity.class);
    }

    /** Evaluates one ticket and writes its row; a ticket reported after the instant is left out. */
    void add(Ticket ticket, JsonGenerator g) {
        TicketState state = TicketClock.at(ticket, versions, asOf).orElse(null);
        if (state != null) {
            write(state, g);
            breaches.add(state);
        }
    }

    // The fields the issue names, and the extra facts only when they hold, to keep a million rows small.
    private void write(TicketState t, JsonGenerator g) {
        tally.tickets++;
        if (!t.status().closed()) {
            tally.open++;
            tally.openBySeverity.merge(t.severity(), 1, Integer::sum);
        }
        tally.overdue += t.overdue() ? 1 : 0;
        tally.triageOverdue += t.triageOverdue() ? 1 : 0;
        g.writeStartObject();
        g.writeStringProperty("key", t.key().value());
        g.writeStringProperty("severity", t.severity().name());
        g.writeName("score");
        // Scores repeat (a few dozen values); formatting a double each time costs more than the rest.
        g.writeNumber(scores.computeIfAbsent(t.score(), String::valueOf));
        g.writeStringProperty("policyVersion", t.policyVersion());
        instant(g, "clockStartAt", t.clockStartAt());
        instant(g, "dueAt", t.dueAt());
        g.writeStringProperty("status", t.status().name());
        g.writeBooleanProperty("overdue", t.overdue());
        instant(g, "breachAt", t.breachAt());
        instant(g, "triageDueAt", t.triageDueAt());
        if (t.triageOverdue()) {
            g.writeBooleanProperty("triageOverdue", true);
        }
        if (t.extensionPending()) {
            g.writeBooleanProperty("extensionPending", true);
        }
        g.writeEndObject();
    }

    private void instant(JsonGenerator g, String name, @Nullable Instant value) {
        if (value != null) {
            g.writeName(name);
            g.writeString(instant, 0, Instants.formatInto(value, instant));
        }
    }
}
