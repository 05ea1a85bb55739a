package dev.warden.core.obligations;

import java.util.ArrayList;
import java.util.List;

/**
 * Every record the rules look at beside the catalog and tickets: incidents, programs, verifications,
 * entity changes, token use, and the scanner's findings followed across versions.
 */
public record Obligations(
        List<Incident> incidents,
        List<BountyProgram> programs,
        List<Verification> verifications,
        List<EntityChange> entityChanges,
        List<TokenUse> tokenUse,
        List<ScanFinding> scanFindings) {
    public static final Obligations NONE = new Obligations(List.of(), List.of(), List.of(), List.of(), List.of());

    public Obligations {
        incidents = List.copyOf(incidents);
        programs = List.copyOf(programs);
        verifications = List.copyOf(verifications);
        entityChanges = List.copyOf(entityChanges);
        tokenUse = List.copyOf(tokenUse);
        scanFindings = List.copyOf(scanFindings);
    }

    /** Records without scan findings. */
    public Obligations(
            List<Incident> incidents,
            List<BountyProgram> programs,
            List<Verification> verifications,
            List<EntityChange> entityChanges,
            List<TokenUse> tokenUse) {
        this(incidents, programs, verifications, entityChanges, tokenUse, List.of());
    }

    /** Gathers records of any of the six kinds as a reader meets them. */
    public static final class Collector {
        private final List<Incident> incidents = new ArrayList<>();
        private final List<BountyProgram> programs = new ArrayList<>();
        private final List<Verification> verifications = new ArrayList<>();
        private final List<EntityChange> entityChanges = new ArrayList<>();
        private final List<TokenUse> tokenUse = new ArrayList<>();
        private final List<ScanFinding> scanFindings = new ArrayList<>();

        /** Adds a record; throws for anything that is not one of the six kinds. */
        public void add(Object record) {
            if (record instanceof Incident i) {
                incidents.add(i);
            } else if (record instanceof BountyProgram p) {
                programs.add(p);
            } else if (record instanceof Verification v) {
                verifications.add(v);
            } else if (record instanceof EntityChange c) {
                entityChanges.add(c);
            } else if (record instanceof TokenUse t) {
                tokenUse.add(t);
            } else if (record instanceof ScanFinding f) {
                scanFindings.add(f);
            } else {
                throw new IllegalArgumentException("not an obligation record: " + record.getClass());
            }
        }

        public Obligations build() {
            return new Obligations(incidents, programs, verifications, entityChanges, tokenUse, scanFindings);
        }
    }
}
