package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import dev.warden.server.shared.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The obligation records as the rules and the snapshot format see them: all of a partner's, whole. */
@Service
public class ObligationFacts {
    private final ObligationStore store;
    private final ObligationRows rows;
    private final List<MeasuredPrograms> measured;

    ObligationFacts(ObligationStore store, ObligationRows rows, List<MeasuredPrograms> measured) {
        this.store = store;
        this.rows = rows;
        this.measured = List.copyOf(measured);
    }

    /**
     * The records as the rules judge them: those of {@link #of}, with the health figures of bug bounty
     * programs replaced by those Warden measured where it has them.
     */
    @Transactional(readOnly = true)
    public Obligations forRules(@Nullable PartnerId partner) {
        Obligations all = of(partner);
        if (measured.isEmpty() || all.programs().isEmpty()) {
            return all;
        }
        Map<String, MeasuredPrograms.Figures> figures = new java.util.HashMap<>();
        measured.forEach(m -> figures.putAll(m.of(partner)));
        if (figures.isEmpty()) {
            return all;
        }
        List<BountyProgram> programs = all.programs().stream()
                .map(p -> {
                    MeasuredPrograms.Figures f = figures.get(p.id());
                    return f == null ? p : p.withFigures(f.medianTriageDays(), f.lastActivityOn(), f.from());
                })
                .toList();
        return all.withPrograms(programs);
    }

    /** Every record of one partner, or of every partner (null). */
    @Transactional(readOnly = true)
    public Obligations of(@Nullable PartnerId partner) {
        return new Obligations(
                rows.all(Kind.INCIDENT, Incident.class, partner),
                rows.all(Kind.BOUNTY_PROGRAM, BountyProgram.class, partner),
                rows.all(Kind.VERIFICATION, Verification.class, partner),
                rows.all(Kind.ENTITY_CHANGE, EntityChange.class, partner),
                rows.all(Kind.TOKEN_USE, TokenUse.class, partner),
                rows.all(Kind.SCAN_FINDING, ScanFinding.class, partner),
                rows.all(Kind.INCIDENT_PROCESS, dev.warden.core.obligations.IncidentProcess.class, partner),
                rows.all(Kind.BADGE_AWARD, dev.warden.core.obligations.BadgeAward.class, partner),
                rows.all(Kind.PRIVACY_DECLARATION, dev.warden.core.obligations.PrivacyDeclaration.class, partner),
                rows.all(Kind.SCOPE_REVIEW, dev.warden.core.obligations.ScopeReview.class, partner));
    }

    /**
     * Creates or replaces a record as a snapshot import does: the record is taken as given (its history
     * included); importing the same record twice changes nothing.
     */
    @Transactional
    public Change upsert(Object record, Actor by) {
        Kind kind = Kind.of(record);
        String id = Kind.id(record);
        PartnerId partner = store.partnerOf(record);
        Optional<? extends Versioned<?>> current = rows.find(kind, id, kind.type);
        if (current.isEmpty()) {
            store.create(record, partner, by, kind.name() + "_IMPORTED", Map.of());
            return Change.CREATED;
        }
        Versioned<?> found = current.get();
        if (Objects.equals(found.value(), record)) {
            return Change.UNCHANGED;
        }
        @SuppressWarnings("unchecked")
        Versioned<Object> read = (Versioned<Object>) found;
        store.replace(read, record, OptionalInt.empty(), partner, by, kind.name() + "_IMPORTED", Map.of());
        return Change.UPDATED;
    }
}
