package dev.warden.server.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an actor may do. People get permissions through their roles; API clients through their scopes,
 * which are these permissions' names. Partner-scoped actors only ever see their own partner's data.
 */
public enum Permission {
    CATALOG_READ("catalog:read", true, true),
    CATALOG_WRITE("catalog:write", false, false),
    SNAPSHOT_EXPORT("snapshot:export", true, true),
    SNAPSHOT_IMPORT("snapshot:import", false, false),
    TICKETS_READ("tickets:read", true, true),
    TICKETS_REPORT("tickets:report", false, false),
    TICKETS_RESPOND("tickets:respond", false, true),
    TICKETS_MANAGE("tickets:manage", false, false),
    POLICY_READ("policy:read", true, true),
    POLICY_MANAGE("policy:manage", false, false),
    EVALUATIONS_RUN("evaluations:run", true, false),
    ENFORCEMENT_READ("enforcement:read", true, true),
    ENFORCEMENT_MANAGE("enforcement:manage", false, false),
    ENFORCEMENT_DECIDE("enforcement:decide", false, false),
    APPEALS_FILE("appeals:file", false, true),
    /** Incidents, bug bounty programs, verifications, entity changes and token use. */
    OBLIGATIONS_READ("obligations:read", true, true),
    /** What a partner does about its obligations: report incidents and follow up, declare, submit, report. */
    OBLIGATIONS_RESPOND("obligations:respond", false, true),
    /** What only the operator does: close incidents, request and decide verifications, record evidence. */
    OBLIGATIONS_MANAGE("obligations:manage", false, false),
    /** Add an app's versions with their artifacts, which Warden then scans. */
    ARTIFACTS_UPLOAD("artifacts:upload", false, true),
    /** Check a redirect URI's host now rather than at its daily time (a partner: its own apps' hosts). */
    DOMAINS_CHECK("domains:check", false, true),
    /** Import security advisories (OSV) that bundled libraries are matched against. */
    ADVISORIES_IMPORT("advisories:import", false, false),
    AUDIT_READ("audit:read", true, false),
    /** Scrape the Prometheus metrics at /actuator/prometheus (counts only: no partner's details). */
    METRICS_READ("metrics:read", true, false),
    /** Send an outbox message again. */
    OUTBOX_MANAGE("outbox:manage", false, false),
    /** Notification settings (the daily digest): a partner's for its contacts, the operator's for its people. */
    NOTIFICATIONS_MANAGE("notifications:manage", false, true),
    /** Webhook endpoints: an administrator's hear every partner, a partner's only its own events. */
    WEBHOOKS_MANAGE("webhooks:manage", false, true),
    /** Connections to the operator's other tools (Jira): settings, credentials, status. */
    INTEGRATIONS_MANAGE("integrations:manage", false, false),
    USERS_MANAGE("users:manage", false, false),
    CLIENTS_MANAGE("clients:manage", false, false);

    private final String scope;
    private final boolean readOnly;
    private final boolean partnerAllowed;

    Permission(String scope, boolean readOnly, boolean partnerAllowed) {
        this.scope = scope;
        this.readOnly = readOnly;
        this.partnerAllowed = partnerAllowed;
    }

    /** The OAuth scope that grants this permission to an API client. */
    public String scope() {
        return scope;
    }

    /** Whether the permission only reads; an auditor holds every read-only permission. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Whether a partner's user or client may hold it (always limited to that partner). */
    public boolean partnerAllowed() {
        return partnerAllowed;
    }

    public static Optional<Permission> ofScope(String scope) {
        return Arrays.stream(values()).filter(p -> p.scope.equals(scope)).findFirst();
    }
}
