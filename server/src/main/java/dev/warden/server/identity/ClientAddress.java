package dev.warden.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for throttling and the audit trail. The connection's peer,
 * unless the peer is one of {@code warden.security.trusted-proxies}: then {@code X-Forwarded-For} is
 * read from the right, skipping trusted proxies, and the first other address is the client. Without
 * trusted proxies the header is ignored, so a caller cannot choose the address it is counted under.
 */
@Component
public class ClientAddress {
    /** An IPv4 or IPv6 literal: checked before matching, which would otherwise look a name up in DNS. */
    private static final Pattern LITERAL =
            Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,41}");

    private final List<IpAddressMatcher> trusted;

    ClientAddress(SecuritySettings settings) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String proxy : settings.trustedProxies()) {
            try {
                matchers.add(new IpAddressMatcher(proxy.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "warden.security.trusted-proxies: '" + proxy + "' is not an IP address or CIDR range", e);
            }
        }
        this.trusted = List.copyOf(matchers);
    }

    /** The client's address as Warden counts it. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        while (headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!LITERAL.matcher(hop).matches()) {
                return peer; // a hop that is not an address: nothing before it can be believed
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        if (!LITERAL.matcher(address).matches()) {
            return false;
        }
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
