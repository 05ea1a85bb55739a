package dev.warden.scanner;

/** The names of archive entries: which stay inside their archive, and how they are shown. */
final class EntryNames {
    private EntryNames() {}

    /** Entry names that stay inside the archive: relative, no {@code ..} segment, no drive letters. */
    static boolean safe(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name as a path segment of a report: separators made {@code /}, leading slashes gone, control
     * characters (a line break would forge a line of the text report) shown as {@code ?}, at most 1,000
     * characters.
     */
    static String clean(String name) {
        String n = name.replace('\\', '/').replaceAll("\\p{Cntrl}", "?");
        if (n.length() > 1000) {
            n = n.substring(0, 1000) + "…";
        }
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        return n.replace("!/", "!_/").isEmpty() ? "entry" : n.replace("!/", "!_/");
    }

    static String printable(String name) {
        String shown = name.length() > 200 ? name.substring(0, 200) + "…" : name;
        return shown.replaceAll("[\\p{Cntrl}]", "?");
    }
}
