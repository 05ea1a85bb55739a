package dev.warden.server.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for the tests (BouncyCastle's certificate builder): its own root, and
 * endpoint certificates it issues for names and validity periods the tests choose (in date, expired,
 * for another name), as real X.509 v3 certificates with subject alternative names.
 */
public final class TestCertificates {
    /** An issued certificate with its private key. */
    public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {
        /** Certificate chain and key as PEM files in {@code dir} (for openssl): {name}.crt and {name}.key. */
        public Path[] pem(Path dir, String name) {
            try {
                Path crt = dir.resolve(name + ".crt");
                Path key = dir.resolve(name + ".key");
                Files.writeString(crt, TestCertificates.pem(certificate) + TestCertificates.pem(issuer));
                Files.writeString(key, TestCertificates.pem(keys.getPrivate()));
                return new Path[] {crt, key};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCertificates() {
        try {
            caKeys = keys();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Warden Test Root CA"),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    new X500Name("CN=Warden Test Root CA"),
                    caKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = sign(b, caKeys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code dnsName}, valid from {@code from} to {@code until}. */
    public Issued issue(String dnsName, Instant from, Instant until) {
        try {
            KeyPair k = keys();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Warden Test Root CA"),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from),
                    Date.from(until),
                    new X500Name("CN=" + dnsName),
                    k.getPublic());
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return new Issued(sign(b, caKeys), k, ca);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code dnsName} valid for a year from yesterday. */
    public Issued issue(String dnsName) {
        Instant now = Instant.now();
        return issue(dnsName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A PKCS#12 trust store holding only this CA, written to {@code file} with {@code password}. */
    public Path trustStore(Path file, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("warden-test-ca", ca);
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store in memory holding only this CA. */
    public KeyStore trust() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("warden-test-ca", ca);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair by) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(by.getPrivate())));
    }

    static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }
}
