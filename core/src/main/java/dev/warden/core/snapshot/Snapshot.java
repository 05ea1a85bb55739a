package dev.warden.core.snapshot;

import static java.util.Objects.requireNonNullElse;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.ScopeReview;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.core.tickets.Ticket;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace's facts at one moment, in the order they are written: partners by id, apps by key,
 * tickets by key (with their event histories), then the obligation records: incidents, bug bounty
 * programs, verifications and entity changes by id, token use by app, scan findings by id, incident response processes by partner, badge awards by app and badge, Privacy and Security declarations by app, scope reviews by app; last, the
 * enforcement cases with their history, by id.
 */
public record Snapshot(
        String format,
        @Nullable Instant exportedAt,
        List<Partner> partners,
        List<App> apps,
        List<Ticket> tickets,
        List<Incident> incidents,
        List<BountyProgram> bountyPrograms,
        List<Verification> verifications,
        List<EntityChange> entityChanges,
        List<TokenUse> tokenUse,
        List<ScanFinding> scanFindings,
        List<IncidentProcess> incidentProcesses,
        List<BadgeAward> badgeAwards,
        List<PrivacyDeclaration> privacyDeclarations,
        List<ScopeReview> scopeReviews,
        List<EnforcementCase> enforcementCases) {
    public static final String FORMAT = "warden.snapshot/v1";

    public Snapshot(
            @Nullable String format,
            @Nullable Instant exportedAt,
            @Nullable List<Partner> partners,
            @Nullable List<App> apps,
            @Nullable List<Ticket> tickets,
            @Nullable List<Incident> incidents,
            @Nullable List<BountyProgram> bountyPrograms,
            @Nullable List<Verification> verifications,
            @Nullable List<EntityChange> entityChanges,
            @Nullable List<TokenUse> tokenUse,
            @Nullable List<ScanFinding> scanFindings,
            @Nullable List<IncidentProcess> incidentProcesses,
            @Nullable List<BadgeAward> badgeAwards,
            @Nullable List<PrivacyDeclaration> privacyDeclarations,
            @Nullable List<ScopeReview> scopeReviews,
            @Nullable List<EnforcementCase> enforcementCases) {
        if (format != null && !FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " document: " + format);
        }
        this.format = FORMAT;
        this.exportedAt = exportedAt;
        this.partners = List.copyOf(requireNonNullElse(partners, List.of()));
        this.apps = List.copyOf(requireNonNullElse(apps, List.of()));
        this.tickets = List.copyOf(requireNonNullElse(tickets, List.of()));
        this.incidents = List.copyOf(requireNonNullElse(incidents, List.of()));
        this.bountyPrograms = List.copyOf(requireNonNullElse(bountyPrograms, List.of()));
        this.verifications = List.copyOf(requireNonNullElse(verifications, List.of()));
        this.entityChanges = List.copyOf(requireNonNullElse(entityChanges, List.of()));
        this.tokenUse = List.copyOf(requireNonNullElse(tokenUse, List.of()));
        this.scanFindings = List.copyOf(requireNonNullElse(scanFindings, List.of()));
        this.incidentProcesses = List.copyOf(requireNonNullElse(incidentProcesses, List.of()));
        this.badgeAwards = List.copyOf(requireNonNullElse(badgeAwards, List.of()));
        this.privacyDeclarations = List.copyOf(requireNonNullElse(privacyDeclarations, List.of()));
        this.scopeReviews = List.copyOf(requireNonNullElse(scopeReviews, List.of()));
        this.enforcementCases = List.copyOf(requireNonNullElse(enforcementCases, List.of()));
    }

    /** A snapshot of the catalog and tickets alone. */
    public static Snapshot of(
            @Nullable Instant exportedAt, List<Partner> partners, List<App> apps, List<Ticket> tickets) {
        return of(exportedAt, partners, apps, tickets, Obligations.NONE);
    }

    /** A snapshot of these facts, sorted into the canonical order. */
    public static Snapshot of(
            @Nullable Instant exportedAt,
            List<Partner> partners,
            List<App> apps,
            List<Ticket> tickets,
            Obligations obligations) {
        return new Snapshot(
                FORMAT,
                exportedAt,
                partners.stream().sorted(Comparator.comparing(Partner::id)).toList(),
                apps.stream().sorted(Comparator.comparing(App::key)).toList(),
                tickets.stream().sorted(Comparator.comparing(Ticket::key)).toList(),
                obligations.incidents().stream()
                        .sorted(Comparator.comparing(Incident::id))
                        .toList(),
                obligations.programs().stream()
                        .sorted(Comparator.comparing(BountyProgram::id))
                        .toList(),
                obligations.verifications().stream()
                        .sorted(Comparator.comparing(Verification::id))
                        .toList(),
                obligations.entityChanges().stream()
                        .sorted(Comparator.comparing(EntityChange::id))
                        .toList(),
                obligations.tokenUse().stream()
                        .sorted(Comparator.comparing(TokenUse::app))
                        .toList(),
                obligations.scanFindings().stream()
                        .sorted(Comparator.comparing(ScanFinding::id))
                        .toList(),
                obligations.incidentProcesses().stream()
                        .sorted(Comparator.comparing(IncidentProcess::partner))
                        .toList(),
                obligations.badgeAwards().stream()
                        .sorted(Comparator.comparing(BadgeAward::id))
                        .toList(),
                obligations.privacyDeclarations().stream()
                        .sorted(Comparator.comparing(PrivacyDeclaration::app))
                        .toList(),
                obligations.scopeReviews().stream()
                        .sorted(Comparator.comparing(ScopeReview::app))
                        .toList(),
                List.of());
    }

    /** This snapshot with these enforcement cases and their history, sorted by id. */
    public Snapshot withCases(List<EnforcementCase> cases) {
        return new Snapshot(
                format,
                exportedAt,
                partners,
                apps,
                tickets,
                incidents,
                bountyPrograms,
                verifications,
                entityChanges,
                tokenUse,
                scanFindings,
                incidentProcesses,
                badgeAwards,
                privacyDeclarations,
                scopeReviews,
                cases.stream()
                        .sorted(Comparator.comparingLong(EnforcementCase::id))
                        .toList());
    }

    /** The obligation records of this snapshot, as the rules read them. */
    public Obligations obligations() {
        return new Obligations(
                incidents,
                bountyPrograms,
                verifications,
                entityChanges,
                tokenUse,
                scanFindings,
                incidentProcesses,
                badgeAwards,
                privacyDeclarations,
                scopeReviews);
    }
}
