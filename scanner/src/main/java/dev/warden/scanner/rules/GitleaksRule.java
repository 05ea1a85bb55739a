package dev.warden.scanner.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.warden.scanner.Content;
import dev.warden.scanner.Findings;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Secrets;
import dev.warden.scanner.Severity;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A rule from a gitleaks configuration: its regular expression (RE2 syntax, run by re2j in linear
 * time, as gitleaks runs it), keywords, secret group, minimum entropy, path filter and allow lists.
 */
final class GitleaksRule implements Rule {
    private static final int WINDOW = 2000;

    private final String id;
    private final String description;
    private final Pattern regex;
    private final int secretGroup;
    private final double entropy;
    private final List<String> keywords;
    private final @Nullable Pattern path;
    private final Allowlist allow;

    /** What a gitleaks allow list excuses: matches of some patterns, secrets holding a stop word, some paths. */
    record Allowlist(List<Pattern> regexes, List<String> stopwords, List<Pattern> paths) {
        static final Allowlist NONE = new Allowlist(List.of(), List.of(), List.of());

        boolean excuses(String secret, String path) {
            String lower = secret.toLowerCase(Locale.ROOT);
            return regexes.stream().anyMatch(p -> p.matcher(secret).find())
                    || stopwords.stream().anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)))
                    || paths.stream().anyMatch(p -> p.matcher(path).find());
        }

        Allowlist and(Allowlist other) {
            return new Allowlist(
                    concat(regexes, other.regexes), concat(stopwords, other.stopwords), concat(paths, other.paths));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
        }
    }

    GitleaksRule(
            String id,
            String description,
            Pattern regex,
            int secretGroup,
            double entropy,
            List<String> keywords,
            @Nullable Pattern path,
            Allowlist allow) {
        this.id = id;
        this.description = description;
        this.regex = regex;
        this.secretGroup = secretGroup;
        this.entropy = entropy;
        this.keywords = List.copyOf(keywords);
        this.path = path;
        this.allow = allow;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return description.isEmpty() ? id : description;
    }

    @Override
    public String help() {
        return description.isEmpty() ? "A custom rule loaded from a gitleaks configuration." : description;
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public void check(Content content, int at, Findings findings) {
        String where = content.path().toString();
        if (path != null && !path.matcher(where).find()) {
            return;
        }
        String text = content.text();
        int from = 0;
        int to = text.length();
        if (at >= 0) {
            int[] window = content.window(at, WINDOW, WINDOW);
            from = window[0];
            to = window[1];
        }
        Matcher m = regex.matcher(text.substring(from, to));
        while (m.find()) {
            int group = secretGroup <= m.groupCount() && m.group(secretGroup) != null ? secretGroup : 0;
            if (group == 0 && secretGroup == 0 && m.groupCount() > 0 && m.group(1) != null) {
                group = 1; // gitleaks: without secretGroup, the first group that matched is the secret
            }
            String secret = m.group(group);
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            if (entropy > 0 && Secrets.entropy(secret) < entropy || allow.excuses(secret, where)) {
                continue;
            }
            findings.report(this, from + m.start(group), from + m.end(group), secret, 3, title());
        }
    }
}
