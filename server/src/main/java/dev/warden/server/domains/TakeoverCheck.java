package dev.warden.server.domains;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges a resolved host for subdomain takeover: a CNAME chain that ends in a name that does not exist
 * is dangling, and when a name of the chain points into a hosted service known to hand abandoned names
 * to whoever claims them (NXDOMAIN behaviour in the fingerprints), anyone can serve content on the
 * host — the redirect URI's OAuth codes included. Services recognised by the page they serve rather
 * than by NXDOMAIN need that page fetched: the verdict says so rather than guessing.
 */
final class TakeoverCheck {
    /** What the check concluded. */
    enum Verdict {
        /** Resolves, and nothing points into a service with a known takeover. */
        OK,
        /** A CNAME into a service known to be vulnerable, whose target does not exist: takeover possible. */
        TAKEOVER,
        /** A CNAME whose target does not exist, into no service known to be vulnerable. */
        DANGLING,
        /** Resolves into a service recognised by the page it serves: fetch it to judge. */
        NEEDS_HTTP,
        /** The host itself does not exist, or the server failed: nothing to judge yet. */
        UNRESOLVED
    }

    /** A verdict with the service and the record chain that explain it. */
    record Result(Verdict verdict, String chain, TakeoverFingerprints.@Nullable Service service) {}

    private final TakeoverFingerprints fingerprints;

    TakeoverCheck(TakeoverFingerprints fingerprints) {
        this.fingerprints = fingerprints;
    }

    Result judge(DnsProbe.Resolution r) {
        boolean aliased = r.chain().size() > 1;
        Optional<TakeoverFingerprints.Service> service = r.chain().stream()
                .skip(1)
                .map(fingerprints::serviceOf)
                .flatMap(Optional::stream)
                .findFirst();
        TakeoverFingerprints.Service s = service.orElse(null);
        if (aliased && r.outcome() == DnsProbe.Outcome.NXDOMAIN) {
            boolean takeover = s != null && s.vulnerable() && s.nxdomain();
            return new Result(takeover ? Verdict.TAKEOVER : Verdict.DANGLING, r.describe(), s);
        }
        if (r.outcome() == DnsProbe.Outcome.RESOLVES) {
            return s != null && s.vulnerable() && s.httpFingerprint() != null
                    ? new Result(Verdict.NEEDS_HTTP, r.describe(), s)
                    : new Result(Verdict.OK, r.describe(), s);
        }
        return new Result(Verdict.UNRESOLVED, r.describe(), s);
    }
}
