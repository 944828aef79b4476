package org.sockets.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * The classic tutorial client: connect, receive up to 1024 bytes, print them.
 *
 * <pre>bin/sample client [--host localhost] [--port 9999]</pre>
 */
public final class Client {

    private Client() {
    }

    /**
     * Runs the client.
     *
     * @param args {@code --host}, {@code --port}
     * @throws IOException if the connection fails
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "client [--host localhost] [--port 9999]");
        System.out.print(fetch(Address.of(a.get("host", "localhost"), a.getInt("port", 9999))));
        System.out.flush();
    }

    /**
     * Connects and returns what the server sent in its first (up to) 1024 bytes.
     *
     * @param server the server's address
     * @return the message, decoded as ASCII
     * @throws IOException if the connection fails
     */
    public static String fetch(Address server) throws IOException {
        try (Endpoint s = Sockets.open(Family.INET, SocketType.STREAM)) {
            s.connect(server);
            return new String(s.recv(1024), StandardCharsets.US_ASCII);
        }
    }
}
