package dev.warden.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Jira REST call in code, read where its path occurs: the path as written (computed parts become
 * {@code *}), and the HTTP method said in the same call. Only the call itself is looked at, never
 * whatever happens to be near it: the next 300 characters up to the next API path for an options
 * object ({@code method: 'POST'}, {@code type: "PUT"}), the 40 before it for a method-named call
 * ({@code axios.post(}, {@code request('DELETE', }).
 */
final class JiraCalls {
    private static final Pattern PLATFORM = Pattern.compile("/rest/api/(?:2|3|latest)/");
    private static final Pattern OPTION =
            Pattern.compile("(?i)\\b(?:method|type|httpMethod)\\s*[:=]\\s*[\"'`](GET|POST|PUT|PATCH|DELETE)[\"'`]");
    private static final Pattern BEFORE = Pattern.compile(
            "(?i)(?:\\.(get|post|put|patch|delete)\\s*\\(\\s*(?:route|\\{\\s*(?:url|uri|path)\\s*:)?\\s*[\"'`]?"
                    + "|[\"'`](GET|POST|PUT|PATCH|DELETE)[\"'`]\\s*,\\s*(?:route)?\\s*[\"'`]?)\\s*$");

    private JiraCalls() {}

    /** The method of the call whose path starts at {@code at}, or null when the code does not say. */
    static @Nullable String method(String text, int at) {
        int next = text.indexOf("/rest/", at + 6);
        int end = Math.min(text.length(), Math.min(at + 300, next < 0 ? Integer.MAX_VALUE : next));
        Matcher option = OPTION.matcher(text).region(at, end);
        if (option.find()) {
            return option.group(1).toUpperCase(Locale.ROOT);
        }
        Matcher before = BEFORE.matcher(text).region(Math.max(0, at - 40), at);
        if (before.find()) {
            String m = before.group(1) != null ? before.group(1) : before.group(2);
            return m.toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * The scopes the Jira platform call at {@code at} accepts, or null when it cannot be judged (not a
     * platform path, a path no known operation has, or one built entirely at run time).
     */
    static @Nullable Set<String> scopes(String text, int at, @Nullable String method) {
        Matcher platform = PLATFORM.matcher(text).region(at, Math.min(text.length(), at + 20));
        if (!platform.lookingAt()) {
            return null; // the agile API and others are not in the table
        }
        List<String> segments = segments(text, platform.end());
        if (segments.isEmpty() || segments.get(0).equals("*")) {
            return null;
        }
        return JiraOperations.table().scopesOf(method, segments);
    }

    /** The path's segments after {@code /rest/api/N/}; a computed segment is {@code *}. */
    static List<String> segments(String text, int from) {
        StringBuilder path = new StringBuilder();
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    break;
                }
                path.append('\u0000'); // a template placeholder
                i = close + 1;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`' || c == '?' || c == '#' || c == ')' || c <= ' ' || c == '<') {
                break;
            }
            path.append(c);
            i++;
        }
        // "'/rest/api/3/issue/' + key": the literal ends at a slash and the rest is computed.
        int after = i < text.length() ? i + 1 : i;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        boolean concatenated = after < text.length() && text.charAt(after) == '+';
        List<String> segments = new ArrayList<>();
        for (String segment : path.toString().split("/", -1)) {
            segments.add(segment.contains("\u0000") || segment.contains("{") ? "*" : segment);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
            if (concatenated) {
                segments.add("*");
            }
        }
        return segments;
    }
}
