package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * TCP's side of the threading contract: a reader and a writer at once keep every byte in both
 * modes; close and interrupts wake a blocked connect; readers take turns; mode switches and close
 * race safely; blocked virtual threads do not hold up others. Close and interrupt waking recv, send
 * and accept are in the contract suite (TcpContractTest).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ConcurrencyTest {

    /** How the endpoint waits: without limit, or with a (long) timeout. */
    enum Mode { BLOCKING, TIMEOUT }

    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    static Stream<Arguments> modesAndThreads() {
        List<Arguments> out = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (boolean virtual : new boolean[] {false, true}) {
                out.add(Arguments.of(m, virtual));
            }
        }
        return out.stream();
    }

    private static byte patternAt(long pos, int seed) {
        long x = (pos + seed) * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56);
    }

    /** Sends {@code total} pattern bytes in chunks of varying size. */
    private static Void sendPattern(Endpoint e, long total, int seed) throws Exception {
        byte[] chunk = new byte[100_000];
        long pos = 0;
        int size = 1;
        while (pos < total) {
            int n = (int) Math.min(size, total - pos);
            for (int i = 0; i < n; i++) {
                chunk[i] = patternAt(pos + i, seed);
            }
            e.sendAll(chunk, 0, n);
            pos += n;
            size = size * 7 % 99_991 + 1; // 1 byte to ~100 KB
        }
        return null;
    }

    /** Receives exactly {@code total} bytes and checks each against the pattern. */
    private static Long recvPattern(Endpoint e, long total, int seed) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        long pos = 0;
        while (pos < total) {
            buf.clear();
            int n = e.recv(buf);
            if (n == 0) {
                throw new AssertionError("end of stream after " + pos + " of " + total + " bytes");
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != patternAt(pos + i, seed)) {
                    throw new AssertionError("byte " + (pos + i) + " is wrong");
                }
            }
            pos += n;
        }
        return pos;
    }

    @ParameterizedTest(name = "{0}, virtual threads: {1}")
    @MethodSource("modesAndThreads")
    void oneReaderAndOneWriterOnEachSideKeepEveryByte(Mode mode, boolean virtual) throws Exception {
        long size = 6L << 20;
        try (Loopback.Pair p = Loopback.pair()) {
            if (mode == Mode.TIMEOUT) {
                p.client().timeout(LONG_TIMEOUT);
                p.server().timeout(LONG_TIMEOUT);
            }
            // Both sides send and receive at once, each direction with its own thread.
            var clientOut = Loopback.start(virtual, "client-writer", () -> sendPattern(p.client(), size, 1));
            var clientIn = Loopback.start(virtual, "client-reader", () -> recvPattern(p.client(), size, 2));
            var serverOut = Loopback.start(virtual, "server-writer", () -> sendPattern(p.server(), size, 2));
            var serverIn = Loopback.start(virtual, "server-reader", () -> recvPattern(p.server(), size, 1));
            Duration within = Duration.ofSeconds(40);
            clientOut.get(within);
            serverOut.get(within);
            assertEquals(size, clientIn.get(within));
            assertEquals(size, serverIn.get(within));
            // Nothing more than what was sent: the next byte after the end is the peer's EOF.
            p.client().shutdown(Shutdown.WRITE);
            assertArrayEquals(new byte[0], p.server().recv(1));
        }
    }

    /**
     * A connect blocked in a thread: the one blocking call the contract suite (TcpContractTest)
     * does not wake, since only TCP here can make a connect hang (a listener whose queue is full).
     */
    private record Blocked(AutoCloseable resources, Endpoint target, Loopback.Task<Object> task) {
    }

    private static Blocked blockInConnect(Mode mode, boolean virtual) throws Exception {
        Loopback.Stall stall = new Loopback.Stall(Loopback.V4);
        Endpoint e = Sockets.open(Family.INET, SocketType.STREAM);
        if (mode == Mode.TIMEOUT) {
            e.timeout(LONG_TIMEOUT);
        }
        var task = Loopback.<Object>start(virtual, "connect", () -> e.connect(stall.address));
        Loopback.awaitBlockedIn(task.thread(), "connect");
        return new Blocked(() -> {
            e.close();
            stall.close();
        }, e, task);
    }

    @ParameterizedTest(name = "{0}, virtual thread: {1}")
    @MethodSource("modesAndThreads")
    void closeFromAnotherThreadWakesABlockedConnect(Mode mode, boolean virtual) throws Exception {
        Blocked b = blockInConnect(mode, virtual);
        AutoCloseable resources = b.resources();
        try (resources) {
            long t0 = System.nanoTime();
            b.target().close();
            Throwable thrown = b.task().failure(Duration.ofSeconds(10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(AsynchronousCloseException.class, thrown.getClass(), () -> "thrown: " + stack(thrown));
            assertTrue(ms < 5_000, "woke after " + ms + " ms");
            assertFalse(b.target().isOpen());
            b.target().close(); // again: harmless
        }
    }

    @ParameterizedTest(name = "{0}, virtual thread: {1}")
    @MethodSource("modesAndThreads")
    void interruptingABlockedConnectClosesTheEndpoint(Mode mode, boolean virtual) throws Exception {
        Blocked b = blockInConnect(mode, virtual);
        AutoCloseable resources = b.resources();
        try (resources) {
            b.task().thread().interrupt();
            Throwable thrown = b.task().failure(Duration.ofSeconds(10));
            assertEquals(ClosedByInterruptException.class, thrown.getClass(), () -> "thrown: " + stack(thrown));
            assertFalse(b.target().isOpen(), "an interrupted call closes the endpoint");
            assertTrue(b.task().interruptedAtEnd().get(), "the interrupt status stays set, as with the JDK's channels");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void twoReadersTakeTurns(Mode mode) throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            if (mode == Mode.TIMEOUT) {
                p.client().timeout(LONG_TIMEOUT);
            }
            var first = Loopback.start(true, "first", () -> p.client().recv(1));
            var second = Loopback.start(true, "second", () -> p.client().recv(1));
            Loopback.awaitBlockedIn(first.thread(), "recv");
            Loopback.awaitBlockedIn(second.thread(), "recv");
            p.server().sendAll(new byte[] {1, 2});
            byte[] a = first.get(Duration.ofSeconds(10));
            byte[] b = second.get(Duration.ofSeconds(10));
            assertEquals(1, a.length);
            assertEquals(1, b.length);
            assertEquals(3, a[0] + b[0], "each byte went to exactly one reader");
        }
    }

    @Test
    void interruptingAReaderWaitingItsTurnClosesTheEndpoint() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            // Timeout mode: the second reader waits for the first's turn in an interruptible lock.
            // (In blocking mode it waits in the JDK's uninterruptible channel lock.)
            p.client().timeout(LONG_TIMEOUT);
            var first = Loopback.start(true, "first", () -> p.client().recv(1));
            Loopback.awaitBlockedIn(first.thread(), "recv");
            var second = Loopback.start(true, "second", () -> p.client().recv(1));
            Loopback.awaitBlockedIn(second.thread(), "recv");
            second.thread().interrupt();
            Throwable t = second.failure(Duration.ofSeconds(10));
            assertEquals(ClosedByInterruptException.class, t.getClass(), () -> stack(t));
            assertFalse(p.client().isOpen());
            Throwable t1 = first.failure(Duration.ofSeconds(10));
            assertEquals(AsynchronousCloseException.class, t1.getClass(), () -> stack(t1));
        }
    }

    @ParameterizedTest(name = "reader in {0}")
    @EnumSource(Mode.class)
    void closeWakesEverythingWhileAModeSwitchWaitsForABlockedReader(Mode readerMode) throws Exception {
        int before = Fds.count();
        try (Loopback.Pair p = Loopback.pair()) {
            Endpoint c = p.client();
            if (readerMode == Mode.TIMEOUT) {
                c.timeout(LONG_TIMEOUT);
            }
            var reader = Loopback.start(true, "reader", () -> c.recv(1));
            Loopback.awaitBlockedIn(reader.thread(), "recv");
            // The writer switches the mode under the reader: it waits for the reader's turn to end.
            var writer = Loopback.<Object>start(true, "writer", () -> {
                if (readerMode == Mode.TIMEOUT) {
                    c.blocking();
                } else {
                    c.timeout(LONG_TIMEOUT);
                }
                return c.send(new byte[] {1});
            });
            Thread.sleep(200);
            var closer = Loopback.<Object>start(true, "closer", () -> {
                c.close();
                return null;
            });
            closer.get(Duration.ofSeconds(5)); // close() needs nothing the waiting threads hold
            Throwable r = reader.failure(Duration.ofSeconds(10));
            assertEquals(AsynchronousCloseException.class, r.getClass(), () -> stack(r));
            try {
                writer.get(Duration.ofSeconds(10)); // it may have sent before the close
            } catch (ClosedChannelException expected) {
                assertFalse(expected instanceof ClosedByInterruptException, () -> stack(expected));
            }
        }
        Fds.assertBackTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"recv", "accept"})
    void closeRacingATimedCallNeverMisreportsNorLeaks(String op) throws Exception {
        int before = Fds.count();
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            Loopback.Pair p = Loopback.pair();
            try (p) {
                Endpoint target = op.equals("recv") ? p.client() : p.listener();
                target.timeout(LONG_TIMEOUT);
                var task = Loopback.<Object>start(i % 2 == 0, op, () -> op.equals("recv") ? target.recv(1) : target.accept());
                // Close at every stage of the call: before it, while it sets up its selector, while it waits.
                long spin = System.nanoTime() + (i % 10) * 100_000L;
                while (System.nanoTime() < spin) {
                    Thread.onSpinWait();
                }
                target.close();
                Throwable t = task.failure(Duration.ofSeconds(10));
                // Closed before the call began: EndpointClosedException; during it: AsynchronousCloseException.
                boolean expected = t.getClass() == AsynchronousCloseException.class || t instanceof EndpointClosedException;
                assertTrue(expected, () -> stack(t));
                seen.merge(t.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        assertTrue(seen.containsKey("AsynchronousCloseException"), "the close never hit a waiting call: " + seen);
        Fds.assertBackTo(before);
    }

    @Test
    void manyVirtualThreadsBlockedInRecvDoNotStopOthers() throws Exception {
        int blockedCount = 200;
        List<Endpoint> clients = new ArrayList<>();
        List<Endpoint> servers = new ArrayList<>();
        List<Loopback.Task<Object>> readers = new ArrayList<>();
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(blockedCount);
            for (int i = 0; i < blockedCount; i++) {
                Endpoint c = Sockets.open(Family.INET, SocketType.STREAM);
                clients.add(c);
                c.connect(listener.localAddress());
                servers.add(listener.accept());
                if (i % 2 == 1) {
                    c.timeout(LONG_TIMEOUT); // half wait in a selector, half in the JDK's blocking read
                }
            }
            for (int i = 0; i < blockedCount; i++) {
                Endpoint c = clients.get(i);
                readers.add(Loopback.start(true, "blocked-" + i, () -> c.recv(8)));
            }
            Loopback.awaitBlockedIn(readers.getLast().thread(), "recv");
            Loopback.awaitBlockedIn(readers.get(blockedCount - 2).thread(), "recv");
            // Parked, not pinned: a pinned wait would hold (or make the scheduler add) a carrier each.
            long carriers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ForkJoinPool") && t.getName().contains("worker")).count();
            assertTrue(carriers > 0 && carriers < blockedCount / 4, carriers + " carrier threads for " + blockedCount + " blocked virtual threads");

            // Meanwhile a ping-pong on another connection runs to the end.
            try (Loopback.Pair p = Loopback.pair()) {
                int rounds = 2_000;
                var echo = Loopback.<Object>start(true, "echo", () -> {
                    for (int i = 0; i < rounds; i++) {
                        p.server().sendAll(p.server().recv(1));
                    }
                    return null;
                });
                var ping = Loopback.<Object>start(true, "ping", () -> {
                    for (int i = 0; i < rounds; i++) {
                        p.client().sendAll(new byte[] {(byte) i});
                        byte[] back = p.client().recv(1);
                        if (back.length != 1 || back[0] != (byte) i) {
                            throw new AssertionError("round " + i + ": " + Arrays.toString(back));
                        }
                    }
                    return null;
                });
                ping.get(Duration.ofSeconds(30));
                echo.get(Duration.ofSeconds(5));
            }
            for (var r : readers) {
                assertFalse(r.result().isDone(), "a reader returned with nothing sent");
            }
            // Every blocked reader is alive: even ones get a byte, odd ones are closed.
            for (int i = 0; i < blockedCount; i++) {
                if (i % 2 == 0) {
                    servers.get(i).sendAll(new byte[] {(byte) i});
                } else {
                    clients.get(i).close();
                }
            }
            for (int i = 0; i < blockedCount; i++) {
                if (i % 2 == 0) {
                    assertArrayEquals(new byte[] {(byte) i}, (byte[]) readers.get(i).get(Duration.ofSeconds(10)));
                } else {
                    Throwable t = readers.get(i).failure(Duration.ofSeconds(10));
                    assertEquals(AsynchronousCloseException.class, t.getClass(), () -> stack(t));
                }
            }
        } finally {
            clients.forEach(Endpoint::close);
            servers.forEach(Endpoint::close);
        }
    }

    static String stack(Throwable t) {
        var w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
