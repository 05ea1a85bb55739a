package dev.warden.core.obligations;

import java.util.ArrayList;
import java.util.List;

/**
 * Every record the rules look at beside the catalog and tickets: incidents, programs, verifications,
 * entity changes, token use, the scanner's findings followed across versions, and the partners'
 * documented incident response processes the apps' badge awards and their Privacy and Security declarations.
 */
public record Obligations(
        List<Incident> incidents,
        List<BountyProgram> programs,
        List<Verification> verifications,
        List<EntityChange> entityChanges,
        List<TokenUse> tokenUse,
        List<ScanFinding> scanFindings,
        List<IncidentProcess> incidentProcesses,
        List<BadgeAward> badgeAwards,
        List<PrivacyDeclaration> privacyDeclarations,
        List<ScopeReview> scopeReviews) {
    public static final Obligations NONE = new Obligations(List.of(), List.of(), List.of(), List.of(), List.of());

    public Obligations {
        incidents = List.copyOf(incidents);
        programs = List.copyOf(programs);
        verifications = List.copyOf(verifications);
        entityChanges = List.copyOf(entityChanges);
        tokenUse = List.copyOf(tokenUse);
        scanFindings = List.copyOf(scanFindings);
        incidentProcesses = List.copyOf(incidentProcesses);
        badgeAwards = List.copyOf(badgeAwards);
        privacyDeclarations = List.copyOf(privacyDeclarations);
        scopeReviews = List.copyOf(scopeReviews);
    }

    /** Records of the first nine kinds (no scope reviews). */
    public Obligations(
            List<Incident> incidents,
            List<BountyProgram> programs,
            List<Verification> verifications,
            List<EntityChange> entityChanges,
            List<TokenUse> tokenUse,
            List<ScanFinding> scanFindings,
            List<IncidentProcess> incidentProcesses,
            List<BadgeAward> badgeAwards,
            List<PrivacyDeclaration> privacyDeclarations) {
        this(
                incidents,
                programs,
                verifications,
                entityChanges,
                tokenUse,
                scanFindings,
                incidentProcesses,
                badgeAwards,
                privacyDeclarations,
                List.of());
    }

    /** Records of the first six kinds only. */
    public Obligations(
            List<Incident> incidents,
            List<BountyProgram> programs,
            List<Verification> verifications,
            List<EntityChange> entityChanges,
            List<TokenUse> tokenUse,
            List<ScanFinding> scanFindings) {
        this(
                incidents,
                programs,
                verifications,
                entityChanges,
                tokenUse,
                scanFindings,
                List.of(),
                List.of(),
                List.of());
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

    /** These records with other bug bounty programs (the same programs with other figures, say). */
    public Obligations withPrograms(List<BountyProgram> others) {
        return new Obligations(
                incidents,
                others,
                verifications,
                entityChanges,
                tokenUse,
                scanFindings,
                incidentProcesses,
                badgeAwards,
                privacyDeclarations,
                scopeReviews);
    }

    /** Gathers records of any of the nine kinds as a reader meets them. */
    public static final class Collector {
        private final List<Incident> incidents = new ArrayList<>();
        private final List<BountyProgram> programs = new ArrayList<>();
        private final List<Verification> verifications = new ArrayList<>();
        private final List<EntityChange> entityChanges = new ArrayList<>();
        private final List<TokenUse> tokenUse = new ArrayList<>();
        private final List<ScanFinding> scanFindings = new ArrayList<>();
        private final List<IncidentProcess> incidentProcesses = new ArrayList<>();
        private final List<BadgeAward> badgeAwards = new ArrayList<>();
        private final List<PrivacyDeclaration> privacyDeclarations = new ArrayList<>();
        private final List<ScopeReview> scopeReviews = new ArrayList<>();

        /** Adds a record; throws for anything that is not one of the nine kinds. */
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
            } else if (record instanceof IncidentProcess p) {
                incidentProcesses.add(p);
            } else if (record instanceof BadgeAward b) {
                badgeAwards.add(b);
            } else if (record instanceof PrivacyDeclaration d) {
                privacyDeclarations.add(d);
            } else if (record instanceof ScopeReview r) {
                scopeReviews.add(r);
            } else {
                throw new IllegalArgumentException("not an obligation record: " + record.getClass());
            }
        }

        public Obligations build() {
            return new Obligations(
                    incidents,
                    programs,
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
}
