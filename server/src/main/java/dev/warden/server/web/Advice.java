package dev.warden.server.web;

import java.util.Map;

/** What a partner should do next about a violation of each rule, in the portal's words. */
final class Advice {
    private static final Map<String, String> NEXT = Map.ofEntries(
            Map.entry("VULN-OVERDUE", "Release the fix and mark the ticket released, or request an extension."),
            Map.entry("VULN-TRIAGE-OVERDUE", "Triage the bug bounty ticket."),
            Map.entry("TICKET-ACK-OVERDUE", "Acknowledge the ticket on its page, then triage or fix it."),
            Map.entry("CONTACT-MISSING", "Add a security contact with an active ecosystem account."),
            Map.entry("OAUTH-SECRET-NOT-ROTATED", "Rotate the OAuth client secret and record the rotation."),
            Map.entry(
                    "OAUTH-SECRET-STORAGE",
                    "Move the client secret to an encrypted secret store or KMS (Forge apps: Forge secret storage)"
                            + " and record where it is kept."),
            Map.entry(
                    "OAUTH-SECRET-EXPOSED-NOT-ROTATED",
                    "Rotate every OAuth client's secret now and record the rotations: the exposed one is readable."),
            Map.entry("OAUTH-SECRET-EXPOSED", "Remove the secret from the artifact, rotate it, and upload the fix."),
            Map.entry(
                    "OAUTH-SCOPE-REVIEW-STALE",
                    "Review the app's OAuth scopes on its page: confirm those still needed, plan removing the rest."),
            Map.entry("BOUNTY-MISSING", "Add the app to an active bug bounty program."),
            Map.entry("BOUNTY-NOT-PUBLIC", "Make the program public, or schedule it with the platform."),
            Map.entry("BOUNTY-UNHEALTHY", "Fund the program, triage submissions faster, and keep it active."),
            Map.entry("VERIFICATION-OVERDUE", "Submit the verification, or answer the request for information."),
            Map.entry("VERIFICATION-CHANGE-UNREPORTED", "Report the change to your verified entity."),
            Map.entry("PAT-COLLECTION", "Stop collecting user API tokens: move to OAuth or the platform's auth."),
            Map.entry("DISCLOSURE-MISMATCH", "Correct your token declaration, or remove the token handling."),
            Map.entry("INCIDENT-LATE-REPORT", "Report incidents within 24 hours of becoming aware of them."),
            Map.entry("INCIDENT-FOLLOW-UP", "Post the update, plan, review or customer notice that is late."),
            Map.entry("INCIDENT-ACTIVE-EXPLOITATION", "Contain the incident and post CONTAINED."),
            Map.entry(
                    "BADGE-REQUIREMENTS-UNMET",
                    "Meet what the app's Cloud Fortified section lists as missing before the window ends, or the"
                            + " badge is revoked until you do."),
            Map.entry(
                    "INCIDENT-PROCESS-UNDOCUMENTED",
                    "Review your incident response process document and attest it under \"Incident response"
                            + " process\" below."));

    private Advice() {}

    static String next(String rule) {
        return NEXT.getOrDefault(rule, "See the evidence and the policy.");
    }
}
