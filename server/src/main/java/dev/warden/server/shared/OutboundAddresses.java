package dev.warden.server.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The guard on every address Warden connects to on someone else's say-so (a webhook's URL, later a
 * domain to check): only http(s) to public addresses. Loopback, private (RFC 1918, unique local),
 * carrier-grade NAT, link-local (which holds the clouds' metadata service at 169.254.169.254), multicast
 * and unspecified addresses are refused, and so is a name that resolves to any of them, unless
 * {@code warden.outbound.allow-private-addresses} is on (tests and the demo, whose receivers run on this
 * machine). A name is checked when it is saved and again right before each connection.
 */
@Component
public class OutboundAddresses {
    /** Why an address may not be used; the message says so to the person who gave it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private static final Set<String> METADATA_NAMES =
            Set.of("metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal");

    private final boolean allowPrivate;

    public OutboundAddresses(@Value("${warden.outbound.allow-private-addresses:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Checks the URL's form alone (scheme, host, no credentials), without resolving its name. */
    public URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new Refused("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivate)) {
            throw new Refused(allowPrivate ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        if (!allowPrivate && METADATA_NAMES.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new Refused("must not point at a cloud metadata service");
        }
        return uri;
    }

    /** Resolves the URL's host and refuses it when any of its addresses is not public. */
    public List<InetAddress> check(URI uri) throws Refused {
        String host = uri.getHost();
        if (host == null) {
            throw new Refused("must name a host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused(host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    throw new Refused(host + " resolves to " + a.getHostAddress()
                            + ", a private, loopback, link-local or metadata address");
                }
            }
        }
        return List.of(addresses);
    }

    /** Whether the address is on the public internet. */
    public static boolean isPublic(InetAddress address) {
        InetAddress a = address;
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            // An IPv4 address in IPv6 clothing (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d) is judged as IPv4.
            boolean mapped = isZero(b, 0, 10) && (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
            boolean compatible = isZero(b, 0, 12) && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
            boolean nat64 =
                    b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 12);
            if (mapped || compatible || nat64) {
                try {
                    a = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return false;
                }
            } else {
                int first = b[0] & 0xff;
                if ((first & 0xfe) == 0xfc) {
                    return false; // fc00::/7, unique local (holds AWS's fd00:ec2::254)
                }
                if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                    return false; // 2001:db8::/32, documentation
                }
            }
        }
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // 0.0.0.0/8, "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15, benchmarking
                    && first < 240; // 240.0.0.0/4 reserved, and broadcast
        }
        return true;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
