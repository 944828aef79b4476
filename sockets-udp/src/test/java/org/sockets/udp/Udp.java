package org.sockets.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/** Helpers the UDP tests share: loopback addresses and bound endpoints. */
final class Udp {

    /** Generous: the build machine is a shared 2-core VM. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long to wait for a datagram that must not arrive. */
    static final Duration ABSENT = Duration.ofMillis(500);

    private Udp() {
    }

    static String loopback(Family f) {
        return f == Family.INET6 ? "::1" : "127.0.0.1";
    }

    static InetAddress loopbackIp(Family f) {
        return InetAddress.ofLiteral(loopback(f));
    }

    /** A new endpoint bound to the family's loopback address on a free port, with a timeout. */
    static Endpoint bound(Family f) throws IOException {
        Endpoint e = Sockets.open(f, SocketType.DGRAM);
        try {
            return e.bind(Address.of(loopback(f), 0)).timeout(WAIT);
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** A loopback port where nothing listens now (bound, then closed). */
    static int closedPort(Family f) throws IOException {
        try (Endpoint e = bound(f)) {
            return ((Address.Ip) e.localAddress()).port();
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
