package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
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
public record PrivacyDeclaration(AppKey app, List<Declared> declarations) {
    /** The most declarations kept; the oldest are dropped beyond it. */
    public static final int MAX_DECLARATIONS = 100;

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

    public PrivacyDeclaration(AppKey app, @Nullable List<Declared> declarations) {
        this.app = app;
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
        return new PrivacyDeclaration(app, more);
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
