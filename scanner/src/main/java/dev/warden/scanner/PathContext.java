package dev.warden.scanner;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of file a finding is in, judged from its path inside the innermost archive: the app's own
 * code, or documentation, examples or tests, where a look-alike is far more likely than a live secret
 * (a README linking to the token page, an {@code .env.example}, end-to-end tests typing into a form).
 * Findings in those keep their severity but are marked lower confidence, with the reason; code that
 * collects tokens ({@code pat-collection}) is not looked for there at all.
 *
 * <p>The rule, in order: a file name of the form {@code *.test.*}, {@code *.spec.*}, {@code *_test.*},
 * or a folder {@code test}, {@code tests}, {@code __tests__}, {@code spec}, {@code e2e}, {@code cypress},
 * {@code playwright}, {@code src/test} is a test; a name containing {@code example} or {@code sample}
 * (in any case), or a folder {@code example(s)}, {@code sample(s)}, {@code demo}, is an example; a
 * README, CHANGELOG, CONTRIBUTING or LICENSE file, a {@code .md}, {@code .markdown}, {@code .rst},
 * {@code .adoc} or {@code .txt} file, or a folder {@code doc(s)}, is documentation; anything else is code.
 */
public enum PathContext {
    CODE("code"),
    TEST("test code"),
    EXAMPLE("an example"),
    DOCUMENTATION("documentation");

    private static final Set<String> TEST_FOLDERS =
            Set.of("test", "tests", "__tests__", "spec", "specs", "e2e", "cypress", "playwright", "__mocks__");
    private static final Set<String> EXAMPLE_FOLDERS = Set.of("example", "examples", "sample", "samples", "demo");
    private static final Set<String> DOC_FOLDERS = Set.of("doc", "docs", "documentation");
    private static final Set<String> DOC_EXTENSIONS = Set.of("md", "markdown", "rst", "adoc", "txt");
    private static final List<String> DOC_NAMES = List.of("readme", "changelog", "contributing", "license", "history");

    private final String words;

    PathContext(String words) {
        this.words = words;
    }

    /** How a finding's message names the context ("test code"). */
    public String words() {
        return words;
    }

    public static PathContext of(ArtifactPath path) {
        String inner = path.segments().get(path.segments().size() - 1).toLowerCase(Locale.ROOT);
        String[] parts = inner.split("/");
        String name = parts[parts.length - 1];
        List<String> folders = List.of(parts).subList(0, parts.length - 1);
        if (name.matches(".*[._-](test|spec)\\.[a-z0-9]+$")
                || name.matches(".*_test\\.[a-z0-9]+$")
                || folders.stream().anyMatch(TEST_FOLDERS::contains)
                || inner.contains("src/test/")) {
            return TEST;
        }
        if (name.contains("example")
                || name.contains("sample")
                || folders.stream().anyMatch(EXAMPLE_FOLDERS::contains)) {
            return EXAMPLE;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (DOC_NAMES.stream().anyMatch(name::startsWith)
                || DOC_EXTENSIONS.contains(extension) && name.contains(".")
                || folders.stream().anyMatch(DOC_FOLDERS::contains)) {
            return DOCUMENTATION;
        }
        return CODE;
    }
}
