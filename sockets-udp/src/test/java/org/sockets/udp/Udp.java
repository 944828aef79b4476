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

    private static boolean warm;

    /**
     * Takes the descriptors the JDK opens for good on first use (datagram channels, selectors, the
     * virtual-thread pollers), so that per-test descriptor counts see only the test's own.
     */
    static synchronized void warmUp() throws IOException {
        if (warm) {
            return;
        }
        warm = true;
        try (Endpoint a = bound(Family.INET6).timeout(Duration.ofMillis(1))) {
            a.option(org.sockets.api.Options.SO_RCVBUF);
            try {
                a.recvFrom(8);
            } catch (java.net.SocketTimeoutException expected) {
                // the point was to open and close a selector
            }
        }
        // ... and the virtual-thread pollers, on the first blocking call of a virtual thread.
        try (Endpoint rx = bound(Family.INET).blocking(); Endpoint tx = bound(Family.INET)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    rx.recvFrom(8);
                } catch (IOException ignored) {
                    // closed below if the datagram never came
                }
            });
            Thread.sleep(200); // so that the receive parks rather than finding the datagram there
            tx.sendTo(new byte[1], rx.localAddress());
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
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
