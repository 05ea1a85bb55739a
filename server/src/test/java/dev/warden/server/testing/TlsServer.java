package dev.warden.server.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTPS server for the tests (the JDK's, TLS 1.2 and 1.3 only), on a loopback port, hosting
 * several names the way a shared front end does: the certificate is chosen by the name the client asks
 * for (SNI), and each name's answer carries the Strict-Transport-Security header the test gave it (or
 * none).
 */
public final class TlsServer implements AutoCloseable {
    private final HttpsServer server;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, String> hsts = new ConcurrentHashMap<>();
    private final KeyStore keys;
    private final char[] password = "changeit".toCharArray();

    public TlsServer() throws Exception {
        keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"))
                    .replaceAll(":\\d+$", "")
                    .toLowerCase(Locale.ROOT);
            String header = hsts.get(host);
            if (header != null) {
                exchange.getResponseHeaders().set("Strict-Transport-Security", header);
            }
            byte[] body = ("<html><body>" + host + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** Serves {@code name} with this certificate and HSTS header (null: none). */
    public TlsServer host(String name, TestCertificates.Issued cert, @Nullable String hstsHeader) throws Exception {
        String alias = "k" + keys.size();
        keys.setKeyEntry(
                alias, cert.keys().getPrivate(), password, new X509Certificate[] {cert.certificate(), cert.issuer()});
        aliases.put(name.toLowerCase(Locale.ROOT), alias);
        if (hstsHeader != null) {
            hsts.put(name.toLowerCase(Locale.ROOT), hstsHeader);
        } else {
            hsts.remove(name.toLowerCase(Locale.ROOT));
        }
        if (started) {
            current = keyManager(); // new connections see the change, as after a certificate renewal
        }
        return this;
    }

    private boolean started;

    /** Answers {@code path} (on every name) with this handler instead of the page. */
    public TlsServer route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** Starts serving the names given so far. */
    public TlsServer start() throws Exception {
        configure();
        server.start();
        started = true;
        return this;
    }

    private volatile @Nullable X509KeyManager current;

    private X509KeyManager keyManager() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        return (X509KeyManager) kmf.getKeyManagers()[0];
    }

    private void configure() throws Exception {
        current = keyManager();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {new BySni()}, null, null);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(p);
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Picks the key of the name the client asked for; the first one for a client that asked for none. */
    private final class BySni extends X509ExtendedKeyManager {
        private X509KeyManager base() {
            return java.util.Objects.requireNonNull(current);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            if (engine.getHandshakeSession() instanceof ExtendedSSLSession s) {
                for (SNIServerName n : s.getRequestedServerNames()) {
                    if (n instanceof SNIHostName h) {
                        String alias = aliases.get(h.getAsciiName().toLowerCase(Locale.ROOT));
                        if (alias != null) {
                            return alias;
                        }
                    }
                }
            }
            return aliases.values().stream().sorted().findFirst().orElse(null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliases.values().toArray(String[]::new);
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return base().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return base().getPrivateKey(alias);
        }
    }
}
