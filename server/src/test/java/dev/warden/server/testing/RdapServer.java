package dev.warden.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real RDAP server for the tests (RFC 7480, 9082, 9083), on a loopback HTTP port: the IANA-style
 * bootstrap file for DNS at {@code /bootstrap/dns.json} (RFC 9224) naming this server for {@code com}
 * and {@code net}, and {@code /rdap/domain/<name>} answering with domain objects shaped like a gTLD
 * registry's (Verisign's layout: status, events, a registrar entity with its IANA id and abuse contact,
 * a registrant entity, nameservers, notices), or 404 for a name the registry does not have.
 */
public final class RdapServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> domains = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();

    public RdapServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/bootstrap/dns.json", exchange -> {
            String body = """
                    {"version": "1.0", "publication": "2026-11-20T17:00:02Z",
                     "description": "RDAP bootstrap file for Domain Name System registrations",
                     "services": [[["com", "net"], ["%s"]], [["org"], ["https://rdap.publicinterestregistry.org/rdap/"]]]}
                    """.formatted(base());
            send(exchange, 200, "application/json", body);
        });
        server.createContext("/rdap/domain/", exchange -> {
            queries.incrementAndGet();
            String name = exchange.getRequestURI()
                    .getPath()
                    .substring("/rdap/domain/".length())
                    .toLowerCase(Locale.ROOT);
            String doc = domains.get(name);
            if (doc == null) {
                send(exchange, 404, "application/rdap+json", """
                        {"rdapConformance": ["rdap_level_0"], "errorCode": 404, "title": "Not Found",
                         "description": ["The domain %s was not found."]}
                        """.formatted(name));
            } else {
                send(exchange, 200, "application/rdap+json", doc);
            }
        });
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The registry's RDAP base URL. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rdap/";
    }

    /** The bootstrap file's URL. */
    public String bootstrap() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bootstrap/dns.json";
    }

    public int queries() {
        return queries.get();
    }

    /** Registers (or changes) a domain: its expiry, status values, registrar and registrant (null: redacted). */
    public RdapServer domain(
            String name, Instant expires, String status, String registrar, @Nullable String registrant) {
        String ldh = name.toUpperCase(Locale.ROOT);
        String registrantName = registrant == null ? "REDACTED FOR PRIVACY" : registrant;
        domains.put(name.toLowerCase(Locale.ROOT), """
                {"objectClassName": "domain", "handle": "%s_DOMAIN_COM-VRSN", "ldhName": "%s",
                 "links": [{"value": "%sdomain/%s", "rel": "self", "href": "%sdomain/%s", "type": "application/rdap+json"}],
                 "status": [%s],
                 "entities": [
                   {"objectClassName": "entity", "handle": "292", "roles": ["registrar"],
                    "publicIds": [{"type": "IANA Registrar ID", "identifier": "292"}],
                    "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "%s"]]],
                    "entities": [{"objectClassName": "entity", "roles": ["abuse"],
                      "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""],
                        ["tel", {"type": "voice"}, "uri", "tel:+1.2086851750"], ["email", {}, "text", "abuse@registrar.example"]]]}]},
                   {"objectClassName": "entity", "roles": ["registrant"],
                    "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "%s"],
                      ["org", {}, "text", "%s"]]]}],
                 "events": [{"eventAction": "registration", "eventDate": "2015-03-14T09:26:53Z"},
                            {"eventAction": "expiration", "eventDate": "%s"},
                            {"eventAction": "last changed", "eventDate": "2026-02-11T06:11:33Z"},
                            {"eventAction": "last update of RDAP database", "eventDate": "2026-11-30T11:00:00Z"}],
                 "secureDNS": {"delegationSigned": false},
                 "nameservers": [{"objectClassName": "nameserver", "ldhName": "NS1.ACME.NET"}],
                 "rdapConformance": ["rdap_level_0", "icann_rdap_technical_implementation_guide_0", "icann_rdap_response_profile_0"],
                 "notices": [{"title": "Terms of Use", "description": ["Service subject to Terms of Use."]}]}
                """.formatted(
                        ldh,
                        ldh,
                        base(),
                        ldh,
                        base(),
                        ldh,
                        status.isEmpty() ? "" : "\"" + String.join("\", \"", status.split(",\\s*")) + "\"",
                        registrar,
                        registrantName,
                        registrantName,
                        expires));
        return this;
    }

    public RdapServer forget(String name) {
        domains.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
