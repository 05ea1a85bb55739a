package dev.warden.core.obligations;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A change to a verified partner's entity (docs/policy section 4: "notify the operator of changes to the
 * verified entity (acquisition, change of control, change of legal name)").
 *
 * @param happenedOn when the change took effect
 * @param reportedAt when the partner told the operator; null while it has not (the operator learned of
 *     it another way)
 */
public record EntityChange(
        String id,
        PartnerId partner,
        Kind kind,
        String description,
        LocalDate happenedOn,
        @Nullable Instant reportedAt) {

    /** The changes a partner must report. */
    public enum Kind {
        ACQUISITION,
        CHANGE_OF_CONTROL,
        LEGAL_NAME
    }

    public EntityChange {
        Checks.id(id, "entity change id");
        Checks.text(description, "description");
    }

    /** This change, reported by the partner at {@code at}. */
    public EntityChange reported(Instant at) {
        return new EntityChange(id, partner, kind, description, happenedOn, at);
    }
}
