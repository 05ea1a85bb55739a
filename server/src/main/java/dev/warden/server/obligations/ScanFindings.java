package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scanner's findings followed across an app's versions, stored like the other records the rules
 * read (each change audited and announced to the rules). The scanning feature decides what changes;
 * this class keeps them.
 */
@Service
@Transactional
public class ScanFindings {
    private final ObligationStore store;
    private final ObligationRows rows;

    ScanFindings(ObligationStore store, ObligationRows rows) {
        this.store = store;
        this.rows = rows;
    }

    /** Every finding on the app (on one hosting, if given), in any state, oldest first. */
    @Transactional(readOnly = true)
    public List<ScanFinding> of(App app, @Nullable Hosting hosting) {
        return rows.all(Kind.SCAN_FINDING, ScanFinding.class, app.partner()).stream()
                .filter(f -> f.app().equals(app.key()) && (hosting == null || f.hosting() == hosting))
                .sorted(Comparator.comparing(ScanFinding::firstSeenAt).thenComparing(ScanFinding::id))
                .toList();
    }

    /** A finding by id, whoever asks (for the scanning feature's own work). */
    @Transactional(readOnly = true)
    public Optional<Versioned<ScanFinding>> find(String id) {
        return rows.find(Kind.SCAN_FINDING, id, ScanFinding.class);
    }

    /** A finding the actor may see; another partner's does not exist for a partner's actor. */
    @Transactional(readOnly = true)
    public Versioned<ScanFinding> get(String id, Actor actor) {
        return store.get(Kind.SCAN_FINDING, id, ScanFinding.class, actor, "finding");
    }

    /**
     * Stores a new finding ({@code read} null) or its change, audited as {@code action}.
     *
     * @throws dev.warden.server.shared.ConflictException when it was changed meanwhile
     */
    public Versioned<ScanFinding> save(
            @Nullable Versioned<ScanFinding> read,
            ScanFinding finding,
            Actor by,
            String action,
            Map<String, ?> details) {
        return read == null
                ? store.create(finding, store.partnerOf(finding), by, action, details)
                : store.replace(read, finding, OptionalInt.empty(), store.partnerOf(finding), by, action, details);
    }
}
