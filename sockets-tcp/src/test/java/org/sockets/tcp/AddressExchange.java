package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/** Helpers for the address tests: endpoints with a generous timeout, a full exchange on loopback, random 127/8 addresses. */
final class AddressExchange {

    /** Generous: this is a noisy shared 2-core machine; nothing here should take more than milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private AddressExchange() {
    }

    /** What each side saw of one connection. */
    record Seen(Address.Ip listening, Address.Ip clientLocal, Address.Ip clientPeer, Address.Ip acceptedLocal, Address.Ip acceptedPeer) {
    }

    /**
     * Does once the look-ups the address-form tests make (names, scope ids), before they count
     * descriptors. Not needed on the build machine (measured: both classes pass alone without
     * it), but a host's resolver may keep a descriptor from its first use: NSS modules such as
     * sss keep their daemon's socket open after the first look-up. The JDK's own
     * process-wide descriptors (pre-close socket, pollers) are opened by {@code Fds} itself.
     */
    static void warmUp() throws IOException {
        java.net.InetAddress.getAllByName("localhost");
        java.net.NetworkInterface.getByName("lo");
    }

    static Endpoint open(Family family) throws IOException {
        return Sockets.open(family, SocketType.STREAM).timeout(TIMEOUT);
    }

    /**
     * A random address in 127/8 other than 127.0.0.1, so that concurrent test runs on this machine
     * (other worktrees) rarely meet on a port.
     */
    static String random127() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
    }

    /**
     * Binds a server with one address form, connects a client with another (built from the
     * server's real port), sends bytes both ways and checks the two sides agree on the addresses.
     *
     * @param clientBind where the client binds first, or {@code null}
     */
    static Seen exchange(Family serverFamily, Address bindAs, Family clientFamily, Address clientBind, IntFunction<Address> connectAs)
            throws IOException {
        try (Endpoint server = open(serverFamily)) {
            server.bind(bindAs).listen(8);
            Address.Ip listening = (Address.Ip) server.localAddress();
            int port = listening.port();
            try (Endpoint client = open(clientFamily)) {
                if (clientBind != null) {
                    client.bind(clientBind);
                }
                client.connect(connectAs.apply(port));
                try (Endpoint conn = server.accept()) {
                    byte[] ping = ("ping via " + bindAs).getBytes(StandardCharsets.UTF_8);
                    client.sendAll(ping);
                    assertArrayEquals(ping, recvExactly(conn, ping.length));
                    byte[] pong = ("pong from " + listening).getBytes(StandardCharsets.UTF_8);
                    conn.sendAll(pong);
                    assertArrayEquals(pong, recvExactly(client, pong.length));
                    Seen seen = new Seen(listening, (Address.Ip) client.localAddress(), (Address.Ip) client.peerAddress(),
                            (Address.Ip) conn.localAddress(), (Address.Ip) conn.peerAddress());
                    assertEquals(seen.clientLocal(), seen.acceptedPeer(), "the server sees the client's own address: " + seen);
                    assertEquals(port, seen.clientPeer().port(), seen.toString());
                    assertEquals(port, seen.acceptedLocal().port(), seen.toString());
                    return seen;
                }
            }
        }
    }

    static byte[] recvExactly(Endpoint e, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        for (int reads = 0; buf.hasRemaining() && reads < 10_000; reads++) {
            if (e.recv(buf) == 0) {
                break; // end of stream
            }
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }
}
