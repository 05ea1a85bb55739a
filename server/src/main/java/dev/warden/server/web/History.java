package dev.warden.server.web;

import dev.warden.server.audit.AuditEntry;
import dev.warden.server.audit.AuditQuery;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The audit entries about what a detail page shows, for people who may read the audit trail. */
@Component
class History {
    private final AuditTrail trail;

    History(AuditTrail trail) {
        this.trail = trail;
    }

    /** Adds {@code audit}: the entries about these subjects (type and id pairs), oldest first. */
    void addTo(Model model, Actor actor, String... typeAndId) {
        if (!actor.can(Permission.AUDIT_READ)) {
            return;
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < typeAndId.length; i += 2) {
            entries.addAll(
                    trail.list(new AuditQuery(null, null, typeAndId[i], typeAndId[i + 1], null), new Paging(0, 200))
                            .items());
        }
        entries.sort(Comparator.comparingLong(AuditEntry::seq));
        model.addAttribute("audit", entries);
    }
}
