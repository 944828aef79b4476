package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointPair;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.PeerCredentials;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/** Unix-domain endpoints of every type, on real sockets in a temporary directory. */
@ExtendWith(NoDescriptorLeaks.class)
class UnixEndpointTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startThePoller() throws IOException {
        // The process-wide epoll descriptor opens on first use and stays: not a per-test leak.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String unique() {
        return "sockets-test-" + UUID.randomUUID();
    }

    /**
     * The set-up calls and accept return UnixEndpoint, so a chain reaches the Unix-only calls
     * without UnixEndpoint.of: this test would not compile with Endpoint returns.
     */
    @Test
    void setUpCallsAndAcceptReturnUnixEndpoints() throws Exception {
        Address where = Address.abstractName(unique());
        try (UnixEndpoint server = UnixEndpoint.open(SocketType.STREAM).timeout(Duration.ofSeconds(30)).bind(where).listen();
             UnixEndpoint client = UnixEndpoint.open(SocketType.STREAM).blocking().option(Options.SO_SNDBUF, 65_536).connect(where);
             UnixEndpoint accepted = server.accept().timeout(Duration.ofSeconds(30))) {
            assertEquals(ProcessHandle.current().pid(), accepted.peerCredentials().pid());
            assertEquals(ProcessHandle.current().pid(), client.peerCredentials().pid());
        }
        try (UnixEndpoint listening = UnixEndpoint.open(SocketType.SEQPACKET).bind(Address.unnamed()).listen(4)) {
            assertInstanceOf(Address.UnixAbstract.class, listening.localAddress(), "autobind gives an abstract name");
        }
    }

    /** Echoes one message per accepted connection, in a virtual thread. */
    private static CompletableFuture<Void> echoOnce(Endpoint server) {
        return CompletableFuture.runAsync(() -> {
            try (Endpoint c = server.accept()) {
                c.timeout(Duration.ofSeconds(30));
                byte[] got = c.recv(1024);
                c.sendAll(got);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void echoOverAPath(SocketType type) throws Exception {
        Path p = dir.resolve("echo.sock");
        try (Endpoint server = Sockets.open(Family.UNIX, type)) {
            server.bind(Address.unix(p)).listen(5);
            assertEquals(Address.unix(p), server.localAddress());
            assertTrue(Files.exists(p));
            CompletableFuture<Void> done = echoOnce(server);
            try (Endpoint client = Sockets.open(Family.UNIX, type)) {
                client.timeout(Duration.ofSeconds(30)).connect(Address.unix(p));
                assertEquals(Address.unix(p), client.peerAddress());
                assertEquals(Address.unnamed(), client.localAddress());
                client.sendAll(ascii("hello over a path"));
                assertEquals("hello over a path", new String(client.recv(1024), StandardCharsets.US_ASCII));
            }
            done.get(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(p), "the socket file we created is removed on close");
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"STREAM", "SEQPACKET"})
    void echoOverAnAbstractName(SocketType type) throws Exception {
        Address name = Address.abstractName(unique());
        try (Endpoint server = Sockets.open(Family.UNIX, type)) {
            server.bind(name).listen(5);
            assertEquals(name, server.localAddress());
            CompletableFuture<Void> done = echoOnce(server);
            try (Endpoint client = Sockets.open(Family.UNIX, type)) {
                client.timeout(Duration.ofSeconds(30)).connect(name);
                client.sendAll(ascii("abstract"));
                assertEquals("abstract", new String(client.recv(1024), StandardCharsets.US_ASCII));
            }
            done.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void abstractNamesAreExactBytesWithoutATrailingNul() throws IOException {
        String base = unique();
        try (Endpoint a = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint b = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            a.bind(Address.unix("\0" + base));
            // "\0name\0" is a different abstract name from "\0name": both bind.
            b.bind(Address.abstractName(base + "\0"));
            assertEquals(Address.abstractName(base), a.localAddress());
            assertEquals(Address.abstractName(base + "\0"), b.localAddress());
        }
    }

    @Test
    void datagramsCarryTheirSenderAndAnUnnamedSenderIsExplicit() throws IOException {
        Path pa = dir.resolve("a.sock");
        Path pb = dir.resolve("b.sock");
        try (Endpoint a = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint b = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint anon = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            a.bind(Address.unix(pa)).timeout(Duration.ofSeconds(30));
            b.bind(Address.unix(pb)).timeout(Duration.ofSeconds(30));
            assertEquals(5, b.sendTo(ascii("hello"), Address.unix(pa)));
            Datagram d = a.recvFrom(100);
            assertEquals("hello", new String(d.data(), StandardCharsets.US_ASCII));
            assertEquals(Address.unix(pb), d.sender());
            anon.sendTo(ascii("who?"), Address.unix(pa));
            Datagram d2 = a.recvFrom(100);
            assertEquals(Address.unnamed(), d2.sender());
            assertInstanceOf(Address.UnixUnnamed.class, d2.sender());
            // Truncation is reported with the real length.
            b.sendTo(new byte[300], Address.unix(pa));
            Datagram cut = a.recvFrom(100);
            assertTrue(cut.truncated());
            assertEquals(100, cut.data().length);
            assertEquals(300, cut.originalLength());
            // Connected datagram endpoints use send / recv.
            b.connect(Address.unix(pa));
            b.send(ascii("connected"));
            assertEquals("connected", new String(a.recv(100), StandardCharsets.US_ASCII));
        }
        assertFalse(Files.exists(pa));
        assertFalse(Files.exists(pb));
    }

    @Test
    void seqpacketKeepsMessageBoundaries() throws Exception {
        try (EndpointPair pair = Sockets.pair(Family.UNIX, SocketType.SEQPACKET)) {
            pair.first().sendAll(ascii("one"));
            pair.first().sendAll(ascii("two"));
            pair.second().timeout(Duration.ofSeconds(30));
            assertEquals("one", new String(pair.second().recv(100), StandardCharsets.US_ASCII));
            assertEquals("two", new String(pair.second().recv(100), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void bulkStreamWithDirectAndHeapBuffersArrivesIntact() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 11));
        }
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM)) {
            pair.first().timeout(Duration.ofSeconds(60));
            pair.second().timeout(Duration.ofSeconds(60));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    pair.first().sendAll(data);
                    pair.first().shutdown(Shutdown.WRITE);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            ByteBuffer got = ByteBuffer.allocate(data.length);
            ByteBuffer direct = ByteBuffer.allocateDirect(65536);
            boolean useDirect = false;
            // Bounded: ends at end of stream, which the shutdown above guarantees.
            while (true) {
                int n;
                if (useDirect) {
                    direct.clear();
                    n = pair.second().recv(direct);
                    direct.flip();
                    got.put(direct);
                } else {
                    ByteBuffer slice = got.slice(got.position(), Math.min(got.remaining(), 70000));
                    n = slice.hasRemaining() ? pair.second().recv(slice) : pair.second().recv(ByteBuffer.allocate(1));
                    got.position(got.position() + n);
                }
                if (n == 0) {
                    break;
                }
                useDirect = !useDirect;
            }
            sender.get(60, TimeUnit.SECONDS);
            assertArrayEquals(data, got.array());
        }
    }

    @Test
    void aPathTooLongIsAClearErrorNotATruncatedName() throws IOException {
        String longName = "x".repeat(120);
        Path p = dir.resolve(longName);
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            var ex = assertThrows(IllegalArgumentException.class, () -> e.bind(Address.unix(p)));
            assertTrue(ex.getMessage().contains("too long") && ex.getMessage().contains(longName) && ex.getMessage().contains("107"), ex.getMessage());
            var ex2 = assertThrows(IllegalArgumentException.class, () -> e.connect(Address.unix(p)));
            assertTrue(ex2.getMessage().contains("connect"), ex2.getMessage());
        }
        // 107 bytes fit exactly (with the NUL, 108).
        Path exact = Path.of("/tmp/" + "y".repeat(107 - 5));
        assertEquals(107, exact.toString().length());
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            Files.deleteIfExists(exact);
            e.bind(Address.unix(exact));
            assertEquals(Address.unix(exact), e.localAddress());
        }
        assertFalse(Files.exists(exact));
    }

    @Test
    void connectToNoSuchFileNamesThePath() throws IOException {
        Path p = dir.resolve("nobody-here.sock");
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            var ex = assertThrows(NoSuchFileException.class, () -> e.connect(Address.unix(p)));
            assertTrue(ex.getMessage().contains(p.toString()), ex.getMessage());
            assertFalse(e.isOpen(), "a stream endpoint whose connect failed is closed (the Endpoint contract)");
        }
        try (Endpoint d = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            assertThrows(NoSuchFileException.class, () -> d.connect(Address.unix(p)));
            assertTrue(d.isOpen(), "a datagram endpoint stays open");
        }
    }

    @Test
    void connectToADeadSocketFileIsRefusedAndStaleFilesFollowThePolicy() throws IOException {
        Path p = dir.resolve("stale.sock");
        // A socket file nobody listens on: bind without listen, then "die" without unlinking.
        try (Endpoint dead = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            dead.bind(Address.unix(p));
        }
        assertFalse(Files.exists(p));
        // Closing removed it; make a file that stays, as a crashed process would leave it.
        makeStaleSocketFile(p);
        assertTrue(Files.exists(p));
        try (Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            var ex = assertThrows(ConnectException.class, () -> c.connect(Address.unix(p)));
            assertTrue(ex.getMessage().contains(p.toString()) && ex.getMessage().contains("ECONNREFUSED"), ex.getMessage());
        }
        try (UnixEndpoint s = UnixEndpoint.open(SocketType.STREAM)) {
            var ex = assertThrows(BindException.class, () -> s.bind(Address.unix(p)));
            assertTrue(ex.getMessage().contains(p.toString()) && ex.getMessage().contains("withStale"), ex.getMessage());
            s.bind(Address.unix(p), BindOptions.defaults().withStale(BindOptions.StaleFile.REPLACE)).listen(1);
            // A live socket is never replaced.
            try (UnixEndpoint t = UnixEndpoint.open(SocketType.STREAM)) {
                var live = assertThrows(BindException.class, () -> t.bind(Address.unix(p), BindOptions.defaults().withStale(BindOptions.StaleFile.REPLACE)));
                assertTrue(live.getMessage().contains("live socket"), live.getMessage());
            }
        }
        assertFalse(Files.exists(p));
        // A regular file is never replaced.
        Files.writeString(p, "not a socket");
        try (UnixEndpoint s = UnixEndpoint.open(SocketType.STREAM)) {
            assertThrows(BindException.class, () -> s.bind(Address.unix(p), BindOptions.defaults().withStale(BindOptions.StaleFile.REPLACE)));
        }
        assertEquals("not a socket", Files.readString(p));
    }

    /** Leaves a socket file with no socket behind it: bind in a socket pair's... simply rename a bound file away. */
    private static void makeStaleSocketFile(Path p) throws IOException {
        Path tmp = p.resolveSibling("tmp-" + UUID.randomUUID().toString().substring(0, 8));
        try (Endpoint e = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            e.bind(Address.unix(tmp));
            // Moving the file means close() no longer finds it to remove: it stays, dead.
            Files.move(tmp, p);
        }
    }

    @Test
    void theFileModeIsSetAtBind() throws IOException {
        Path p = dir.resolve("mode.sock");
        try (UnixEndpoint s = UnixEndpoint.open(SocketType.STREAM)) {
            s.bind(Address.unix(p), BindOptions.defaults().withMode(PosixFilePermissions.fromString("rw-------")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        try (UnixEndpoint s = UnixEndpoint.open(SocketType.STREAM)) {
            s.bind(Address.unix(p), BindOptions.defaults().withMode(PosixFilePermissions.fromString("rw-rw-rw-")));
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
    }

    @Test
    void aFileReplacedByAnotherIsNotRemovedAtClose() throws IOException {
        Path p = dir.resolve("replaced.sock");
        try (Endpoint s = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            s.bind(Address.unix(p));
            Files.delete(p);
            Files.writeString(p, "someone else's");
        }
        assertEquals("someone else's", Files.readString(p));
    }

    @Test
    void peerCredentialsAreThisProcessOnBothEnds() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM)) {
            PeerCredentials c = UnixEndpoint.of(pair.first()).peerCredentials();
            assertEquals(pid, c.pid());
            assertEquals(c, pair.second().option(Options.SO_PEERCRED));
        }
        Path p = dir.resolve("cred.sock");
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            server.bind(Address.unix(p)).listen(1);
            try (Endpoint client = Sockets.open(Family.UNIX, SocketType.STREAM).connect(Address.unix(p));
                 Endpoint conn = server.timeout(Duration.ofSeconds(30)).accept()) {
                assertEquals(pid, conn.option(Options.SO_PEERCRED).pid());
                assertEquals(pid, client.option(Options.SO_PEERCRED).pid());
            }
            var ex = assertThrows(EndpointStateException.class, () -> server.option(Options.SO_PEERCRED));
            assertTrue(ex.getMessage().contains("UNIX/STREAM") && ex.getMessage().contains("listening"), ex.getMessage());
            assertThrows(UnsupportedEndpointOperationException.class, () -> server.option(Options.SO_PEERCRED, new PeerCredentials(1, 2, 3)));
        }
    }

    @Test
    void peerClosedIsEndOfStreamThenBrokenPipe() throws Exception {
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM)) {
            pair.second().close();
            pair.first().timeout(Duration.ofSeconds(30));
            assertEquals(0, pair.first().recv(ByteBuffer.allocate(10)));
            var ex = assertThrows(SocketException.class, () -> pair.first().sendAll(new byte[10]));
            assertTrue(ex.getMessage().contains("EPIPE") && ex.getMessage().contains("peer closed"), ex.getMessage());
        }
    }

    /** Timed recv, send, sendAll and accept on pairs are in the contract suite; these name a path or use recvFrom. */
    @Test
    void timeoutsOfAcceptOnAPathAndOfRecvFromNameThem() throws IOException {
        Path p = dir.resolve("t.sock");
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM);
             Endpoint dgram = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            server.bind(Address.unix(p)).listen(1).timeout(Duration.ofMillis(200));
            var ex = assertThrows(SocketTimeoutException.class, server::accept);
            assertTrue(ex.getMessage().contains("accept") && ex.getMessage().contains(p.toString()) && ex.getMessage().contains("200 ms"), ex.getMessage());
            dgram.bind(Address.abstractName(unique())).timeout(Duration.ofMillis(200));
            assertThrows(SocketTimeoutException.class, () -> dgram.recvFrom(10));
            assertTrue(dgram.isOpen(), "a timeout leaves the endpoint open");
        }
    }

    @Test
    void anEndpointDroppedWithoutCloseIsClosedByTheCleaner() throws Exception {
        int before = Fds.count();
        UnixEndpoint.pair(SocketType.DGRAM); // dropped: a caller's bug the cleaner mends
        assertEquals(before + 2, Fds.count());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Bounded by the deadline: each pass asks for a collection and gives the cleaner time.
        while (Fds.count() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(before, Fds.count());
    }

    @Test
    void misuseNamesFamilyTypeAndState() throws IOException {
        try (Endpoint d = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint s = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            var l = assertThrows(UnsupportedEndpointOperationException.class, () -> d.listen(1));
            assertTrue(l.getMessage().contains("UNIX/DGRAM"), l.getMessage());
            var r = assertThrows(EndpointStateException.class, () -> s.recv(10));
            assertTrue(r.getMessage().contains("UNIX/STREAM") && r.getMessage().contains("not connected"), r.getMessage());
            var a = assertThrows(EndpointStateException.class, s::accept);
            assertTrue(a.getMessage().contains("listening"), a.getMessage());
            var st = assertThrows(UnsupportedEndpointOperationException.class, () -> s.sendTo(new byte[1], Address.abstractName("x")));
            assertTrue(st.getMessage().contains("UNIX/STREAM"), st.getMessage());
            var inet = assertThrows(IllegalArgumentException.class, () -> s.connect(Address.of("127.0.0.1", 80)));
            assertTrue(inet.getMessage().contains("INET"), inet.getMessage());
            s.close();
            var c = assertThrows(EndpointClosedException.class, () -> s.bind(Address.abstractName("y")));
            assertTrue(c.getMessage().contains("closed"), c.getMessage());
            s.close(); // idempotent
        }
    }

    @Test
    void bindingTheUnnamedAddressAutobindsAnAbstractName() throws IOException {
        try (Endpoint d = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            d.bind(Address.unnamed());
            assertInstanceOf(Address.UnixAbstract.class, d.localAddress());
        }
    }

    @Test
    void listenWithoutBindTakesAnAutomaticAbstractName() throws Exception {
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            server.listen(1);
            Address name = server.localAddress();
            assertInstanceOf(Address.UnixAbstract.class, name);
            CompletableFuture<Void> done = echoOnce(server);
            try (Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM)) {
                c.timeout(Duration.ofSeconds(30)).connect(name);
                c.sendAll(ascii("auto"));
                assertEquals("auto", new String(c.recv(10), StandardCharsets.US_ASCII));
            }
            done.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentDatagramReceiversEachGetTheirOwnSender() throws Exception {
        // Two threads in recvFrom on one endpoint take turns; each datagram's sender must be
        // the one that sent it (the sender is decoded before the next reader may run).
        Address rxName = Address.abstractName(unique());
        int perSender = 200;
        try (Endpoint rx = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint a = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint b = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            rx.bind(rxName).timeout(Duration.ofSeconds(30));
            rx.option(Options.SO_RCVBUF, 1 << 20);
            Address an = Address.abstractName(unique() + "-a");
            Address bn = Address.abstractName(unique() + "-b");
            a.bind(an).timeout(Duration.ofSeconds(30));
            b.bind(bn).timeout(Duration.ofSeconds(30));
            java.util.concurrent.ConcurrentLinkedQueue<String> bad = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
            Runnable reader = () -> {
                try {
                    while (got.get() < 2 * perSender) {
                        Datagram d = rx.recvFrom(16);
                        got.incrementAndGet();
                        Address expected = d.data()[0] == 'a' ? an : bn;
                        if (!d.sender().equals(expected)) {
                            bad.add(new String(d.data(), StandardCharsets.US_ASCII) + " from " + d.sender());
                        }
                    }
                } catch (AsynchronousCloseException | EndpointClosedException done) {
                    // the other reader took the last datagram; the test closed rx to end this one
                } catch (IOException e) {
                    bad.add(e.toString());
                }
            };
            Thread r1 = Thread.ofVirtual().start(reader);
            Thread r2 = Thread.ofVirtual().start(reader);
            for (int i = 0; i < perSender; i++) {
                a.sendTo(ascii("a" + i), rxName);
                b.sendTo(ascii("b" + i), rxName);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.get() < 2 * perSender && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            rx.close(); // wakes whichever reader is still waiting
            r1.join(Duration.ofSeconds(60));
            r2.join(Duration.ofSeconds(60));
            assertTrue(bad.isEmpty(), bad.toString());
            assertEquals(2 * perSender, got.get());
        }
    }

    @Test
    void sendToAFullDatagramQueueTimesOutAndThenDeliversWhenDrained() throws IOException {
        Address rxName = Address.abstractName(unique());
        try (Endpoint rx = Sockets.open(Family.UNIX, SocketType.DGRAM);
             Endpoint tx = Sockets.open(Family.UNIX, SocketType.DGRAM)) {
            rx.bind(rxName).timeout(Duration.ofSeconds(30));
            tx.timeout(Duration.ofMillis(300));
            int sent = 0;
            SocketTimeoutException full = null;
            // Bounded: the receiver's queue (net.unix.max_dgram_qlen, 512 by default) fills first.
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    tx.sendTo(new byte[] {(byte) i}, rxName);
                    sent++;
                } catch (SocketTimeoutException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the queue never filled after " + sent + " datagrams");
            assertTrue(full.getMessage().contains("sendTo " + rxName), full.getMessage());
            assertEquals(0, rx.recvFrom(4).data()[0]);
            tx.timeout(Duration.ofSeconds(30)).sendTo(new byte[] {1}, rxName); // room again
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"DGRAM", "SEQPACKET"})
    void recvOfACutMessageThrowsWithWhatFit(SocketType type) throws IOException {
        try (EndpointPair pair = UnixEndpoint.pair(type)) {
            pair.second().timeout(Duration.ofSeconds(30));
            pair.first().sendAll(ascii("0123456789"));
            ByteBuffer small = ByteBuffer.allocate(4);
            var ex = assertThrows(org.sockets.api.DatagramTruncatedException.class, () -> pair.second().recv(small));
            assertEquals("0123", new String(ex.datagram().data(), StandardCharsets.US_ASCII));
            assertEquals(10, ex.datagram().originalLength());
            assertEquals(4, small.position(), "the part that fit is in the buffer too");
            assertTrue(ex.getMessage().contains("10 bytes") && ex.getMessage().contains("UNIX/" + type), ex.getMessage());
            // A message that fits is returned as usual; the endpoint is still usable.
            pair.first().sendAll(ascii("ok"));
            assertEquals("ok", new String(pair.second().recv(10), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void bindInAMissingDirectoryIsNoSuchFile() throws IOException {
        Path p = dir.resolve("missing/dir/x.sock");
        try (Endpoint s = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            var ex = assertThrows(NoSuchFileException.class, () -> s.bind(Address.unix(p)));
            assertTrue(ex.getMessage().contains(p.toString()), ex.getMessage());
        }
    }

    @Test
    void aCallWokenByCloseNeverTouchesADescriptorNumberReusedAfterIt() throws Exception {
        assertWokenCallNeverTouchesAReusedNumber(Thread.ofVirtual(), 100);
    }

    /**
     * close() while a thread of the given kind is blocked in recv; new sockets opened right after
     * take the freed numbers. The woken call must fail (AsynchronousCloseException), or, if its
     * last attempt was already under way when close came, end as the old socket would (end of
     * stream: its peer closed too) — but never consume data from the new socket that reused its
     * number. Shared with PlatformThreadWaitTest, which runs it on platform threads.
     */
    static void assertWokenCallNeverTouchesAReusedNumber(Thread.Builder threads, int rounds) throws Exception {
        int completedQuietly = 0;
        for (int round = 0; round < rounds; round++) {
            EndpointPair old = UnixEndpoint.pair(SocketType.STREAM);
            CompletableFuture<Object> parked = new CompletableFuture<>();
            threads.start(() -> {
                try {
                    parked.complete(old.first().recv(64));
                } catch (Throwable e) {
                    parked.complete(e);
                }
            });
            Thread.sleep(2);
            old.close();
            try (EndpointPair fresh = UnixEndpoint.pair(SocketType.STREAM)) {
                fresh.second().sendAll(ascii("for the new socket only"));
                Object r = parked.get(30, TimeUnit.SECONDS);
                if (r instanceof byte[] b) {
                    assertEquals(0, b.length, "round " + round + ": the closed endpoint read " + b.length + " bytes");
                    completedQuietly++;
                } else {
                    assertTrue(r instanceof AsynchronousCloseException || r instanceof EndpointClosedException, "round " + round + ": " + r);
                }
                fresh.first().timeout(Duration.ofSeconds(30));
                assertEquals("for the new socket only", new String(fresh.first().recv(64), StandardCharsets.US_ASCII), "round " + round);
            }
        }
        assertTrue(completedQuietly < rounds, "most rounds must see the close as an exception");
    }

    @Test
    void connectToAFullBacklogTimesOut() throws Exception {
        Path p = dir.resolve("full.sock");
        java.util.List<Endpoint> clients = new java.util.ArrayList<>();
        try (Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            server.bind(Address.unix(p)).listen(0);
            SocketTimeoutException timedOut = null;
            // Bounded: the kernel queues at most backlog + 1 connections nobody accepts.
            for (int i = 0; i < 10 && timedOut == null; i++) {
                Endpoint c = Sockets.open(Family.UNIX, SocketType.STREAM);
                clients.add(c);
                try {
                    c.timeout(Duration.ofMillis(300)).connect(Address.unix(p));
                } catch (SocketTimeoutException e) {
                    timedOut = e;
                }
            }
            assertTrue(timedOut != null, "a connect to a full backlog timed out");
            assertTrue(timedOut.getMessage().contains(p.toString()), timedOut.getMessage());
        } finally {
            clients.forEach(Endpoint::close);
        }
    }

    @Test
    void streamsOverInputAndOutputStreams() throws Exception {
        try (EndpointPair pair = UnixEndpoint.pair(SocketType.STREAM)) {
            pair.first().outputStream().write(ascii("via streams"));
            pair.first().shutdown(Shutdown.WRITE);
            assertEquals("via streams", new String(pair.second().timeout(Duration.ofSeconds(30)).inputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }
}
