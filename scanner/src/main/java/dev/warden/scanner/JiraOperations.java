package dev.warden.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which OAuth 2.0 scopes, classic and granular, each Jira Cloud platform REST operation needs: the
 * table generated from Atlassian's published API description, with a short hand-kept list of later
 * additions. Paths from code ({@code /rest/api/2/issue/${key}/comment}) are matched to the operations'
 * templates segment by segment.
 */
public final class JiraOperations {
    /** One operation: its method, its path template's segments, and the scopes it accepts. */
    record Operation(String method, List<String> segments, Set<String> scopes) {}

    private static final JiraOperations TABLE = load();

    private final List<Operation> operations;
    private final Set<String> judged;

    private JiraOperations(List<Operation> operations) {
        this.operations = List.copyOf(operations);
        Set<String> all = new HashSet<>();
        operations.forEach(o -> all.addAll(o.scopes()));
        this.judged = Set.copyOf(all);
    }

    public static JiraOperations table() {
        return TABLE;
    }

    /** Every scope some operation needs: the Jira scopes whose use can be judged. */
    public Set<String> scopes() {
        return judged;
    }

    /**
     * The scopes a call needs: {@code method} (null when the code does not say) on {@code path} (after
     * {@code /rest/api/N/}, with {@code *} for a segment the code computes). Null when no operation
     * matches: a call Warden cannot judge.
     */
    public @Nullable Set<String> scopesOf(@Nullable String method, List<String> path) {
        List<Operation> matches = new ArrayList<>();
        for (Operation op : operations) {
            if (matches(op.segments(), path)) {
                matches.add(op);
            }
        }
        if (matches.isEmpty()) {
            return null;
        }
        // The closest template wins: /issue/createmeta for "issue/createmeta", /issue/{issueIdOrKey} for
        // "issue/" + key (a computed segment is an id far more often than it is a word).
        int top = matches.stream()
                .mapToInt(o -> closeness(o.segments(), path))
                .max()
                .orElse(0);
        List<Operation> best = matches.stream()
                .filter(o -> closeness(o.segments(), path) == top)
                .toList();
        List<Operation> chosen = method == null
                ? best.stream().filter(o -> o.method().equals("GET")).toList()
                : best.stream().filter(o -> o.method().equals(method)).toList();
        if (chosen.isEmpty()) {
            chosen = best; // no GET on this path, or a method it does not have: any of its operations
        }
        Set<String> scopes = new HashSet<>();
        chosen.forEach(o -> scopes.addAll(o.scopes()));
        return scopes;
    }

    /** Literal for literal counts most; a parameter for a computed segment next; a literal for one least. */
    private static int closeness(List<String> template, List<String> path) {
        int score = 0;
        for (int i = 0; i < template.size(); i++) {
            boolean parameter = template.get(i).startsWith("{");
            boolean computed = path.get(i).equals("*");
            score += !parameter && !computed ? 2 : parameter && computed ? 1 : parameter ? 0 : -1;
        }
        return score;
    }

    private static boolean matches(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (!(t.startsWith("{") || p.equals("*") || t.equals(p))) {
                return false;
            }
        }
        return true;
    }

    private static JiraOperations load() {
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        read("jira-operation-scopes.tsv", byKey);
        read("jira-operation-scopes-additions.tsv", byKey);
        List<Operation> out = new ArrayList<>();
        byKey.forEach((key, scopes) -> {
            int tab = key.indexOf('\t');
            String path = key.substring(tab + 1).replaceFirst("^/rest/api/3/", "");
            out.add(new Operation(key.substring(0, tab), Arrays.asList(path.split("/")), Set.copyOf(scopes)));
        });
        return new JiraOperations(out);
    }

    private static void read(String resource, Map<String, Set<String>> byKey) {
        try (InputStream in = JiraOperations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (!cells[1].startsWith("/rest/api/3/")) {
                    continue; // Connect's own /rest/atlassian-connect/1/ resources are not scoped this way
                }
                Set<String> scopes = byKey.computeIfAbsent(cells[0] + "\t" + cells[1], k -> new HashSet<>());
                for (int i = 2; i <= 3 && i < cells.length; i++) {
                    for (String scope : cells[i].split(",")) {
                        if (!scope.isBlank()) {
                            scopes.add(scope.strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
