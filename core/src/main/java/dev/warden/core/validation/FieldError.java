package dev.warden.core.validation;

import java.util.Comparator;

/**
 * One thing wrong with an input document, located by a JSON Pointer (RFC 6901) such as
 * {@code /partners/2/tier}; the empty pointer means the whole document.
 */
public record FieldError(String pointer, String message) {
    /** Errors sorted by where they are, then by what they say, so reports are stable. */
    public static final Comparator<FieldError> ORDER =
            Comparator.comparing((FieldError e) -> e.pointer()).thenComparing(e -> e.message());

    /** Words a field name holds that people write otherwise: {@code cvss} → CVSS. */
    private static final java.util.Map<String, String> ACRONYMS = java.util.Map.ofEntries(
            java.util.Map.entry("cvss", "CVSS"),
            java.util.Map.entry("url", "URL"),
            java.util.Map.entry("urls", "URLs"),
            java.util.Map.entry("uri", "URI"),
            java.util.Map.entry("uris", "URIs"),
            java.util.Map.entry("id", "ID"),
            java.util.Map.entry("cwe", "CWE"),
            java.util.Map.entry("jwt", "JWT"),
            java.util.Map.entry("api", "API"),
            java.util.Map.entry("oauth", "OAuth"),
            java.util.Map.entry("sla", "SLA"));

    public FieldError {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON Pointer starts with '/': " + pointer);
        }
    }

    /** A pointer to a member of the node at {@code base}, escaping as RFC 6901 requires. */
    public static String pointer(String base, Object... steps) {
        StringBuilder sb = new StringBuilder(base);
        for (Object step : steps) {
            sb.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /**
     * The error as a person reads it on a form: the field named in words rather than as a pointer
     * ({@code /proposedDue} → "Proposed due", {@code /securityContacts/0/email} → "Security contacts #1
     * email"), then the message: "Partner: a PARTNER user needs an existing partner".
     */
    public String sentence() {
        if (pointer.isEmpty()) {
            return message;
        }
        StringBuilder words = new StringBuilder();
        for (String step : pointer.substring(1).split("/", -1)) {
            String name = step.replace("~1", "/").replace("~0", "~");
            if (words.length() > 0) {
                words.append(' ');
            }
            if (name.matches("\\d{1,9}")) {
                words.append('#').append(Integer.parseInt(name) + 1);
            } else if (name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
                words.append(name); // a value such as CLOUD stays as the form shows it
            } else {
                words.append(name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
            }
        }
        StringBuilder field = new StringBuilder();
        for (String word : words.toString().split(" ")) {
            field.append(field.length() == 0 ? "" : " ").append(ACRONYMS.getOrDefault(word, word));
        }
        return Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + message;
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
