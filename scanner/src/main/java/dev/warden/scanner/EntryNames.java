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

    static String clean(String name) {
        String n = name.replace('\\', '/').replace('\0', '?');
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
