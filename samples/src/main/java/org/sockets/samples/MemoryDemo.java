package org.sockets.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.samples.memory.MemoryTransportProvider;

/**
 * The tutorial server and client over a user-written transport, found by ServiceLoader and
 * chosen by name: the same {@link Endpoint} calls, no sockets underneath.
 *
 * <pre>bin/sample memory</pre>
 */
public final class MemoryDemo {

    private MemoryDemo() {
    }

    /**
     * Runs server and client in one process over the memory transport.
     *
     * @param args none
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        System.out.print(run());
    }

    /**
     * Runs the demo and returns what it printed.
     *
     * @return the server's and the client's lines
     * @throws Exception if anything fails
     */
    public static String run() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            server.bind(Address.of("localhost", 0)).listen(5);
            Address where = server.localAddress();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    Server.serve(server, 1, out);
                } catch (Exception e) {
                    e.printStackTrace(out);
                }
            });
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
                client.connect(where);
                out.print("client got: " + new String(client.recv(1024), StandardCharsets.US_ASCII));
            }
            t.join();
        }
        return log.toString(StandardCharsets.UTF_8);
    }
}
