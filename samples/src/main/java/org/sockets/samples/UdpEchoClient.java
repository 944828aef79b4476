package org.sockets.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * A UDP echo client: sends one message to the server, waits for the echo, prints it.
 *
 * <pre>bin/sample udp-echo-client [--host 127.0.0.1] [--port 9999] [--family INET|INET6] [--message hello] [--timeout-ms 5000]</pre>
 * UDP may lose a datagram; the client gives up after the timeout (default 5 s), or at once when
 * the host reports that nothing listens on the port, and exits 1.
 */
public final class UdpEchoClient {

    private UdpEchoClient() {
    }

    /**
     * Runs the client.
     *
     * @param args {@code --host}, {@code --port}, {@code --family}, {@code --message}, {@code --timeout-ms}
     * @throws IOException if sending or receiving fails
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "udp-echo-client [--host 127.0.0.1] [--port 9999] [--family INET|INET6] [--message hello] [--timeout-ms 5000]");
        Family family = Family.valueOf(a.get("family", "INET"));
        String host = a.get("host", family == Family.INET6 ? "::1" : "127.0.0.1");
        Address server = Address.of(host, a.getInt("port", 9999));
        try {
            String reply = echo(family, server, a.get("message", "hello"), Duration.ofMillis(a.getInt("timeout-ms", 5000)));
            System.out.println("Received " + reply);
        } catch (java.net.SocketTimeoutException | java.net.PortUnreachableException e) {
            // The two ways UDP says "no answer": silence, or an ICMP refusal from the host.
            System.err.println("no echo from " + server + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Sends a message in one datagram from a connected endpoint and returns the echo.
     *
     * @param family  INET or INET6
     * @param server  the echo server
     * @param message the text, sent as UTF-8
     * @param timeout how long to wait for the echo
     * @return the echoed text
     * @throws IOException if sending or receiving fails; {@link java.net.PortUnreachableException}
     *         if nothing listens there; {@link java.net.SocketTimeoutException} if no echo came
     */
    public static String echo(Family family, Address server, String message, Duration timeout) throws IOException {
        try (Endpoint client = Sockets.open(family, SocketType.DGRAM)) {
            // Connected: only the server's answer is accepted, and "nothing listens" is reported.
            client.timeout(timeout).connect(server);
            client.send(message.getBytes(StandardCharsets.UTF_8));
            Datagram d = client.recvFrom(UdpEchoServer.MAX_DATAGRAM);
            return new String(d.data(), StandardCharsets.UTF_8);
        }
    }
}
