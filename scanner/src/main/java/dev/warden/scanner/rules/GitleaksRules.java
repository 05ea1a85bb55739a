package dev.warden.scanner.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.warden.scanner.Rule;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads the {@code [[rules]]} of a gitleaks configuration (TOML), so a team keeps its own rules: id,
 * description, regex, secretGroup, entropy, keywords, path and allow lists (the rule's
 * {@code [rules.allowlist]} or {@code [[rules.allowlists]]}, and the global {@code [allowlist]}).
 */
public final class GitleaksRules {
    private static final TomlMapper TOML = TomlMapper.builder().build();

    private GitleaksRules() {}

    /**
     * The rules in a gitleaks configuration.
     *
     * @throws IllegalArgumentException naming the rule and the field that is wrong
     */
    public static List<Rule> read(String toml) {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid TOML: " + e.getOriginalMessage());
        }
        GitleaksRule.Allowlist global = allowlist(root.path("allowlist"), "[allowlist]");
        for (JsonNode list : root.path("allowlists")) {
            global = global.and(allowlist(list, "[[allowlists]]"));
        }
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : root.path("rules")) {
            index++;
            String id = rule.path("id").asString("");
            String where = id.isEmpty() ? "rule " + index : "rule " + id;
            if (id.isEmpty() || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException(where + ": id is required (letters, digits, . _ -)");
            }
            String regex = rule.path("regex").asString("");
            if (regex.isEmpty()) {
                continue; // a path-only rule (files that should not exist): nothing to match in content
            }
            GitleaksRule.Allowlist allow = global.and(allowlist(rule.path("allowlist"), where + " allowlist"));
            for (JsonNode list : rule.path("allowlists")) {
                allow = allow.and(allowlist(list, where + " allowlists"));
            }
            String path = rule.path("path").asString("");
            List<String> keywords = new ArrayList<>();
            for (JsonNode k : rule.path("keywords")) {
                String keyword = k.asString("").toLowerCase(java.util.Locale.ROOT);
                if (keyword.length() < 2) {
                    throw new IllegalArgumentException(where + ": keywords need at least 2 characters");
                }
                keywords.add(keyword);
            }
            rules.add(new GitleaksRule(
                    id,
                    rule.path("description").asString(""),
                    compile(regex, where + " regex"),
                    rule.path("secretGroup").asInt(0),
                    rule.path("entropy").asDouble(0),
                    keywords,
                    path.isEmpty() ? null : compile(path, where + " path"),
                    allow));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no [[rules]] with a regex");
        }
        return rules;
    }

    private static GitleaksRule.Allowlist allowlist(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return GitleaksRule.Allowlist.NONE;
        }
        List<Pattern> regexes = new ArrayList<>();
        for (JsonNode r : node.path("regexes")) {
            regexes.add(compile(r.asString(""), where + " regexes"));
        }
        List<String> stopwords = new ArrayList<>();
        for (JsonNode w : node.path("stopwords")) {
            stopwords.add(w.asString(""));
        }
        List<Pattern> paths = new ArrayList<>();
        for (JsonNode p : node.path("paths")) {
            paths.add(compile(p.asString(""), where + " paths"));
        }
        return new GitleaksRule.Allowlist(regexes, stopwords, paths);
    }

    private static Pattern compile(String regex, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
