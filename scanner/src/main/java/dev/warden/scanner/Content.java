package dev.warden.scanner;

/**
 * One file's bytes as text, for rules to look at. Bytes are read as ISO-8859-1, one character per byte:
 * decoding is a copy, the secrets rules look for are ASCII, and columns count bytes.
 */
public final class Content {
    private final ArtifactPath path;
    private final String text;
    private @org.jspecify.annotations.Nullable String fileName;
    private java.util.@org.jspecify.annotations.Nullable Map<Object, Object> memos;

    public Content(ArtifactPath path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Reads bytes as one character each. */
    public static Content of(ArtifactPath path, byte[] bytes, int length) {
        return new Content(path, new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public ArtifactPath path() {
        return path;
    }

    public String text() {
        return text;
    }

    /**
     * What {@code make} computes from this file, computed once however many times a rule asks (a rule
     * is called once per keyword hit; a file may have thousands).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> make) {
        if (memos == null) {
            memos = new java.util.HashMap<>();
        }
        return (T) memos.computeIfAbsent(key, k -> make.get());
    }

    /** The file's name, lower case, without folders: {@code manifest.yml}. */
    public String fileName() {
        String name = fileName;
        if (name == null) {
            name = path.fileName();
            fileName = name;
        }
        return name;
    }

    /** The file name's extension, lower case, without the dot ({@code js}); the whole name if it has none. */
    public String extension() {
        String name = fileName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Where the line holding {@code at} starts. */
    public int lineStart(int at) {
        int i = at;
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /** Where the line holding {@code at} ends (before its line break). */
    public int lineEnd(int at) {
        int i = text.indexOf('\n', at);
        return i < 0 ? text.length() : i;
    }

    /**
     * The part of {@code at}'s line within {@code before} and {@code after} characters of it: rules look
     * at a window, so that a megabyte-long minified line costs no more than a short one.
     */
    public int[] window(int at, int before, int after) {
        int start = Math.max(at - before, 0);
        int end = Math.min(at + after, text.length());
        // Only within the window: on a megabyte-long line, an unbounded search would cost per hit.
        for (int i = at - 1; i >= start; i--) {
            if (text.charAt(i) == '\n') {
                start = i + 1;
                break;
            }
        }
        for (int i = at; i < end; i++) {
            if (text.charAt(i) == '\n') {
                end = i;
                break;
            }
        }
        return new int[] {start, end};
    }
}
