package dev.warden.scanner;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a file is, relative to the scanned path, through any number of nested archives: written
 * {@code outer.zip!/lib/inner.jar!/config.properties}, one {@code !/} per archive entered.
 */
public record ArtifactPath(List<String> segments) {
    public ArtifactPath {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one segment");
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith("/") || segment.contains("!/")) {
                throw new IllegalArgumentException("not a relative path segment: " + segment);
            }
        }
        segments = List.copyOf(segments);
    }

    /** A plain file on disk, relative to the scanned path. */
    public static ArtifactPath of(String relativeFile) {
        return new ArtifactPath(List.of(relativeFile));
    }

    /** Parses the written form back. */
    public static ArtifactPath parse(String written) {
        return new ArtifactPath(List.of(written.split("!/", -1)));
    }

    /** The path of an entry inside the archive this path names. */
    public ArtifactPath enter(String entry) {
        List<String> deeper = new ArrayList<>(segments);
        deeper.add(entry);
        return new ArtifactPath(deeper);
    }

    /** The file's name, lower case, without folders or archives: {@code manifest.yml}. */
    public String fileName() {
        String last = segments.get(segments.size() - 1);
        return last.substring(last.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** How many archives deep this path lies (0 for a plain file). */
    public int depth() {
        return segments.size() - 1;
    }

    @Override
    public String toString() {
        return String.join("!/", segments);
    }
}
