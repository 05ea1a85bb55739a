package dev.warden.server.domains;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Asks a server whether it still accepts TLS 1.0 or 1.1: sends a ClientHello offering only that version
 * (RFC 2246 / 4346 layout, with the cipher suites servers of that era take, SNI and the elliptic-curve
 * extensions) and reads what comes back — a ServerHello of that version means the server would talk it;
 * an alert or a closed connection means it refuses. The handshake goes no further. The JDK's TLS stack
 * cannot do this: it disables both versions for every connection of the process (jdk.tls.disabledAlgorithms),
 * which is right for Warden's own traffic and the reason this probe writes the few bytes itself.
 */
final class LegacyTlsProbe {
    /** The two versions the policy forbids, by their wire numbers. */
    enum Version {
        TLS_1_0(0x0301, "TLS 1.0"),
        TLS_1_1(0x0302, "TLS 1.1");

        final int wire;
        final String label;

        Version(int wire, String label) {
            this.wire = wire;
            this.label = label;
        }
    }

    /** What the server did with the hello. */
    enum Answer {
        ACCEPTED,
        REFUSED
    }

    private static final int[] SUITES = {0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f, 0x000a};
    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacyTlsProbe() {}

    /** Offers only {@code version} to {@code address:port} for {@code host} (SNI). */
    static Answer probe(InetAddress address, int port, String host, Version version, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(host, version));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException e) {
                return Answer.REFUSED;
            }
            in.readUnsignedShort(); // the record's version
            int length = in.readUnsignedShort();
            if (type != 0x16 || length < 6) {
                return Answer.REFUSED; // an alert (0x15), or not TLS at all
            }
            int handshake = in.readUnsignedByte();
            in.readUnsignedByte();
            in.readUnsignedShort(); // the handshake's 24-bit length
            int serverVersion = in.readUnsignedShort();
            return handshake == 0x02 && serverVersion == version.wire ? Answer.ACCEPTED : Answer.REFUSED;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("reset")) {
                return Answer.REFUSED; // some servers reset a hello they will not answer
            }
            throw e;
        }
    }

    static byte[] clientHello(String host, Version version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version.wire);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        short16(body, SUITES.length * 2);
        for (int s : SUITES) {
            short16(body, s);
        }
        body.write(1);
        body.write(0); // no compression
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        short16(ext, 0x0000); // server_name
        short16(ext, name.length + 5);
        short16(ext, name.length + 3);
        ext.write(0);
        short16(ext, name.length);
        ext.writeBytes(name);
        short16(ext, 0x000a); // supported_groups: secp256r1, secp384r1, x25519
        short16(ext, 8);
        short16(ext, 6);
        short16(ext, 0x0017);
        short16(ext, 0x0018);
        short16(ext, 0x001d);
        short16(ext, 0x000b); // ec_point_formats: uncompressed
        short16(ext, 2);
        ext.write(1);
        ext.write(0);
        short16(ext, 0xff01); // renegotiation_info, empty
        short16(ext, 1);
        ext.write(0);
        short16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        short16(record, 0x0301);
        short16(record, body.size() + 4);
        record.write(0x01); // ClientHello
        record.write(0);
        short16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xff);
        out.write(value & 0xff);
    }
}
