package dev.warden.scanner;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a code file shows the app uses: which product APIs it calls, and whether it writes. Evidence,
 * not proof; a scope is called unused only when no file next to the descriptor shows any use of it.
 */
public final class ApiEvidence {
    /** One kind of use a scope allows. */
    public enum Use {
        JIRA_READ,
        JIRA_WRITE,
        JIRA_DELETE,
        JIRA_USER,
        JIRA_WEBHOOK,
        JIRA_ADMIN,
        CONFLUENCE_READ,
        CONFLUENCE_WRITE,
        CONFLUENCE_DELETE,
        CONFLUENCE_USER,
        STORAGE,
        ACCOUNT,
        ACT_AS_USER
    }

    private static final Set<String> CODE = Set.of(
            "js", "mjs", "cjs", "jsx", "ts", "tsx", "java", "kt", "groovy", "py", "rb", "go", "php", "cs", "vm", "soy",
            "html", "class");
    private static final Pattern JIRA = Pattern.compile("/rest/(?:api/(?:2|3|latest)|agile/1\\.0)/([A-Za-z]+)");
    private static final Pattern FORGE_STORAGE = Pattern.compile("\\bstorage\\.(?:set|get|delete|query)\\(");
    private static final Pattern CONFLUENCE =
            Pattern.compile("/wiki/(?:rest/api|api/v2)/([A-Za-z]+)|/rest/api/(?:content|space)\\b");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)method\\s*[:=]\\s*[\"'](?:POST|PUT|PATCH)[\"']|\\.(?:post|put|patch)\\s*\\(|\\b(?:POST|PUT|PATCH)\\b");
    private static final Pattern DELETE =
            Pattern.compile("(?i)method\\s*[:=]\\s*[\"']DELETE[\"']|\\.delete\\s*\\(|\\bDELETE\\b");
    private static final Set<String> JIRA_ADMIN = Set.of(
            "workflow",
            "workflows",
            "workflowscheme",
            "screens",
            "screenscheme",
            "field",
            "customfield",
            "issuetypescheme",
            "permissionscheme",
            "notificationscheme",
            "priorityscheme",
            "securityscheme");

    /** Strings one of which every file with evidence holds (the scan's keyword pass looks for them). */
    static final List<String> MARKERS = List.of(
            "/rest/", "/wiki/", "@forge/", "api.atlassian.com/me", "asuser()", "jwt-bearer", "user_impersonation");

    private ApiEvidence() {}

    /** Whether a file's name says it holds code worth reading for evidence. */
    static boolean isCode(String fileName) {
        return CODE.contains(fileName.substring(fileName.lastIndexOf('.') + 1));
    }

    /** Evidence that the code may call a Jira operation Warden cannot judge: no Jira scope is called unused. */
    public static final String JIRA_UNKNOWN = "jira-unknown";

    /** Evidence that the code calls a Jira operation that accepts {@code scope}. */
    public static String scope(String scope) {
        return "scope:" + scope;
    }

    /**
     * What a code file shows, as evidence strings: the {@link Use}s' names, {@link #scope} for each scope
     * a Jira platform operation it calls accepts, and {@link #JIRA_UNKNOWN} for a Jira call it cannot
     * match. Patterns run only where a marker occurs, never over the whole file.
     */
    static Set<String> evidence(String text) {
        Set<String> out = new HashSet<>();
        Set<Use> uses = EnumSet.noneOf(Use.class);
        for (int i = text.indexOf("/rest/"); i >= 0; i = text.indexOf("/rest/", i + 1)) {
            Matcher jira = JIRA.matcher(text).region(i, Math.min(text.length(), i + 60));
            if (jira.lookingAt()) {
                String resource = jira.group(1).toLowerCase(Locale.ROOT);
                Set<Use> here = EnumSet.of(Use.JIRA_READ);
                if (resource.equals("user") || resource.equals("users") || resource.equals("myself")) {
                    here.add(Use.JIRA_USER);
                }
                if (resource.equals("webhook")) {
                    here.add(Use.JIRA_WEBHOOK);
                }
                if (JIRA_ADMIN.contains(resource)) {
                    here.add(Use.JIRA_ADMIN);
                }
                String method = JiraCalls.method(text, i);
                if (method != null && !method.equals("GET") && !method.equals("DELETE")) {
                    here.add(Use.JIRA_WRITE);
                }
                if ("DELETE".equals(method)) {
                    here.add(Use.JIRA_DELETE);
                }
                uses.addAll(here);
                Set<String> scopes = JiraCalls.scopes(text, i, method);
                if (scopes == null) {
                    out.add(JIRA_UNKNOWN);
                } else {
                    scopes.forEach(s -> out.add(scope(s)));
                }
            }
            confluence(text, i, uses);
        }
        for (int i = text.indexOf("/wiki/"); i >= 0; i = text.indexOf("/wiki/", i + 1)) {
            confluence(text, i, uses);
        }
        if (text.contains("@forge/kvs")
                || text.contains("@forge/storage")
                || FORGE_STORAGE.matcher(text).find()) {
            uses.add(Use.STORAGE);
        }
        if (text.contains("api.atlassian.com/me") || text.contains("/rest/api/3/myself")) {
            uses.add(Use.ACCOUNT);
        }
        if (text.contains("asUser()") || text.contains("jwt-bearer") || text.contains("user_impersonation")) {
            uses.add(Use.ACT_AS_USER);
        }
        out.addAll(names(uses));
        return out;
    }

    private static void confluence(String text, int at, Set<Use> uses) {
        Matcher confluence = CONFLUENCE.matcher(text).region(at, Math.min(text.length(), at + 60));
        if (!confluence.lookingAt()) {
            return;
        }
        Set<Use> here = EnumSet.of(Use.CONFLUENCE_READ);
        String resource = confluence.group(1) == null ? "" : confluence.group(1).toLowerCase(Locale.ROOT);
        if (resource.equals("user") || resource.equals("users")) {
            here.add(Use.CONFLUENCE_USER);
        }
        around(text, at, here, Use.CONFLUENCE_WRITE, Use.CONFLUENCE_DELETE);
        uses.addAll(here);
    }

    /** Looks at the 200 characters around an API path for the HTTP method used with it. */
    private static void around(String text, int at, Set<Use> here, Use write, Use delete) {
        int from = Math.max(0, at - 200);
        int to = Math.min(text.length(), at + 200);
        String window = text.substring(from, to);
        if (WRITE.matcher(window).find()) {
            here.add(write);
        }
        if (DELETE.matcher(window).find()) {
            here.add(delete);
        }
    }

    /** Evidence keys as strings, for {@link AppRule}. */
    static Set<String> names(Set<Use> uses) {
        Set<String> out = new HashSet<>();
        uses.forEach(u -> out.add(u.name()));
        return out;
    }
}
