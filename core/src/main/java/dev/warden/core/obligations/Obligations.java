package dev.warden.core.obligations;

import java.util.ArrayList;
import java.util.List;

/** Every obligation record the rules look at: incidents, programs, verifications, entity changes, token use. */
public record Obligations(
        List<Incident> incidents,
        List<BountyProgram> programs,
        List<Verification> verifications,
        List<EntityChange> entityChanges,
        List<TokenUse> tokenUse) {
    public static final Obligations NONE = new Obligations(List.of(), List.of(), List.of(), List.of(), List.of());

    public Obligations {
        incidents = List.copyOf(incidents);
        programs = List.copyOf(programs);
        verifications = List.copyOf(verifications);
        entityChanges = List.copyOf(entityChanges);
        tokenUse = List.copyOf(tokenUse);
    }

    /** Gathers records of any of the five kinds as a reader meets them. */
    public static final class Collector {
        private final List<Incident> incidents = new ArrayList<>();
        private final List<BountyProgram> programs = new ArrayList<>();
        private final List<Verification> verifications = new ArrayList<>();
        private final List<EntityChange> entityChanges = new ArrayList<>();
        private final List<TokenUse> tokenUse = new ArrayList<>();

        /** Adds a record; throws for anything that is not one of the five kinds. */
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
            } else {
                throw new IllegalArgumentException("not an obligation record: " + record.getClass());
            }
        }

        public Obligations build() {
            return new Obligations(incidents, programs, verifications, entityChanges, tokenUse);
        }
    }
}
