package dev.warden.server.snapshot;

import dev.warden.server.shared.Change;
import java.util.EnumMap;
import java.util.Map;

/** What an import did (or, on a dry run, would do), per kind of object. */
public record ImportResult(
        boolean dryRun, Counts partners, Counts apps, Counts tickets, Counts obligations, Counts enforcementCases) {

    /** How many objects of one kind were created, updated or already identical. */
    public record Counts(int created, int updated, int unchanged) {
        static Counts of(Map<Change, Integer> tally) {
            return new Counts(
                    tally.getOrDefault(Change.CREATED, 0),
                    tally.getOrDefault(Change.UPDATED, 0),
                    tally.getOrDefault(Change.UNCHANGED, 0));
        }

        static Map<Change, Integer> tally() {
            return new EnumMap<>(Change.class);
        }

        @Override
        public String toString() {
            return created + " created, " + updated + " updated, " + unchanged + " unchanged";
        }
    }

    /** How many objects were created or updated. */
    public long changed() {
        long n = 0;
        for (Counts c : new Counts[] {partners, apps, tickets, obligations, enforcementCases}) {
            n += c.created() + c.updated();
        }
        return n;
    }

    /** One line for people: what was imported. */
    public String summary() {
        return (dryRun ? "Dry run, nothing written. " : "") + "Partners: " + partners + ". Apps: " + apps
                + ". Tickets: " + tickets + ". Obligation records: " + obligations + ". Enforcement cases: "
                + enforcementCases + ".";
    }
}
