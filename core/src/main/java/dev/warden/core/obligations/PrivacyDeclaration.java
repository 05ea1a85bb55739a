package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.SecretStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an app's listing says on its Privacy and Security tab (docs/policy section 6: the operator reviews
 * "disclosures made through the Privacy and Security tab"), every declaration kept, oldest first, so it
 * can be reconciled with what Warden observed as of any instant.
 */
public record PrivacyDeclaration(AppKey app, List<Declared> declarations, List<Observed> observed) {
    /** The most declarations (and observations) kept; the oldest are dropped beyond it. */
    public static final int MAX_DECLARATIONS = 100;

    /**
     * What Warden's scan of a version found the app's descriptors declaring it talks to (a Connect app's
     * base URL, a Forge app's remotes and external fetch permissions), kept each time it changes so the
     * declaration can be reconciled with what was observed as of any instant.
     *
     * @param domains the hosts, lower case (a leading "*." for a wildcard the descriptor gives)
     */
    public record Observed(
            Instant scannedAt,
            Hosting hosting,
            String version,
            @Nullable String artifact,
            List<String> domains) {
        public Observed(
                Instant scannedAt,
                Hosting hosting,
                String version,
                @Nullable String artifact,
                @Nullable List<String> domains) {
            this.scannedAt = scannedAt;
            this.hosting = hosting;
            this.version = Checks.line(version, "observed version");
            this.artifact = artifact == null ? null : Checks.line(artifact, "observed artifact");
            List<String> hosts = new ArrayList<>();
            for (String d : domains == null ? List.<String>of() : domains) {
                String h = d.strip().toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(h).matches()) {
                    throw new IllegalArgumentException("observed domains: '" + d + "' is not a domain");
                }
                if (!hosts.contains(h) && hosts.size() < 100) {
                    hosts.add(h);
                }
            }
            this.domains = List.copyOf(hosts);
        }

        /**
         * The host of an address a descriptor gives (a URL, a host, a wildcard host, an address with a
         * path), lower case; null when there is none.
         */
        public static @Nullable String host(String address) {
            String a = address.strip().toLowerCase(Locale.ROOT);
            int scheme = a.indexOf("://");
            if (scheme >= 0) {
                a = a.substring(scheme + 3);
            }
            int end = a.length();
            for (char c : new char[] {'/', ':', '?', '#'}) {
                int i = a.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            a = a.substring(0, end);
            int at = a.lastIndexOf('@');
            if (at >= 0) {
                a = a.substring(at + 1);
            }
            return DOMAIN.matcher(a).matches() ? a : null;
        }
    }

    private static final Pattern DOMAIN =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /**
     * One declaration.
     *
     * @param appVersion the app version it describes, if the partner names one
     * @param storesData whether the app stores customer data outside the host product
     * @param storageRegions where stored data lives (for example "EU", "US"); empty when none is stored
     * @param egressDomains the domains the app sends data to (a leading "*." covers subdomains)
     * @param handlesUserApiTokens whether the app collects, transmits or stores user API tokens
     * @param oauthSecretStorage where the app keeps its OAuth client secrets (null: it has none)
     * @param subprocessors third parties that process customer data
     */
    public record Declared(
            Instant declaredAt,
            String declaredBy,
            @Nullable String appVersion,
            boolean storesData,
            List<String> storageRegions,
            List<String> egressDomains,
            boolean handlesUserApiTokens,
            @Nullable SecretStorage oauthSecretStorage,
            List<String> subprocessors) {
        public Declared(
                Instant declaredAt,
                String declaredBy,
                @Nullable String appVersion,
                boolean storesData,
                @Nullable List<String> storageRegions,
                @Nullable List<String> egressDomains,
                boolean handlesUserApiTokens,
                @Nullable SecretStorage oauthSecretStorage,
                @Nullable List<String> subprocessors) {
            this.declaredAt = declaredAt;
            this.declaredBy = Checks.line(declaredBy, "declaredBy");
            this.appVersion = appVersion == null ? null : Checks.line(appVersion, "appVersion");
            this.storesData = storesData;
            this.storageRegions = lines(storageRegions, "storageRegions");
            List<String> domains = new ArrayList<>();
            for (String d : lines(egressDomains, "egressDomains")) {
                String lower = d.toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(lower).matches()) {
                    throw new IllegalArgumentException("egressDomains: '" + d
                            + "' is not a domain (for example api.vendor.example or" + " *.vendor.example)");
                }
                domains.add(lower);
            }
            this.egressDomains = List.copyOf(domains);
            this.handlesUserApiTokens = handlesUserApiTokens;
            this.oauthSecretStorage = oauthSecretStorage;
            this.subprocessors = lines(subprocessors, "subprocessors");
            if (!storesData && !this.storageRegions.isEmpty()) {
                throw new IllegalArgumentException("storageRegions: an app that stores no data names no region");
            }
        }

        /** Whether {@code host} falls under a declared egress domain. */
        public boolean declaresEgressTo(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            for (String d : egressDomains) {
                if (d.startsWith("*.") ? h.endsWith(d.substring(1)) || h.equals(d.substring(2)) : h.equals(d)) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> lines(@Nullable List<String> values, String what) {
            if (values == null) {
                return List.of();
            }
            if (values.size() > 100) {
                throw new IllegalArgumentException(what + " names more than 100 entries");
            }
            List<String> out = new ArrayList<>();
            for (String v : values) {
                String s = Checks.line(v == null ? "" : v, what).strip();
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return List.copyOf(out);
        }
    }

    /** Declarations only, nothing observed yet. */
    public PrivacyDeclaration(AppKey app, @Nullable List<Declared> declarations) {
        this(app, declarations, null);
    }

    public PrivacyDeclaration(AppKey app, @Nullable List<Declared> declarations, @Nullable List<Observed> observed) {
        this.app = app;
        List<Observed> seen = observed == null ? List.of() : observed;
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).scannedAt().isBefore(seen.get(i - 1).scannedAt())) {
                throw new IllegalArgumentException("observed must be in the order the scans finished");
            }
        }
        this.observed = List.copyOf(
                seen.size() > MAX_DECLARATIONS ? seen.subList(seen.size() - MAX_DECLARATIONS, seen.size()) : seen);
        List<Declared> given = declarations == null ? List.of() : declarations;
        for (int i = 1; i < given.size(); i++) {
            if (given.get(i).declaredAt().isBefore(given.get(i - 1).declaredAt())) {
                throw new IllegalArgumentException("declarations must be in the order they were made");
            }
        }
        this.declarations = List.copyOf(
                given.size() > MAX_DECLARATIONS ? given.subList(given.size() - MAX_DECLARATIONS, given.size()) : given);
    }

    /** This record with one more declaration. */
    public PrivacyDeclaration with(Declared declared) {
        List<Declared> more = new ArrayList<>(declarations);
        more.add(declared);
        return new PrivacyDeclaration(app, more, observed);
    }

    /** This record with one more observation; itself when the listing's latest one saw the same domains. */
    public PrivacyDeclaration with(Observed seen) {
        Observed last = null;
        for (Observed o : observed) {
            if (o.hosting() == seen.hosting()) {
                last = o;
            }
        }
        if (last != null && last.domains().equals(seen.domains())) {
            return this;
        }
        List<Observed> more = new ArrayList<>(observed);
        more.add(seen);
        return new PrivacyDeclaration(app, declarations, more);
    }

    /** What was observed at {@code at}: each listing's latest observation by then. */
    public List<Observed> observedAsOf(Instant at) {
        java.util.Map<Hosting, Observed> latest = new java.util.EnumMap<>(Hosting.class);
        for (Observed o : observed) {
            if (!o.scannedAt().isAfter(at)) {
                latest.put(o.hosting(), o);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The declaration in force at {@code at}: the latest made by then. */
    public Optional<Declared> asOf(Instant at) {
        Declared found = null;
        for (Declared d : declarations) {
            if (!d.declaredAt().isAfter(at)) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }
}
