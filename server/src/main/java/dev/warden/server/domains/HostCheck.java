package dev.warden.server.domains;

import com.google.common.net.InetAddresses;
import dev.warden.server.shared.OutboundAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Checks one host of a redirect URI: resolves it (with its CNAME chain), refuses to go further when it
 * resolves to a private, loopback, link-local or metadata address (unless those are allowed, for tests
 * and the demo), judges a dangling CNAME against the takeover fingerprints, and when a service is
 * recognised by the page it serves fetches that one page — from the addresses Warden resolved and
 * guarded itself, without following redirects, within the timeout, at most one request per host per
 * {@code perHostInterval}.
 */
final class HostCheck {
    /** What one check of a host found. */
    enum Status {
        /** Not checked yet. */
        PENDING,
        /** Resolves, and nothing points into a service that can be claimed. */
        OK,
        /** A CNAME into a service known to hand the name to whoever claims it, and nobody holds it. */
        TAKEOVER,
        /** A CNAME whose target does not exist. */
        DANGLING,
        /** The name itself does not exist (its registration is for the registration check to judge). */
        UNRESOLVED,
        /** Resolves to an address Warden does not connect to; checked no further. */
        REFUSED,
        /** The check could not finish (DNS server failing or silent, page unreachable): nothing concluded. */
        INCOMPLETE;

        /** Whether the host is lost to whoever claims it: a finding. */
        boolean failing() {
            return this == TAKEOVER || this == DANGLING;
        }
    }

    /** The outcome, with what explains it to a person. */
    record Result(Status status, String detail, @Nullable String service, List<String> addresses) {
        Result {
            addresses = List.copyOf(addresses);
        }

        Result(Status status, String detail, @Nullable String service) {
            this(status, detail, service, List.of());
        }
    }

    private static final int PAGE_BYTES = 256 * 1024;

    private final DnsProbe dns;
    private final TakeoverCheck takeover;
    private final HostPacer pacer;
    private final boolean allowPrivate;
    private final DomainSettings settings;

    HostCheck(DnsProbe dns, TakeoverCheck takeover, HostPacer pacer, boolean allowPrivate, DomainSettings settings) {
        this.dns = dns;
        this.takeover = takeover;
        this.pacer = pacer;
        this.allowPrivate = allowPrivate;
        this.settings = settings;
    }

    Result check(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (InetAddresses.isInetAddress(bare)) {
            InetAddress address = InetAddresses.forString(bare);
            return refused(List.of(address.getHostAddress()))
                    ? new Result(Status.REFUSED, refusal(host, address.getHostAddress()), null)
                    : new Result(Status.OK, host + " is an address: no domain to lose", null, List.of(bare));
        }
        DnsProbe.Resolution r = dns.resolve(host);
        TakeoverCheck.Result judged = takeover.judge(r);
        String service = judged.service() == null ? null : judged.service().name();
        switch (judged.verdict()) {
            case TAKEOVER:
                return new Result(
                        Status.TAKEOVER,
                        "CNAME into " + service + ", whose target does not exist: anyone can claim it and serve"
                                + " this host — " + judged.chain(),
                        service);
            case DANGLING:
                return new Result(Status.DANGLING, "CNAME to a name that does not exist — " + judged.chain(), service);
            case UNRESOLVED:
                return unresolved(r, judged.chain());
            default:
                break;
        }
        if (refused(r.addresses())) {
            String bad = r.addresses().stream()
                    .filter(a -> !OutboundAddresses.isPublic(InetAddresses.forString(a)))
                    .findFirst()
                    .orElse("?");
            return new Result(Status.REFUSED, refusal(host, bad) + " — " + judged.chain(), service);
        }
        String resolved = judged.chain() + " " + r.addresses();
        if (judged.verdict() == TakeoverCheck.Verdict.OK) {
            return new Result(Status.OK, "resolves — " + resolved, service, r.addresses());
        }
        TakeoverFingerprints.Service s = java.util.Objects.requireNonNull(judged.service());
        try {
            Page page = fetch(host, r.addresses());
            String fingerprint = java.util.Objects.requireNonNull(s.httpFingerprint());
            return s.unclaimed(page.status(), page.body())
                    ? new Result(
                            Status.TAKEOVER,
                            "points into " + s.name() + ", which answers with its page for an unclaimed name (\""
                                    + clip(fingerprint, 80) + "\", HTTP " + page.status() + "): anyone can claim"
                                    + " it — " + resolved,
                            s.name())
                    : new Result(
                            Status.OK,
                            "points into " + s.name() + ", which serves this host's own content (HTTP " + page.status()
                                    + ") — " + resolved,
                            s.name(),
                            r.addresses());
        } catch (IOException e) {
            return new Result(
                    Status.INCOMPLETE,
                    "points into " + s.name() + ", whose page could not be fetched (" + e.getMessage() + ") — "
                            + resolved,
                    s.name());
        }
    }

    private static Result unresolved(DnsProbe.Resolution r, String chain) {
        return switch (r.outcome()) {
            case NXDOMAIN -> new Result(Status.UNRESOLVED, "the name does not exist — " + chain, null);
            case NO_ANSWER -> new Result(Status.UNRESOLVED, "the name has no address — " + chain, null);
            case LOOP -> new Result(Status.UNRESOLVED, "the CNAME chain loops or is too long — " + chain, null);
            case SERVFAIL -> new Result(Status.INCOMPLETE, "the DNS server failed to answer — " + chain, null);
            default -> new Result(Status.INCOMPLETE, "no answer from the DNS server in time — " + chain, null);
        };
    }

    private boolean refused(List<String> addresses) {
        return !allowPrivate
                && addresses.stream().anyMatch(a -> !OutboundAddresses.isPublic(InetAddresses.forString(a)));
    }

    private static String refusal(String host, String address) {
        return host + " resolves to " + address
                + ", a private, loopback, link-local or metadata address: Warden does not connect to it";
    }

    /** A page: its status and the start of its body. */
    record Page(int status, String body) {}

    /** Fetches {@code http://host/} from the given addresses (already resolved and guarded). */
    Page fetch(String host, List<String> addresses) throws IOException {
        List<InetAddress> guarded = new ArrayList<>();
        for (String a : addresses) {
            guarded.add(InetAddresses.forString(a));
        }
        pacer.await(host);
        try (CloseableHttpClient client = PinnedHttp.to(host, guarded, settings.httpTimeout(), null)) {
            HttpGet get = new HttpGet("http://" + host + ":" + settings.httpPort() + "/");
            get.setHeader(HttpHeaders.ACCEPT, "text/html, text/plain, */*");
            return client.execute(get, response -> {
                String body = "";
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = new String(in.readNBytes(PAGE_BYTES), StandardCharsets.UTF_8);
                    }
                }
                return new Page(response.getCode(), body);
            });
        }
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
