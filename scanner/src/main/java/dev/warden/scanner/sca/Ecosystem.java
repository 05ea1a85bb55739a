package dev.warden.scanner.sca;

import java.util.Locale;
import java.util.Optional;

/** A package ecosystem Warden inventories and matches: its name in OSV and its package-URL type. */
public enum Ecosystem {
    MAVEN("Maven", "maven"),
    NPM("npm", "npm");

    private final String osv;
    private final String purlType;

    Ecosystem(String osv, String purlType) {
        this.osv = osv;
        this.purlType = purlType;
    }

    /** The name OSV gives it ({@code Maven}, {@code npm}). */
    public String osv() {
        return osv;
    }

    /** The package-URL type ({@code maven}, {@code npm}). */
    public String purlType() {
        return purlType;
    }

    /** The ecosystem OSV names so; empty for the ecosystems Warden does not match (PyPI, NuGet, ...). */
    public static Optional<Ecosystem> ofOsv(String name) {
        for (Ecosystem e : values()) {
            if (e.osv.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The key a package is looked up by: npm names compared without case (advisories name {@code Axios}
     * for {@code axios}), Maven coordinates too (group and artifact ids are lower case in practice).
     */
    public String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
