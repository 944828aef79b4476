package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Must show 4, the timeout cases: one deadline bounds a whole handshake or record read however
 * the bytes trickle in; a timed-out read leaves the endpoint usable.
 */
@ExtendWith(NoDescriptorLeaks.class)
class TimeoutTest {

    static final Duration T = Duration.ofMillis(1000);

    @BeforeAll
    static void warm() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().timeout(T);
            p.client().sendAll(new byte[] {1});
            p.server().recv(1);
        }
    }

    /** A plain server that takes one connection and, on it, runs {@code behaviour}; stopped on close. */
    private record Peer(Endpoint listener, Thread thread, CountDownLatch stop) implements AutoCloseable {
        interface Behaviour {
            void run(Endpoint conn, CountDownLatch stop) throws Exception;
        }

        static Peer start(Behaviour b) throws IOException {
            Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0));
            CountDownLatch stop = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                try (Endpoint conn = l.accept()) {
                    b.run(conn, stop);
                } catch (Exception ignored) {
                    // the test decides what counts
                }
            });
            return new Peer(l, t, stop);
        }

        @Override
        public void close() {
            stop.countDown();
            listener.close();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void aPeerSilentAfterTheClientHelloTimesOutWithinTwiceTheTimeout() throws IOException {
        try (Peer silent = Peer.start((conn, stop) -> {
            conn.recv(ByteBuffer.allocate(4096)); // the ClientHello, then nothing
            stop.await(20, TimeUnit.SECONDS);
        })) {
            Endpoint tcp = Sockets.connect(silent.listener().localAddress()).timeout(T);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> Tls.client(tcp, Fixtures.clientOptions("localhost")));
            long took = millisSince(t0);
            assertTrue(took >= T.toMillis() - 50 && took < 2 * T.toMillis(), "took " + took + " ms");
            assertFalse(tcp.isOpen());
        }
    }

    @Test
    void aPeerDrippingAByteEveryNineTenthsOfTheTimeoutStillTimesOut() throws IOException {
        // A plausible ServerHello record header, then its body, one byte at a time: every single
        // read succeeds within the timeout, the handshake as a whole does not.
        byte[] drip = new byte[64];
        drip[0] = 0x16;
        drip[1] = 0x03;
        drip[2] = 0x03;
        drip[3] = 0x00;
        drip[4] = 0x3b;
        drip[5] = 0x02;
        long gap = T.toMillis() * 9 / 10;
        try (Peer dripping = Peer.start((conn, stop) -> {
            conn.recv(ByteBuffer.allocate(4096));
            for (byte b : drip) {
                if (stop.await(gap, TimeUnit.MILLISECONDS)) {
                    return;
                }
                conn.sendAll(new byte[] {b});
            }
        })) {
            Endpoint tcp = Sockets.connect(dripping.listener().localAddress()).timeout(T);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> Tls.client(tcp, Fixtures.clientOptions("localhost")));
            long took = millisSince(t0);
            assertTrue(took < 2 * T.toMillis(), "took " + took + " ms");
        }
    }

    @Test
    void aServerHandshakeWithASilentClientTimesOut() throws IOException {
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0));
             Endpoint silentClient = Sockets.connect(l.localAddress());
             TlsEndpoint server = Tls.server(l.accept(), Fixtures.serverOptions(Fixtures.certs().good()))) {
            server.timeout(T);
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> server.recv(ByteBuffer.allocate(10)));
            assertTrue(millisSince(t0) < 2 * T.toMillis());
            assertTrue(silentClient.isOpen());
        }
    }

    @Test
    void aTimedOutReadLeavesTheEndpointUsable() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().timeout(Duration.ofMillis(300));
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> p.client().recv(ByteBuffer.allocate(10)));
            long took = millisSince(t0);
            // Late by at most 750 ms of slack for a loaded machine: a read that ignored the
            // timeout would block for good (nothing is sent until it returns).
            assertTrue(took >= 250 && took < 300 + 750, "took " + took + " ms");
            assertTrue(p.client().isOpen());
            p.server().sendAll("late".getBytes());
            assertEquals("late", new String(p.client().recv(10)));
            // the deadline forms override the endpoint's timeout for one call
            assertThrows(SocketTimeoutException.class,
                    () -> p.client().recv(ByteBuffer.allocate(1), org.sockets.api.Deadline.after(Duration.ofMillis(50))));
        }
    }

    @Test
    void closeDoesNotWaitForAPeerThatDoesNotRead() throws Exception {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            // fill the transport so that not even a close_notify fits
            p.client().timeout(Duration.ofMillis(300));
            byte[] chunk = new byte[65536];
            for (int i = 0; i < 1000; i++) {
                try {
                    p.client().sendAll(chunk);
                } catch (SocketTimeoutException full) {
                    break;
                }
            }
            // A close that waited for room for its close_notify would wait out this timeout: 5 s,
            // far above the 1 s bound, which leaves room for a loaded machine.
            p.client().timeout(Duration.ofSeconds(5));
            long t0 = System.nanoTime();
            p.client().close();
            assertTrue(millisSince(t0) < 1_000, "close took " + millisSince(t0) + " ms");
            assertFalse(p.client().isOpen());
        }
    }
}
