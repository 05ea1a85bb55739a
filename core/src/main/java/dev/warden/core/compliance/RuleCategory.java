package dev.warden.core.compliance;

import java.util.Locale;

/**
 * The area of the policy a rule belongs to, in plain words for people outside the operator (the public
 * transparency page): says what kind of obligation was not met, never which finding or how.
 */
public enum RuleCategory {
    VULNERABILITIES("VULN-", "Fixing security vulnerabilities on time"),
    TICKET_RESPONSE("TICKET-", "Responding to security reports"),
    SECURITY_CONTACT("CONTACT-", "Keeping a security contact"),
    APP_CREDENTIALS("OAUTH-", "Protecting app credentials and permissions"),
    IDENTITY("VERIFICATION-", "Partner identity verification"),
    BUG_BOUNTY("BOUNTY-", "Running a bug bounty program"),
    API_TOKENS("PAT-", "Not collecting users' API tokens"),
    INCIDENT_RESPONSE("INCIDENT-", "Security incident response"),
    DECLARATIONS("DISCLOSURE-", "Accuracy of security declarations"),
    BADGE("BADGE-", "Security badge requirements"),
    OTHER("", "The marketplace security policy");

    private final String prefix;
    private final String words;

    RuleCategory(String prefix, String words) {
        this.prefix = prefix;
        this.words = words;
    }

    /** The category of a rule id (its prefix); {@link #OTHER} for an id no category claims. */
    public static RuleCategory of(String ruleId) {
        String id = ruleId.toUpperCase(Locale.ROOT);
        for (RuleCategory category : values()) {
            if (category != OTHER && id.startsWith(category.prefix)) {
                return category;
            }
        }
        return OTHER;
    }

    /** The category in plain words. */
    public String words() {
        return words;
    }
}
