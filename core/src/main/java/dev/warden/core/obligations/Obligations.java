package dev.warden.core.obligations;

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
}
