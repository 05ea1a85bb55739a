package dev.warden.server.shared;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of people in Warden and what each may do. */
public enum Role {
    /** Manages users, API clients, policy and settings; may do everything. */
    ADMIN,
    /** Works tickets, findings and cases; maintains the catalog. */
    SECURITY_ANALYST,
    /** Approves enforcement actions. */
    APPROVER,
    /** Reads everything, changes nothing. */
    AUDITOR,
    /** Belongs to exactly one partner and sees and acts only on that partner's data. */
    PARTNER;

    public Set<Permission> permissions() {
        switch (this) {
            case ADMIN:
                return EnumSet.allOf(Permission.class);
            case SECURITY_ANALYST:
                return EnumSet.of(
                        Permission.CATALOG_READ,
                        Permission.CATALOG_WRITE,
                        Permission.SNAPSHOT_EXPORT,
                        Permission.SNAPSHOT_IMPORT,
                        Permission.TICKETS_READ,
                        Permission.TICKETS_REPORT,
                        Permission.TICKETS_RESPOND,
                        Permission.TICKETS_MANAGE,
                        Permission.POLICY_READ,
                        Permission.EVALUATIONS_RUN,
                        Permission.ENFORCEMENT_READ,
                        Permission.ENFORCEMENT_MANAGE,
                        Permission.OBLIGATIONS_READ,
                        Permission.OBLIGATIONS_RESPOND,
                        Permission.OBLIGATIONS_MANAGE,
                        Permission.ARTIFACTS_UPLOAD,
                        Permission.DOMAINS_CHECK,
                        Permission.ADVISORIES_IMPORT,
                        Permission.AUDIT_READ);
            case APPROVER:
                return EnumSet.of(
                        Permission.CATALOG_READ,
                        Permission.SNAPSHOT_EXPORT,
                        Permission.TICKETS_READ,
                        Permission.POLICY_READ,
                        Permission.EVALUATIONS_RUN,
                        Permission.ENFORCEMENT_READ,
                        Permission.ENFORCEMENT_DECIDE,
                        Permission.OBLIGATIONS_READ,
                        Permission.AUDIT_READ);
            case AUDITOR:
                return Arrays.stream(Permission.values())
                        .filter(Permission::readOnly)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
            case PARTNER:
                return Arrays.stream(Permission.values())
                        .filter(Permission::partnerAllowed)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
        }
        throw new AssertionError(this);
    }

    /** The union of the roles' permissions. */
    public static Set<Permission> permissionsOf(Set<Role> roles) {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        roles.forEach(r -> all.addAll(r.permissions()));
        return all;
    }
}
