package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.tickets.TicketStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** A ticket named in evidence: its key, severity and the date it missed (due date or end of the triage window). */
    public record Named(TicketKey key, Severity severity, Instant due) {}

    /**
     * One listing's breaking tickets of one kind. The first few are held as plain numbers in small
     * arrays, not as objects per ticket: a million tickets stream past, and every object kept is one
     * the collector copies and one more cache miss on the next comparison.
     */
    public static final class Group {
        private int count;
        private long sinceSecond = Long.MAX_VALUE;
        private int sinceNano;
        private Severity worst = Severity.LOW;
        private int size;
        private final long[] dueSeconds = new long[SHOWN];
        private final int[] dueNanos = new int[SHOWN];
        private final String[] projects = new String[SHOWN];
        private final long[] numbers = new long[SHOWN];
        private final Severity[] severities = new Severity[SHOWN];

        void add(String project, long number, Severity severity, Instant due, Instant began) {
            count++;
            long second = began.getEpochSecond();
            if (second < sinceSecond || (second == sinceSecond && began.getNano() < sinceNano)) {
                sinceSecond = second;
                sinceNano = began.getNano();
            }
            if (severity.compareTo(worst) < 0) {
                worst = severity;
            }
            long dueSecond = due.getEpochSecond();
            int dueNano = due.getNano();
            // Insertion into at most SHOWN entries kept in order of the date missed, then key.
            int at = size;
            while (at > 0 && compare(dueSecond, dueNano, project, number, at - 1) < 0) {
                at--;
            }
            if (at == SHOWN) {
                return;
            }
            int last = Math.min(size, SHOWN - 1);
            for (int i = last; i > at; i--) {
                dueSeconds[i] = dueSeconds[i - 1];
                dueNanos[i] = dueNanos[i - 1];
                projects[i] = projects[i - 1];
                numbers[i] = numbers[i - 1];
                severities[i] = severities[i - 1];
            }
            dueSeconds[at] = dueSecond;
            dueNanos[at] = dueNano;
            projects[at] = project;
            numbers[at] = number;
            severities[at] = severity;
            size = Math.min(size + 1, SHOWN);
        }

        /** Orders like the ticket keys do (AMS-9 before AMS-10) after the date missed. */
        private int compare(long dueSecond, int dueNano, String project, long number, int i) {
            int c = Long.compare(dueSecond, dueSeconds[i]);
            if (c == 0) {
                c = Integer.compare(dueNano, dueNanos[i]);
            }
            if (c == 0) {
                c = project.compareTo(projects[i]);
            }
            return c != 0 ? c : Long.compare(number, numbers[i]);
        }

        /** How many tickets in all. */
        public int count() {
            return count;
        }

        /** The earliest instant one of them broke the rule. */
        public Instant since() {
            return Instant.ofEpochSecond(sinceSecond, sinceNano);
        }

        public Severity worst() {
            return worst;
        }

        /** The first {@link #SHOWN} in order of the date missed, then key. */
        public List<Named> first() {
            List<Named> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Named(
                        TicketKey.of(projects[i] + "-" + numbers[i]),
                        severities[i],
                        Instant.ofEpochSecond(dueSeconds[i], dueNanos[i])));
            }
            return out;
        }
    }

    /**
     * A listing's SLA attainment over the year before the instant judged: of its tickets that came due
     * then (duplicates and not-applicable ones left out), how many were open at or after their due date.
     */
    public record Attainment(int due, int missed) {
        /** The share fixed in time, in whole percent rounded down; 100 when none came due. */
        public int percent() {
            return due == 0 ? 100 : (int) ((due - missed) * 100L / due);
        }
    }

    private final Map<String, String> projects = new HashMap<>();
    private final Map<Hosting, Map<AppKey, int[]>> lastYear = new EnumMap<>(Hosting.class);
    // Per hosting, by app: a lookup per ticket finds the same AppKey instance when the reader shares them.
    private final Map<Hosting, Map<AppKey, Group>> overdue = new EnumMap<>(Hosting.class);
    private final Map<Hosting, Map<AppKey, Group>> triageOverdue = new EnumMap<>(Hosting.class);
    private final Map<Hosting, Map<AppKey, Group>> acknowledgeOverdue = new EnumMap<>(Hosting.class);

    /** The breaches among these states. */
    public static Breaches of(Iterable<TicketState> states) {
        Breaches breaches = new Breaches();
        states.forEach(breaches::add);
        return breaches;
    }

    /** Whether a ticket state breaks a rule, so a caller can skip the rest. */
    public static boolean matters(TicketState state) {
        return !state.status().closed() && (state.overdue() || state.triageOverdue() || state.acknowledgeOverdue());
    }

    /** Counts a ticket state in, if it breaks a rule. */
    public void add(TicketState state) {
        tally(state);
        if (!matters(state)) {
            return;
        }
        String value = state.key().value();
        int dash = value.indexOf('-');
        String project = projects.computeIfAbsent(value.substring(0, dash), p -> p);
        long number = Long.parseLong(value, dash + 1, value.length(), 10);
        if (state.overdue()) {
            Instant began = state.breachAt() != null ? state.breachAt() : state.dueAt();
            group(overdue, state).add(project, number, state.severity(), state.dueAt(), began);
        }
        Instant triageDue = state.triageDueAt();
        if (state.triageOverdue() && triageDue != null) {
            group(triageOverdue, state).add(project, number, state.severity(), triageDue, triageDue);
        }
        Instant ackDue = state.acknowledgeDueAt();
        if (state.acknowledgeOverdue() && ackDue != null) {
            group(acknowledgeOverdue, state).add(project, number, state.severity(), ackDue, ackDue);
        }
    }

    /** Counts a ticket that came due in the year before the instant judged (its due date minus its time left). */
    private void tally(TicketState state) {
        TicketStatus status = state.status();
        if (status == TicketStatus.DUPLICATE || status == TicketStatus.NOT_APPLICABLE) {
            return;
        }
        Instant due = state.dueAt();
        Instant asOf = due.minus(state.timeRemaining());
        if (due.isAfter(asOf)
                || !due.isAfter(asOf.atOffset(ZoneOffset.UTC).minusYears(1).toInstant())) {
            return;
        }
        int[] t = lastYear.computeIfAbsent(state.hosting(), h -> new HashMap<>())
                .computeIfAbsent(state.app(), a -> new int[2]);
        t[0]++;
        if (state.breachAt() != null) {
            t[1]++;
        }
    }

    /** A listing's SLA attainment over the last year, as counted from the tickets added. */
    public Attainment attainment(AppKey app, Hosting hosting) {
        int[] t = lastYear.getOrDefault(hosting, Map.of()).get(app);
        return t == null ? new Attainment(0, 0) : new Attainment(t[0], t[1]);
    }

    /** Sets a listing's attainment counted elsewhere (in SQL), for a caller that does not add every ticket. */
    public void attainment(AppKey app, Hosting hosting, int due, int missed) {
        lastYear.computeIfAbsent(hosting, h -> new HashMap<>()).put(app, new int[] {due, missed});
    }

    private static Group group(Map<Hosting, Map<AppKey, Group>> groups, TicketState state) {
        return groups.computeIfAbsent(state.hosting(), h -> new HashMap<>())
                .computeIfAbsent(state.app(), a -> new Group());
    }

    /** Listings with open tickets past their due date. */
    public Map<Key, Group> overdue() {
        return byListing(overdue);
    }

    /** Listings with untriaged bug bounty tickets past their triage window. */
    public Map<Key, Group> triageOverdue() {
        return byListing(triageOverdue);
    }

    /** Listings with open tickets not acknowledged within the acknowledgement window. */
    public Map<Key, Group> acknowledgeOverdue() {
        return byListing(acknowledgeOverdue);
    }

    private static Map<Key, Group> byListing(Map<Hosting, Map<AppKey, Group>> groups) {
        Map<Key, Group> out = new HashMap<>();
        groups.forEach((hosting, byApp) -> byApp.forEach((app, group) -> out.put(new Key(app, hosting), group)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * One violation per listing of {@code groups}, its evidence naming the first tickets
     * ({@code "AMS-412, Critical, <deadline> 2026-05-11, 14 days <late>"}); listings of apps not in the
     * facts are left out.
     */
    static List<Violation> perListing(
            String rule, Map<Key, Group> groups, Facts facts, PolicyVersion policy, String deadline, String late) {
        Map<AppKey, App> apps = facts.appsByKey();
        List<Violation> out = new ArrayList<>();
        groups.forEach((key, group) -> {
            App app = apps.get(key.app());
            if (app == null) {
                return;
            }
            List<String> lines = new ArrayList<>();
            for (Named t : group.first()) {
                Instant due = t.due();
                lines.add(t.key() + ", " + Evidence.title(t.severity()) + ", " + deadline + " " + Evidence.date(due)
                        + ", " + Evidence.elapsed(due, facts.asOf()) + " " + late);
            }
            out.add(new Violation(
                    rule,
                    new Subject.Listing(key.app(), key.hosting(), app.partner()),
                    group.since(),
                    group.worst(),
                    Evidence.list(lines, group.count()),
                    policy.id()));
        });
        return out;
    }
}
