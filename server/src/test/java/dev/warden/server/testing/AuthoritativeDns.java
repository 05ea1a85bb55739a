package dev.warden.server.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A real DNS server for the tests, in process on a loopback UDP port, speaking the DNS wire protocol
 * (RFC 1035, through dnsjava's message classes): A and CNAME records, answers that carry the CNAME chain
 * as far as the zone knows it, NXDOMAIN for unknown names and SERVFAIL for names told to fail.
 */
public final class AuthoritativeDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, String> cnames = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Thread thread;

    public AuthoritativeDns() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public AuthoritativeDns cname(String name, String target) {
        cnames.put(key(name), key(target));
        return this;
    }

    public AuthoritativeDns a(String name, String address) {
        addresses.put(key(name), address);
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
            String address = addresses.get(name);
            if (address != null) {
                response.addRecord(
                        new ARecord(Name.fromString(name), DClass.IN, 300, InetAddress.getByName(address)),
                        Section.ANSWER);
            } else {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
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
    }
}
