package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointPair;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Shutdown;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The Endpoint contract over TlsEndpoint on three carriers: TCP, a Unix socketpair, and a test
 * endpoint that moves one byte per recv and per send (so every record arrives split at every
 * byte). The shared contract suite (branch {@code contract}) had not landed when this was written;
 * these are the contract's stream cases, written here.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ContractOverTlsTest {

    /** A thread per task: the common pool has one thread on two CPUs, and these tasks block. */
    private static final java.util.concurrent.Executor VIRTUAL = r -> Thread.ofVirtual().start(r);

    enum Carrier {
        TCP, UNIX, ONE_BYTE;

        EndpointPair plain() throws IOException {
            return switch (this) {
                case TCP -> Pairs.tcp();
                case UNIX -> Pairs.unix();
                case ONE_BYTE -> Pairs.oneByte();
            };
        }

        Pairs.Tls2 tls() throws IOException {
            return Pairs.tls(plain());
        }
    }

    @BeforeAll
    static void warm() throws IOException {
        for (Carrier c : Carrier.values()) {
            try (Pairs.Tls2 p = c.tls()) {
                p.client().sendAll(new byte[] {1});
                p.server().recv(1);
            }
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] readExactly(org.sockets.api.Endpoint e, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            assertTrue(e.recv(b) > 0, "end of stream after " + b.position() + " of " + n);
        }
        return b.array();
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void bytesArriveInOrderWhateverTheSizes(Carrier carrier) throws Exception {
        try (Pairs.Tls2 p = carrier.tls()) {
            int big = carrier == Carrier.ONE_BYTE ? 40_000 : 1 << 20;
            for (int size : new int[] {1, 2, 100, 16_384, 16_385, big}) {
                byte[] data = random(size, size);
                CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
                    try {
                        p.client().sendAll(ByteBuffer.wrap(data));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, VIRTUAL);
                assertArrayEquals(data, readExactly(p.server(), size), "size " + size);
                w.get(60, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void bothDirectionsAtOnceDoNotDeadlock(Carrier carrier) throws Exception {
        try (Pairs.Tls2 p = carrier.tls()) {
            int n = carrier == Carrier.ONE_BYTE ? 50_000 : 4 << 20;
            byte[] a = random(n, 1);
            byte[] b = random(n, 2);
            CompletableFuture<Void> w1 = CompletableFuture.runAsync(() -> send(p.client(), a), VIRTUAL);
            CompletableFuture<Void> w2 = CompletableFuture.runAsync(() -> send(p.server(), b), VIRTUAL);
            assertArrayEquals(b, readExactly(p.client(), n));
            assertArrayEquals(a, readExactly(p.server(), n));
            w1.get(60, TimeUnit.SECONDS);
            w2.get(60, TimeUnit.SECONDS);
        }
    }

    private static void send(org.sockets.api.Endpoint e, byte[] data) {
        try {
            e.sendAll(data);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void recvIntoAOneByteBufferReassemblesRecords(Carrier carrier) throws IOException {
        try (Pairs.Tls2 p = carrier.tls()) {
            byte[] data = random(3000, 7);
            p.client().sendAll(data);
            ByteBuffer out = ByteBuffer.allocate(3000);
            while (out.hasRemaining()) {
                ByteBuffer one = ByteBuffer.allocate(1);
                assertEquals(1, p.server().recv(one));
                out.put(one.flip());
            }
            assertArrayEquals(data, out.array());
        }
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void shutdownWriteSendsCloseNotifyAndTheOtherWayStillWorks(Carrier carrier) throws IOException {
        try (Pairs.Tls2 p = carrier.tls()) {
            p.client().sendAll("last words".getBytes());
            p.client().shutdown(Shutdown.WRITE);
            assertEquals("last words", new String(readExactly(p.server(), 10)));
            assertEquals(0, p.server().recv(ByteBuffer.allocate(10)), "close_notify is the end of stream");
            assertThrows(SocketException.class, () -> p.client().send(ByteBuffer.wrap(new byte[] {1})));
            if (p.client().session().getProtocol().equals("TLSv1.3")) {
                p.server().sendAll("reply".getBytes()); // TLS 1.3 half-close: the other direction still flows
                assertEquals("reply", new String(readExactly(p.client(), 5)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void streamsFromTheEndpointDefaultsWork(Carrier carrier) throws Exception {
        try (Pairs.Tls2 p = carrier.tls()) {
            OutputStream out = p.client().outputStream();
            InputStream in = p.server().inputStream();
            out.write("streamed".getBytes());
            byte[] got = in.readNBytes(8);
            assertEquals("streamed", new String(got));
            p.client().shutdown(Shutdown.WRITE);
            assertEquals(-1, in.read());
        }
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void misuseIsRefusedWithTheValueNamed(Carrier carrier) throws IOException {
        Pairs.Tls2 p = carrier.tls();
        try (p) {
            assertThrows(IllegalArgumentException.class, () -> p.client().recv(ByteBuffer.allocate(0)));
            assertThrows(IllegalArgumentException.class, () -> p.client().recv(ByteBuffer.allocate(4).asReadOnlyBuffer()));
            assertThrows(EndpointStateException.class, () -> p.client().connect(org.sockets.api.Address.of("127.0.0.1", 1)));
            assertEquals(0, p.client().send(ByteBuffer.allocate(0)));
        }
        assertFalse(p.client().isOpen());
        p.client().close(); // again: no effect, no exception
        assertThrows(EndpointClosedException.class, () -> p.client().recv(ByteBuffer.allocate(1)));
        assertThrows(EndpointClosedException.class, () -> p.client().send(ByteBuffer.allocate(1)));
    }
}
