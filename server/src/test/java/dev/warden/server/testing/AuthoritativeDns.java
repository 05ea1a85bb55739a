package dev.warden.server.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real DNS server for the tests, in process on a loopback port over UDP and TCP, speaking the DNS wire
 * protocol (RFC 1035, through dnsjava's message classes; an answer too long for a datagram is truncated,
 * and the resolver asks again over TCP): A and CNAME records, answers that carry the CNAME chain
 * as far as the zone knows it, NXDOMAIN for unknown names and SERVFAIL for names told to fail.
 */
public final class AuthoritativeDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, String> cnames = new HashMap<>();
    private final Map<String, List<String>> addresses = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final java.net.ServerSocket tcp;

    public AuthoritativeDns() throws IOException {
        java.net.ServerSocket stream = null;
        DatagramSocket datagrams = null;
        // The same port number for UDP and TCP, as a resolver expects: try a few until both are free.
        for (int attempt = 0; stream == null; attempt++) {
            datagrams = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                stream = new java.net.ServerSocket(datagrams.getLocalPort(), 16, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                datagrams.close();
                if (attempt == 20) {
                    throw e;
                }
            }
        }
        socket = datagrams;
        tcp = stream;
        Thread udp = new Thread(this::serve, "test-dns-udp");
        udp.setDaemon(true);
        udp.start();
        Thread streams = new Thread(this::serveTcp, "test-dns-tcp");
        streams.setDaemon(true);
        streams.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public AuthoritativeDns cname(String name, String target) {
        cnames.put(key(name), key(target));
        return this;
    }

    /** An address of {@code name}: an A record for IPv4, an AAAA record for IPv6. */
    public AuthoritativeDns a(String name, String address) {
        addresses.computeIfAbsent(key(name), k -> new java.util.ArrayList<>()).add(address);
        return this;
    }

    /** Forgets what the zone said about {@code name} (its records change, as they do). */
    public AuthoritativeDns forget(String name) {
        cnames.remove(key(name));
        addresses.remove(key(name));
        failing.remove(key(name));
        return this;
    }

    public AuthoritativeDns servfail(String name) {
        failing.add(key(name));
        return this;
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message after its two-byte length. */
    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (java.net.Socket client = tcp.accept()) {
                client.setSoTimeout(2000);
                java.io.DataInputStream in = new java.io.DataInputStream(client.getInputStream());
                java.io.DataOutputStream out = new java.io.DataOutputStream(client.getOutputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] answer = answer(new Message(query)).toWire();
                // Counted before it is sent: a client that has read the answer finds it counted.
                tcpAnswers.incrementAndGet();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /** How many queries came over TCP (a resolver switches to it when a UDP answer was truncated). */
    public int tcpAnswers() {
        return tcpAnswers.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger tcpAnswers =
            new java.util.concurrent.atomic.AtomicInteger();

    private Message answer(Message query) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        String name = question.getName().toString().toLowerCase(Locale.ROOT);
        Set<String> seen = new HashSet<>();
        for (int hops = 0; hops < 16; hops++) {
            if (failing.contains(name)) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response;
            }
            String target = cnames.get(name);
            if (target != null) {
                response.addRecord(
                        new CNAMERecord(Name.fromString(name), DClass.IN, 300, Name.fromString(target)),
                        Section.ANSWER);
                if (!seen.add(name)) {
                    return response; // a loop: the chain as far as it goes
                }
                name = target;
                continue;
            }
            List<String> known = addresses.get(name);
            if (known == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                return response;
            }
            for (String address : known) {
                InetAddress a = InetAddress.getByName(address);
                if (a instanceof java.net.Inet6Address && question.getType() == Type.AAAA) {
                    response.addRecord(new AAAARecord(Name.fromString(name), DClass.IN, 300, a), Section.ANSWER);
                } else if (a instanceof java.net.Inet4Address && question.getType() == Type.A) {
                    response.addRecord(new ARecord(Name.fromString(name), DClass.IN, 300, a), Section.ANSWER);
                }
            }
            return response;
        }
        return response;
    }

    /** The names this server knows, for messages. */
    public List<String> names() {
        Set<String> all = new HashSet<>(cnames.keySet());
        all.addAll(addresses.keySet());
        return all.stream().sorted().toList();
    }

    @Override
    public void close() {
        socket.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
