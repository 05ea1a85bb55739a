package dev.warden.server.domains;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves a host name the way a browser following a redirect would, keeping what a check needs: the
 * CNAME chain (followed hop by hop, at most {@value #MAX_HOPS}), and how the last name answered —
 * addresses, NXDOMAIN, SERVFAIL or no answer — from the configured DNS server.
 */
final class DnsProbe {
    static final int MAX_HOPS = 10;

    /** How the last name of the chain answered. */
    enum Outcome {
        /** It has addresses. */
        RESOLVES,
        /** It does not exist. */
        NXDOMAIN,
        /** The server failed to answer for it. */
        SERVFAIL,
        /** It exists but has no address. */
        NO_ANSWER,
        /** The chain loops or is longer than {@value #MAX_HOPS} names. */
        LOOP,
        /** No answer from the server in time. */
        TIMEOUT
    }

    /**
     * A resolution.
     *
     * @param chain the names from the host to the last CNAME target, in order (the host first)
     * @param addresses the last name's addresses, if it has any
     */
    record Resolution(String host, List<String> chain, Outcome outcome, List<String> addresses) {
        Resolution {
            chain = List.copyOf(chain);
            addresses = List.copyOf(addresses);
        }

        /** The last name of the chain. */
        String last() {
            return chain.get(chain.size() - 1);
        }

        /** The chain as people read it: {@code a.example → b.cloud.example (NXDOMAIN)}. */
        String describe() {
            return String.join(" → ", chain) + " (" + outcome + ")";
        }
    }

    private final List<SimpleResolver> resolvers;

    DnsProbe(InetSocketAddress server, Duration timeout) {
        this(List.of(server), timeout);
    }

    /** Asks the servers in order: the next one only when one does not answer in time. */
    DnsProbe(List<InetSocketAddress> servers, Duration timeout) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server to ask");
        }
        this.resolvers = servers.stream()
                .map(server -> {
                    SimpleResolver r = new SimpleResolver(server);
                    r.setTimeout(timeout);
                    return r;
                })
                .toList();
    }

    private Message ask(String name, int type) throws IOException {
        IOException last = null;
        for (SimpleResolver r : resolvers) {
            try {
                return r.send(Message.newQuery(Record.newRecord(name(name), type, DClass.IN)));
            } catch (IOException e) {
                last = e;
            }
        }
        throw java.util.Objects.requireNonNull(last);
    }

    /** Resolves {@code host}: its CNAME chain and how it ends. */
    Resolution resolve(String host) {
        String current = normal(host);
        List<String> chain = new ArrayList<>(List.of(current));
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            int known = chain.size();
            Message answer;
            try {
                answer = ask(current, Type.A);
            } catch (IOException e) {
                return new Resolution(host, chain, Outcome.TIMEOUT, List.of());
            }
            int rcode = answer.getRcode();
            if (rcode == Rcode.NXDOMAIN && cnameOf(answer, current) == null) {
                return new Resolution(host, chain, Outcome.NXDOMAIN, List.of());
            }
            if (rcode == Rcode.SERVFAIL) {
                return new Resolution(host, chain, Outcome.SERVFAIL, List.of());
            }
            // A server may give the whole chain at once: follow it within this answer first.
            String next;
            while ((next = cnameOf(answer, current)) != null) {
                if (chain.contains(next) || chain.size() > MAX_HOPS) {
                    chain.add(next);
                    return new Resolution(host, chain, Outcome.LOOP, List.of());
                }
                chain.add(next);
                current = next;
            }
            List<String> addresses = addressesOf(answer, current);
            if (!addresses.isEmpty()) {
                return new Resolution(host, chain, Outcome.RESOLVES, addresses);
            }
            if (rcode == Rcode.NXDOMAIN) {
                return new Resolution(host, chain, Outcome.NXDOMAIN, List.of());
            }
            if (chain.size() == known) {
                return sixOnly(host, chain, current); // nothing new learnt: perhaps an IPv6-only name
            }
            // The answer ended on a CNAME target without its addresses: ask for that name next.
        }
        return new Resolution(host, chain, Outcome.LOOP, List.of());
    }

    private Resolution sixOnly(String host, List<String> chain, String last) {
        try {
            List<String> v6 = addressesOf(ask(last, Type.AAAA), last);
            return new Resolution(host, chain, v6.isEmpty() ? Outcome.NO_ANSWER : Outcome.RESOLVES, v6);
        } catch (IOException e) {
            return new Resolution(host, chain, Outcome.TIMEOUT, List.of());
        }
    }

    private static @Nullable String cnameOf(Message answer, String owner) {
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c && normal(r.getName().toString()).equals(owner)) {
                return normal(c.getTarget().toString());
            }
        }
        return null;
    }

    private static List<String> addressesOf(Message answer, String owner) {
        List<String> out = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (!normal(r.getName().toString()).equals(owner)) {
                continue;
            }
            if (r instanceof ARecord a) {
                out.add(a.getAddress().getHostAddress());
            } else if (r instanceof AAAARecord a) {
                out.add(a.getAddress().getHostAddress());
            }
        }
        return out;
    }

    static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Name name(String host) {
        try {
            return Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a host name: " + host, e);
        }
    }
}
