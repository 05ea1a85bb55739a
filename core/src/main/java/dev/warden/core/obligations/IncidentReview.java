package dev.warden.core.obligations;

/**
 * A post-incident review, with the sections a reviewer expects (docs/policy section 7: "a comprehensive
 * post-incident review"). Every section is required.
 */
public record IncidentReview(
        String summary,
        String timeline,
        String rootCause,
        String impact,
        String customersAffected,
        String remediation,
        String prevention) {
    public IncidentReview {
        Checks.text(summary, "review summary");
        Checks.text(timeline, "review timeline");
        Checks.text(rootCause, "review rootCause");
        Checks.text(impact, "review impact");
        Checks.text(customersAffected, "review customersAffected");
        Checks.text(remediation, "review remediation");
        Checks.text(prevention, "review prevention");
    }
}
