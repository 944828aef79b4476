package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * A UDP echo server: sends every datagram back to whoever sent it, and prints who that was.
 *
 * <pre>bin/sample udp-echo-server [--host 127.0.0.1] [--port 9999] [--family INET|INET6] [--count N]</pre>
 * {@code --count} stops after N datagrams (default: serve until killed). Datagrams up to the
 * largest UDP payload are echoed whole; nothing is cut.
 */
public final class UdpEchoServer {

    /** Room for the largest datagram UDP can carry, so nothing is ever cut. */
    static final int MAX_DATAGRAM = 65_536;

    private UdpEchoServer() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code --host}, {@code --port}, {@code --family}, {@code --count}
     * @throws IOException if the server cannot bind
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "udp-echo-server [--host 127.0.0.1] [--port 9999] [--family INET|INET6] [--count N]");
        Family family = Family.valueOf(a.get("family", "INET"));
        String host = a.get("host", family == Family.INET6 ? "::1" : "127.0.0.1");
        try (Endpoint server = Sockets.open(family, SocketType.DGRAM)) {
            server.bind(Address.of(host, a.getInt("port", 9999)));
            serve(server, a.getInt("count", -1), System.out);
        }
    }

    /**
     * The echo loop: receives a datagram, prints its size and sender, sends it back.
     *
     * @param server a bound datagram endpoint
     * @param count  how many datagrams to echo; negative for no limit
     * @param out    where to print
     * @throws IOException if receiving or sending fails
     */
    public static void serve(Endpoint server, int count, PrintStream out) throws IOException {
        out.println("Listening on " + server.localAddress() + " (UDP)");
        out.flush();
        for (int served = 0; count < 0 || served < count; served++) {
            Datagram d = server.recvFrom(MAX_DATAGRAM);
            Address from = d.sender();
            out.println("Echoing " + d.data().length + " bytes to " + (from instanceof Address.Ip ip ? ip.toPython() : from));
            out.flush();
            server.sendTo(d.data(), from);
        }
    }
}
