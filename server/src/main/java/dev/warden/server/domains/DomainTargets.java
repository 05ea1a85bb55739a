package dev.warden.server.domains;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.server.scanning.ScannedDescriptors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the domain checks look at, read from the catalog: every redirect URI of every OAuth client of an
 * app, with its host and registrable domain (the Public Suffix List, through Guava). A URI that is not
 * http(s) or names no host is not a target (a mobile app's custom scheme has no domain to lose).
 */
final class DomainTargets {
    private DomainTargets() {}

    /**
     * One redirect URI.
     *
     * @param registrable the domain one registers at a registry (example.co.uk for login.example.co.uk;
     *     github.io for acme.github.io); null for an address or a name under no registry suffix
     */
    record Target(String host, @Nullable String registrable, String url, String clientId, Kind kind) {
        Target(String host, @Nullable String registrable, String url, String clientId) {
            this(host, registrable, url, clientId, Kind.REDIRECT_URI);
        }
    }

    /** Where a target comes from. */
    enum Kind {
        /** A redirect URI of an OAuth client (the catalog): its findings raise OAUTH-REDIRECT-DOMAIN. */
        REDIRECT_URI,
        /** The base URL of the app's latest scanned descriptor (where a Connect app or Forge remote lives). */
        BASE_URL,
        /** A remote or egress domain the latest scanned descriptor declares. */
        REMOTE
    }

    /** The app's redirect URIs, then the base URLs and remote domains its latest scanned descriptors declare. */
    static List<Target> of(App app, List<ScannedDescriptors.Declared> declared) {
        List<Target> out = new ArrayList<>(of(app));
        for (ScannedDescriptors.Declared d : declared) {
            String source = d.type() + " descriptor";
            if (d.baseUrl() != null) {
                add(out, d.baseUrl(), source, Kind.BASE_URL);
            }
            for (String domain : d.domains()) {
                String name = domain.strip();
                if (name.startsWith("*.")) {
                    name = name.substring(2); // a wildcard: the domain under it
                }
                add(out, name.contains("://") ? name : "https://" + name, source, Kind.REMOTE);
            }
        }
        return out;
    }

    private static void add(List<Target> out, String url, String source, Kind kind) {
        String host = hostOf(url);
        if (host != null && out.stream().noneMatch(t -> t.url().equals(url))) {
            out.add(new Target(host, registrable(host), url, source, kind));
        }
    }

    /** The app's redirect URIs, in the order its clients list them, each once. */
    static List<Target> of(App app) {
        List<Target> out = new ArrayList<>();
        for (OAuthClient client : app.oauthClients()) {
            for (String url : client.redirectUris()) {
                String host = hostOf(url);
                if (host != null && out.stream().noneMatch(t -> t.url().equals(url))) {
                    out.add(new Target(host, registrable(host), url, client.clientId()));
                }
            }
        }
        return out;
    }

    /**
     * The listings a redirect URI's finding is reported on: OAuth 2.0 (3LO) clients belong to Cloud
     * apps, so the Cloud listing when the app has one that is not removed; otherwise every listing that is
     * not removed.
     */
    static List<Hosting> hostingsOf(App app) {
        List<Hosting> live = app.listings().stream()
                .filter(l -> l.state() != ListingState.REMOVED)
                .map(Listing::hosting)
                .toList();
        return live.contains(Hosting.CLOUD) ? List.of(Hosting.CLOUD) : live;
    }

    static @Nullable String hostOf(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return null;
            }
            String host = uri.getHost();
            if (host == null || host.isBlank()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            return host.length() > 253 ? null : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The registrable domain of {@code host}, if it is a name under a public suffix. */
    static @Nullable String registrable(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (InetAddresses.isInetAddress(bare) || !InternetDomainName.isValid(bare)) {
            return null;
        }
        InternetDomainName name = InternetDomainName.from(bare);
        // Registry suffixes only (the PSL's ICANN section): the domain a registry's RDAP server knows. Under a
        // private suffix (x.s3.amazonaws.com, acme.github.io) the registry knows the provider's domain.
        return name.isUnderRegistrySuffix()
                ? name.topDomainUnderRegistrySuffix().toString()
                : null;
    }
}
