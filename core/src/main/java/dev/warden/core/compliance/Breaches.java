package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The open tickets that break a rule, rolled up per listing as they arrive: for each listing, how many
 * tickets are overdue (and how many untriaged past their triage window), since when, the worst
 * severity, and the first few by due date to name as evidence. A million tickets stream through
 * without being held: only the few named per listing are kept.
 */
public final class Breaches {
    /** How many tickets a violation's evidence names; the rest are counted. */
    public static final int SHOWN = 5;

    /** A listing, before the catalog says whose it is. */
    public record Key(AppKey app, Hosting hosting) {}

    /**
     * A ticket named in evidence: its key, severity and the date it missed (due date or end of the
     * triage window). Held as plain numbers and a shared project name, one object per ticket, so that
     * the rollup stays small and cheap for the collector while a million tickets stream past.
     */
    public static final class Named implements Comparable<Named> {
        private final String project;
        private final long number;
        private final Severity severity;
        private final long dueSecond;
        private final int dueNano;

        Named(String project, long number, Severity severity, Instant due) {
            this.project = project;
            this.number = number;
            this.severity = severity;
            this.dueSecond = due.getEpochSecond();
            this.dueNano = due.getNano();
        }

        public TicketKey key() {
            return TicketKey.of(project + "-" + number);
        }

        public Severity severity() {
            return severity;
        }

        public Instant due() {
            return Instant.ofEpochSecond(dueSecond, dueNano);
        }

        /** By the date missed, then key (AMS-9 before AMS-10, as {@link TicketKey} orders them). */
        @Override
        public int compareTo(Named other) {
            int c = Long.compare(dueSecond, other.dueSecond);
            if (c == 0) {
                c = Integer.compare(dueNano, other.dueNano);
            }
            if (c == 0) {
                c = project.compareTo(other.project);
            }
            return c != 0 ? c : Long.compare(number, other.number);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Named n && compareTo(n) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + project.hashCode();
        }
    }

    /** One listing's breaking tickets of one kind. */
    public static final class Group {
        private final List<Named> first = new ArrayList<>(SHOWN + 1);
        private int count;
        private Instant since = Instant.MAX;
        private Severity worst = Severity.LOW;

        void add(Named ticket, Instant began) {
            count++;
            if (began.isBefore(since)) {
                since = began;
            }
            if (ticket.severity().compareTo(worst) < 0) {
                worst = ticket.severity();
            }
            if (first.size() < SHOWN || ticket.compareTo(first.get(SHOWN - 1)) < 0) {
                int at = Collections.binarySearch(first, ticket);
                first.add(at < 0 ? -at - 1 : at, ticket);
                if (first.size() > SHOWN) {
                    first.remove(SHOWN);
                }
            }
        }

        /** How many tickets in all. */
        public int count() {
            return count;
        }

        /** The earliest instant one of them broke the rule. */
        public Instant since() {
            return since;
        }

        public Severity worst() {
            return worst;
        }

        /** The first {@link #SHOWN} in order of the date missed, then key. */
        public List<Named> first() {
            return Collections.unmodifiableList(first);
        }
    }

    private final Map<String, String> projects = new HashMap<>();
    private final Map<Key, Group> overdue = new HashMap<>();
    private final Map<Key, Group> triageOverdue = new HashMap<>();

    /** The breaches among these states. */
    public static Breaches of(Iterable<TicketState> states) {
        Breaches breaches = new Breaches();
        states.forEach(breaches::add);
        return breaches;
    }

    /** Whether a ticket state breaks a rule, so a caller can skip the rest. */
    public static boolean matters(TicketState state) {
        return !state.status().closed() && (state.overdue() || state.triageOverdue());
    }

    /** Counts a ticket state in, if it breaks a rule. */
    public void add(TicketState state) {
        if (!matters(state)) {
            return;
        }
        Key key = new Key(state.app(), state.hosting());
        String value = state.key().value();
        int dash = value.indexOf('-');
        String project = projects.computeIfAbsent(value.substring(0, dash), p -> p);
        long number = Long.parseLong(value, dash + 1, value.length(), 10);
        if (state.overdue()) {
            Instant began = state.breachAt() != null ? state.breachAt() : state.dueAt();
            overdue.computeIfAbsent(key, k -> new Group())
                    .add(new Named(project, number, state.severity(), state.dueAt()), began);
        }
        Instant triageDue = state.triageDueAt();
        if (state.triageOverdue() && triageDue != null) {
            triageOverdue
                    .computeIfAbsent(key, k -> new Group())
                    .add(new Named(project, number, state.severity(), triageDue), triageDue);
        }
    }

    /** Listings with open tickets past their due date. */
    public Map<Key, Group> overdue() {
        return Collections.unmodifiableMap(overdue);
    }

    /** Listings with untriaged bug bounty tickets past their triage window. */
    public Map<Key, Group> triageOverdue() {
        return Collections.unmodifiableMap(triageOverdue);
    }
}
