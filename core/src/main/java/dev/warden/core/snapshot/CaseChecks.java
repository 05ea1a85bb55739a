package dev.warden.core.snapshot;

import static dev.warden.core.validation.FieldError.pointer;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of enforcement history a schema cannot express: case, action, appeal and outreach ids
 * unique across the document (they are the server's ids, kept on import), and each case's partner in the
 * document or already in Warden.
 */
final class CaseChecks {
    private CaseChecks() {}

    static void check(
            List<EnforcementCase> cases, Set<PartnerId> partnersHere, KnownCatalog known, List<FieldError> errors) {
        Map<Long, String> caseIds = new HashMap<>();
        Map<Long, String> actionIds = new HashMap<>();
        Map<Long, String> appealIds = new HashMap<>();
        Map<Long, String> outreachIds = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            EnforcementCase c = cases.get(i);
            String base = pointer("/enforcementCases", i);
            unique(caseIds, c.id(), pointer(base, "id"), "case", errors);
            if (!partnersHere.contains(c.partner()) && !known.hasPartner(c.partner())) {
                errors.add(new FieldError(
                        pointer(base, "partner"), "no partner '" + c.partner() + "' in this document or in Warden"));
            }
            for (int a = 0; a < c.actions().size(); a++) {
                EnforcementCase.Action action = c.actions().get(a);
                String at = pointer(base, "actions", a);
                unique(actionIds, action.id(), pointer(at, "id"), "action", errors);
                for (int p = 0; p < action.appeals().size(); p++) {
                    unique(appealIds, action.appeals().get(p).id(), pointer(at, "appeals", p, "id"), "appeal", errors);
                }
            }
            for (int o = 0; o < c.outreach().size(); o++) {
                unique(outreachIds, c.outreach().get(o).id(), pointer(base, "outreach", o, "id"), "outreach", errors);
            }
        }
    }

    private static void unique(Map<Long, String> seen, long id, String at, String what, List<FieldError> errors) {
        String first = seen.putIfAbsent(id, at);
        if (first != null) {
            errors.add(new FieldError(at, what + " " + id + " appears twice (first at " + first + ")"));
        }
    }
}
