package dev.warden.core.snapshot;

import static dev.warden.core.validation.FieldError.pointer;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.core.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The document checks for obligation records: ids unique per kind, partners that exist, and apps that
 * exist and belong to the record's partner (a partner's incident cannot name another partner's app).
 */
final class ObligationChecks {
    private ObligationChecks() {}

    static void check(Snapshot snapshot, Set<PartnerId> partnersHere, KnownCatalog known, List<FieldError> errors) {
        Map<AppKey, PartnerId> owners = new HashMap<>();
        for (App app : snapshot.apps()) {
            owners.put(app.key(), app.partner());
        }
        Function<AppKey, Optional<PartnerId>> ownerOf =
                app -> owners.containsKey(app) ? Optional.of(owners.get(app)) : known.partnerOf(app);
        Function<PartnerId, Boolean> partnerExists = p -> partnersHere.contains(p) || known.hasPartner(p);

        unique("/incidents", snapshot.incidents(), Incident::id, errors);
        for (int i = 0; i < snapshot.incidents().size(); i++) {
            Incident incident = snapshot.incidents().get(i);
            partner(pointer("/incidents", i), incident.partner(), partnerExists, errors);
            apps(pointer("/incidents", i), incident.partner(), incident.apps(), ownerOf, errors);
        }
        unique("/bountyPrograms", snapshot.bountyPrograms(), BountyProgram::id, errors);
        for (int i = 0; i < snapshot.bountyPrograms().size(); i++) {
            BountyProgram program = snapshot.bountyPrograms().get(i);
            partner(pointer("/bountyPrograms", i), program.partner(), partnerExists, errors);
            apps(pointer("/bountyPrograms", i), program.partner(), program.apps(), ownerOf, errors);
        }
        unique("/verifications", snapshot.verifications(), Verification::id, errors);
        for (int i = 0; i < snapshot.verifications().size(); i++) {
            partner(
                    pointer("/verifications", i),
                    snapshot.verifications().get(i).partner(),
                    partnerExists,
                    errors);
        }
        unique("/entityChanges", snapshot.entityChanges(), EntityChange::id, errors);
        for (int i = 0; i < snapshot.entityChanges().size(); i++) {
            partner(
                    pointer("/entityChanges", i),
                    snapshot.entityChanges().get(i).partner(),
                    partnerExists,
                    errors);
        }
        unique("/tokenUse", snapshot.tokenUse(), t -> t.app().value(), errors);
        for (int i = 0; i < snapshot.tokenUse().size(); i++) {
            TokenUse use = snapshot.tokenUse().get(i);
            if (ownerOf.apply(use.app()).isEmpty()) {
                errors.add(new FieldError(
                        pointer("/tokenUse", i, "app"), "no app '" + use.app() + "' in this document or in Warden"));
            }
        }
        unique(
                "/incidentProcesses",
                snapshot.incidentProcesses(),
                p -> p.partner().value(),
                errors);
        for (int i = 0; i < snapshot.incidentProcesses().size(); i++) {
            partner(
                    pointer("/incidentProcesses", i),
                    snapshot.incidentProcesses().get(i).partner(),
                    partnerExists,
                    errors);
        }
        unique("/badgeAwards", snapshot.badgeAwards(), dev.warden.core.obligations.BadgeAward::id, errors);
        for (int i = 0; i < snapshot.badgeAwards().size(); i++) {
            dev.warden.core.catalog.AppKey app = snapshot.badgeAwards().get(i).app();
            if (ownerOf.apply(app).isEmpty()) {
                errors.add(new FieldError(
                        pointer("/badgeAwards", i, "app"), "no app '" + app + "' in this document or in Warden"));
            }
        }
        unique(
                "/privacyDeclarations",
                snapshot.privacyDeclarations(),
                d -> d.app().value(),
                errors);
        for (int i = 0; i < snapshot.privacyDeclarations().size(); i++) {
            dev.warden.core.catalog.AppKey app =
                    snapshot.privacyDeclarations().get(i).app();
            if (ownerOf.apply(app).isEmpty()) {
                errors.add(new FieldError(
                        pointer("/privacyDeclarations", i, "app"),
                        "no app '" + app + "' in this document or in Warden"));
            }
        }
        unique("/scopeReviews", snapshot.scopeReviews(), r -> r.app().value(), errors);
        for (int i = 0; i < snapshot.scopeReviews().size(); i++) {
            dev.warden.core.catalog.AppKey app = snapshot.scopeReviews().get(i).app();
            if (ownerOf.apply(app).isEmpty()) {
                errors.add(new FieldError(
                        pointer("/scopeReviews", i, "app"), "no app '" + app + "' in this document or in Warden"));
            }
        }
        unique("/scanFindings", snapshot.scanFindings(), ScanFinding::id, errors);
        for (int i = 0; i < snapshot.scanFindings().size(); i++) {
            ScanFinding finding = snapshot.scanFindings().get(i);
            if (ownerOf.apply(finding.app()).isEmpty()) {
                errors.add(new FieldError(
                        pointer("/scanFindings", i, "app"),
                        "no app '" + finding.app() + "' in this document or in Warden"));
            } else if (!finding.id()
                    .equals(ScanFinding.idOf(
                            finding.app(), finding.hosting(), finding.rule(), finding.fingerprint()))) {
                errors.add(new FieldError(
                        pointer("/scanFindings", i, "id"),
                        "must be "
                                + ScanFinding.idOf(
                                        finding.app(), finding.hosting(), finding.rule(), finding.fingerprint())
                                + ", the id of this app, hosting, rule and fingerprint"));
            }
        }
    }

    private static <T> void unique(String base, List<T> records, Function<T, String> id, List<FieldError> errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String key = id.apply(records.get(i));
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                errors.add(new FieldError(
                        pointer(base, i), "'" + key + "' appears twice (first at " + base + "/" + first + ")"));
            }
        }
    }

    private static void partner(
            String base, PartnerId partner, Function<PartnerId, Boolean> exists, List<FieldError> errors) {
        if (!exists.apply(partner)) {
            errors.add(new FieldError(
                    pointer(base, "partner"), "no partner '" + partner + "' in this document or in Warden"));
        }
    }

    private static void apps(
            String base,
            PartnerId partner,
            List<AppKey> apps,
            Function<AppKey, Optional<PartnerId>> ownerOf,
            List<FieldError> errors) {
        for (int a = 0; a < apps.size(); a++) {
            Optional<PartnerId> owner = ownerOf.apply(apps.get(a));
            if (owner.isEmpty()) {
                errors.add(new FieldError(
                        pointer(base, "apps", a), "no app '" + apps.get(a) + "' in this document or in Warden"));
            } else if (!owner.get().equals(partner)) {
                errors.add(new FieldError(
                        pointer(base, "apps", a),
                        "app '" + apps.get(a) + "' belongs to partner '" + owner.get() + "'"));
            }
        }
    }
}
