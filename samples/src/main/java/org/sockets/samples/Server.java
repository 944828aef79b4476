package org.sockets.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * The classic tutorial server: bind, listen with a backlog of 5, and for each connection print
 * who connected and send {@code "Thank you for connecting\r\n"}.
 *
 * <pre>bin/sample server [--host localhost] [--port 9999] [--count N]</pre>
 * {@code --count} stops after N connections (default: serve until killed).
 */
public final class Server {

    /** What every client is told. */
    public static final String MESSAGE = "Thank you for connecting\r\n";

    private Server() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code --host}, {@code --port}, {@code --count}
     * @throws IOException if the server cannot listen
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "server [--host localhost] [--port 9999] [--count N]");
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM)) {
            server.bind(Address.of(a.get("host", "localhost"), a.getInt("port", 9999)));
            server.listen(5);
            serve(server, a.getInt("count", -1), System.out);
        }
    }

    /**
     * The accept loop: thanks each client and closes its connection.
     *
     * @param server a listening endpoint
     * @param count  how many connections to serve; negative for no limit
     * @param out    where to print
     * @throws IOException if accepting fails
     */
    public static void serve(Endpoint server, int count, PrintStream out) throws IOException {
        out.println("Listening on " + server.localAddress());
        out.flush();
        byte[] message = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        for (int served = 0; count < 0 || served < count; served++) {
            try (Endpoint conn = server.accept()) {
                Address peer = conn.peerAddress();
                out.println("Got a connection from " + (peer instanceof Address.Ip ip ? ip.toPython() : peer));
                out.flush();
                conn.sendAll(message);
            }
        }
    }
}
