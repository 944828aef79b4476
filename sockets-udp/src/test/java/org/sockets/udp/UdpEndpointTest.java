package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.ABSENT;
import static org.sockets.udp.Udp.WAIT;
import static org.sockets.udp.Udp.bound;
import static org.sockets.udp.Udp.bytes;
import static org.sockets.udp.Udp.loopback;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Received;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.testkit.NoDescriptorLeaks;

/** Datagrams on loopback, IPv4 and IPv6: addressing, connected mode, truncation, sizes, errors, timeouts, close. */
@ExtendWith(NoDescriptorLeaks.class)
class UdpEndpointTest {

    // ---------------------------------------------------------------- sendTo / recvFrom

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void sendToAndRecvFromCarryPayloadAndSender(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            byte[] payload = "hello, datagram".getBytes(StandardCharsets.US_ASCII);
            assertEquals(payload.length, a.sendTo(payload, b.localAddress()));
            Datagram d = b.recvFrom(1024);
            assertArrayEquals(payload, d.data());
            assertEquals(a.localAddress(), d.sender());
            assertFalse(d.truncated());
            assertEquals(f, ((Address.Ip) d.sender()).family());
            // and back, to the sender it reported
            b.sendTo("ok".getBytes(StandardCharsets.US_ASCII), d.sender());
            assertEquals("ok", new String(a.recvFrom(16).data(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void datagramBoundariesAreKeptAndEmptyDatagramsArrive(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            Address to = b.localAddress();
            a.sendTo(bytes(300, 1), to);
            a.sendTo(new byte[0], to);
            a.sendTo(bytes(7, 2), to);
            assertArrayEquals(bytes(300, 1), b.recvFrom(4096).data());
            Received empty = b.recvFrom(ByteBuffer.allocate(64));
            assertEquals(0, empty.length());
            assertEquals(0, empty.originalLength());
            assertFalse(empty.truncated());
            assertArrayEquals(bytes(7, 2), b.recvFrom(4096).data());
        }
    }

    @Test
    void anUnboundEndpointSendsFromAnImplicitPortAndThenCannotBind() throws IOException {
        try (Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM); Endpoint b = bound(Family.INET)) {
            assertEquals(Address.of(InetAddress.ofLiteral("0.0.0.0"), 0), a.localAddress(), "Python's getsockname before bind");
            a.sendTo(new byte[] {1}, b.localAddress());
            Datagram d = b.recvFrom(8);
            int port = ((Address.Ip) a.localAddress()).port();
            assertTrue(port > 0);
            assertEquals(port, ((Address.Ip) d.sender()).port());
            var e = assertThrows(EndpointStateException.class, () -> a.bind(Address.of("127.0.0.1", 0)));
            assertTrue(e.getMessage().contains("already bound") && e.getMessage().contains("INET/DGRAM"), e.getMessage());
        }
    }

    @Test
    void hostNamesResolveInTheEndpointsFamily() throws IOException {
        try (Endpoint a = bound(Family.INET); Endpoint b = bound(Family.INET)) {
            int port = ((Address.Ip) b.localAddress()).port();
            a.sendTo(new byte[] {1}, Address.of("localhost", port));
            assertEquals(a.localAddress(), b.recvFrom(8).sender());
            a.connect(Address.of("localhost", port));
            assertEquals(Address.of("127.0.0.1", port), a.peerAddress());
        }
    }

    @Test
    void theProcessWideDefaultTimeoutApplies() throws IOException {
        Sockets.defaultTimeout(Duration.ofMillis(150));
        try (Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM)) {
            assertEquals(Duration.ofMillis(150), a.timeout().orElseThrow());
            a.bind(Address.of("127.0.0.1", 0));
            assertThrows(SocketTimeoutException.class, () -> a.recvFrom(8));
        } finally {
            Sockets.clearDefaultTimeout();
        }
    }

    @Test
    void anInet6EndpointReachesIpv4Peers() throws IOException {
        try (Endpoint v6 = Sockets.open(Family.INET6, SocketType.DGRAM).timeout(WAIT); Endpoint v4 = bound(Family.INET)) {
            v6.bind(Address.of("", 0));
            v6.sendTo(new byte[] {42}, v4.localAddress());
            Datagram d = v4.recvFrom(8);
            assertArrayEquals(new byte[] {42}, d.data());
            assertEquals(Family.INET, ((Address.Ip) d.sender()).family());
            v4.sendTo(new byte[] {43}, Address.of("127.0.0.1", ((Address.Ip) v6.localAddress()).port()));
            Datagram back = v6.recvFrom(8);
            assertArrayEquals(new byte[] {43}, back.data());
            // The JDK reports a v4-mapped sender as the IPv4 address (Python shows ::ffff:127.0.0.1).
            assertEquals(v4.localAddress(), back.sender());
        }
    }

    // ---------------------------------------------------------------- truncation

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void recvFromReportsTruncationWithTheRealLength(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            a.sendTo(bytes(1000, 3), b.localAddress());
            a.sendTo(bytes(20, 4), b.localAddress());
            Datagram d = b.recvFrom(100);
            assertTrue(d.truncated());
            assertEquals(1000, d.originalLength());
            assertArrayEquals(Arrays.copyOf(bytes(1000, 3), 100), d.data());
            assertEquals(a.localAddress(), d.sender());
            // the tail is gone, not delivered as the next datagram
            Datagram next = b.recvFrom(100);
            assertArrayEquals(bytes(20, 4), next.data());
            assertFalse(next.truncated());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void recvFromIntoBuffersOfEveryKindReportsTruncation(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            byte[] big = bytes(5000, 5);
            for (ByteBuffer dst : new ByteBuffer[] {
                    ByteBuffer.allocate(4000).position(10).limit(1010),  // heap, offset: 1000 bytes of room
                    ByteBuffer.allocateDirect(1000),                     // direct, small: through the scratch buffer
                    ByteBuffer.allocateDirect(70_000),                   // direct, large: received straight in
            }) {
                int start = dst.position();
                a.sendTo(big, b.localAddress());
                Received r = b.recvFrom(dst);
                int room = dst.capacity() == 70_000 ? 5000 : 1000;
                assertEquals(room, r.length(), dst.toString());
                assertEquals(5000, r.originalLength());
                assertEquals(room < 5000, r.truncated());
                assertEquals(start + room, dst.position());
                byte[] got = new byte[room];
                dst.get(start, got);
                assertArrayEquals(Arrays.copyOf(big, room), got);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void recvThrowsOnTruncationWithThePartThatFit(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            a.sendTo(bytes(64, 6), b.localAddress());
            ByteBuffer dst = ByteBuffer.allocate(16);
            var e = assertThrows(DatagramTruncatedException.class, () -> b.recv(dst));
            assertEquals(16, dst.position(), "the part that fit is in the buffer");
            assertArrayEquals(Arrays.copyOf(bytes(64, 6), 16), e.datagram().data());
            assertEquals(64, e.datagram().originalLength());
            assertEquals(a.localAddress(), e.datagram().sender());
            assertTrue(e.getMessage().contains("64 bytes") && e.getMessage().contains("16 bytes"), e.getMessage());
            a.sendTo(bytes(64, 7), b.localAddress());
            var e2 = assertThrows(DatagramTruncatedException.class, () -> b.recv(10));
            assertArrayEquals(Arrays.copyOf(bytes(64, 7), 10), e2.datagram().data());
            // a datagram that fits is not an error
            a.sendTo(bytes(10, 8), b.localAddress());
            assertArrayEquals(bytes(10, 8), b.recv(10));
        }
    }

    // ---------------------------------------------------------------- sizes

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void theLargestPayloadArrivesWholeAndOneByteMoreFailsClearly(Family f) throws IOException {
        int limit = f == Family.INET ? 65_507 : 65_527;
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            b.option(org.sockets.api.Options.SO_RCVBUF, 1 << 20);
            byte[] max = bytes(limit, 9);
            assertEquals(limit, a.sendTo(max, b.localAddress()));
            Datagram d = b.recvFrom(70_000);
            assertEquals(limit, d.data().length);
            assertArrayEquals(max, d.data());
            a.sendTo(max, b.localAddress());
            Datagram cut = b.recvFrom(1000);
            assertEquals(limit, cut.originalLength(), "the real length of a maximal datagram is known");

            var e = assertThrows(SocketException.class, () -> a.sendTo(new byte[limit + 1], b.localAddress()));
            assertTrue(e.getMessage().contains(String.valueOf(limit + 1)) && e.getMessage().contains(String.valueOf(limit))
                    && e.getMessage().contains(b.localAddress().toString()), e.getMessage());
            a.connect(b.localAddress());
            var e2 = assertThrows(SocketException.class, () -> a.send(new byte[limit + 1]));
            assertTrue(e2.getMessage().contains("limit of " + limit), e2.getMessage());
        }
    }

    @Test
    void anInet6EndpointSendingToIpv4UsesTheIpv4Limit() throws IOException {
        try (Endpoint v6 = Sockets.open(Family.INET6, SocketType.DGRAM); Endpoint v4 = bound(Family.INET)) {
            var e = assertThrows(SocketException.class, () -> v6.sendTo(new byte[65_508], v4.localAddress()));
            assertTrue(e.getMessage().contains("IPv4 UDP payload limit of 65507"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- connected mode

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void connectFixesThePeerAndFiltersOthers(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f); Endpoint stranger = bound(f)) {
            b.connect(a.localAddress());
            assertEquals(a.localAddress(), b.peerAddress());
            // The stranger's datagram is sent first; if the filter failed it would be received first.
            stranger.sendTo("stranger".getBytes(StandardCharsets.US_ASCII), b.localAddress());
            a.sendTo("peer".getBytes(StandardCharsets.US_ASCII), b.localAddress());
            assertEquals("peer", new String(b.recv(64), StandardCharsets.US_ASCII));
            b.timeout(ABSENT);
            assertThrows(SocketTimeoutException.class, () -> b.recv(64), "the stranger's datagram is not delivered");

            // send / recv / recvFrom on the connected endpoint
            b.timeout(WAIT);
            assertEquals(4, b.send("pong".getBytes(StandardCharsets.US_ASCII)));
            Datagram d = a.recvFrom(64);
            assertEquals(b.localAddress(), d.sender());
            a.sendTo(new byte[] {5}, b.localAddress());
            Datagram viaRecvFrom = b.recvFrom(8);
            assertEquals(a.localAddress(), viaRecvFrom.sender());
            // sendAll sends exactly one datagram
            b.sendAll(bytes(3, 1));
            assertArrayEquals(bytes(3, 1), a.recvFrom(8).data());
            // The JDK cannot send an empty datagram on a connected channel: refused, not lost silently.
            var empty = assertThrows(UnsupportedEndpointOperationException.class, () -> b.send(new byte[0]));
            assertTrue(empty.getMessage().contains("empty datagram"), empty.getMessage());
            // sendTo the peer itself is allowed; to anyone else it is misuse
            b.sendTo(new byte[] {6}, a.localAddress());
            assertArrayEquals(new byte[] {6}, a.recvFrom(8).data());
            var e = assertThrows(EndpointStateException.class, () -> b.sendTo(new byte[] {7}, stranger.localAddress()));
            assertTrue(e.getMessage().contains("connected to " + a.localAddress()), e.getMessage());

            // connect again moves to another peer, as Python allows
            b.connect(stranger.localAddress());
            assertEquals(stranger.localAddress(), b.peerAddress());
            a.sendTo("old peer".getBytes(StandardCharsets.US_ASCII), b.localAddress());
            stranger.sendTo("new peer".getBytes(StandardCharsets.US_ASCII), b.localAddress());
            assertEquals("new peer", new String(b.recv(64), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void datagramsFromThePeerQueuedBeforeConnectAreKept(Family f) throws IOException {
        // The server pattern: receive a client's first datagram, then connect to that client.
        // The JDK's connect flushes the queue; the client's second and third datagrams must survive it.
        try (Endpoint server = bound(f); Endpoint client = bound(f); Endpoint stranger = bound(f)) {
            client.sendTo("first".getBytes(StandardCharsets.US_ASCII), server.localAddress());
            client.sendTo("second".getBytes(StandardCharsets.US_ASCII), server.localAddress());
            stranger.sendTo("stranger".getBytes(StandardCharsets.US_ASCII), server.localAddress());
            client.sendTo(bytes(3000, 1), server.localAddress());
            Datagram first = server.recvFrom(64);
            assertEquals("first", new String(first.data(), StandardCharsets.US_ASCII));
            server.connect(first.sender());
            assertEquals("second", new String(server.recv(64), StandardCharsets.US_ASCII));
            Datagram third = server.recvFrom(100);
            assertEquals(3000, third.originalLength(), "truncation is reported for kept datagrams too");
            assertArrayEquals(Arrays.copyOf(bytes(3000, 1), 100), third.data());
            server.timeout(ABSENT);
            assertThrows(SocketTimeoutException.class, () -> server.recv(64), "the stranger's queued datagram is dropped");
        }
    }

    @Test
    void connectWaitsForAReceiveInProgressAndCloseStillWakesBoth() throws Exception {
        try (Endpoint peer = bound(Family.INET)) {
            Endpoint a = bound(Family.INET).blocking();
            CompletableFuture<Object> receiving = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    receiving.complete(a.recvFrom(8));
                } catch (Throwable e) {
                    receiving.complete(e);
                }
            });
            Thread.sleep(200);
            CompletableFuture<Object> connecting = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    connecting.complete(a.connect(peer.localAddress()));
                } catch (Throwable e) {
                    connecting.complete(e);
                }
            });
            Thread.sleep(200);
            assertFalse(connecting.isDone(), "connect waits for the receive, as the JDK's does: " + connecting.getNow(null));
            a.close();
            assertInstanceOf(ClosedChannelException.class, receiving.get(10, TimeUnit.SECONDS));
            assertInstanceOf(EndpointClosedException.class, connecting.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void recvOnABoundUnconnectedEndpointTakesAnySender(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = bound(f)) {
            a.sendTo(new byte[] {1, 2, 3}, b.localAddress());
            assertArrayEquals(new byte[] {1, 2, 3}, b.recv(8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void anIcmpPortUnreachableSurfacesOnTheConnectedEndpoint(Family f) throws IOException {
        int closed = Udp.closedPort(f);
        try (Endpoint a = bound(f)) {
            Address nobody = Address.of(loopback(f), closed);
            a.connect(nobody);
            a.send("anyone?".getBytes(StandardCharsets.US_ASCII));
            var e = assertThrows(PortUnreachableException.class, () -> a.recv(64));
            assertTrue(e.getMessage().contains(nobody.toString()) && e.getMessage().contains("port unreachable"), e.getMessage());
            assertTrue(a.isOpen(), "the endpoint stays usable");
        }
    }

    @Test
    void sendWithoutAPeerIsMisuse() throws IOException {
        try (Endpoint a = bound(Family.INET)) {
            var e = assertThrows(EndpointStateException.class, () -> a.send(new byte[] {1}));
            assertTrue(e.getMessage().contains("INET/DGRAM") && e.getMessage().contains("not connected"), e.getMessage());
            var p = assertThrows(EndpointStateException.class, a::peerAddress);
            assertTrue(p.getMessage().contains("not connected"), p.getMessage());
        }
    }

    // ---------------------------------------------------------------- broadcast

    @Test
    void broadcastWithoutSoBroadcastIsAClearError() throws IOException {
        try (Endpoint a = bound(Family.INET)) {
            assertFalse(a.option(org.sockets.api.Options.SO_BROADCAST));
            // The kernel refuses before anything leaves the machine (EACCES).
            var e = assertThrows(SocketException.class, () -> a.sendTo(new byte[] {1}, Address.of("<broadcast>", 9)));
            assertFalse(e instanceof BindException, "not the JDK's misleading BindException");
            assertTrue(e.getMessage().contains("SO_BROADCAST") && e.getMessage().contains("255.255.255.255"), e.getMessage());
            var c = assertThrows(SocketException.class, () -> a.connect(Address.of("<broadcast>", 9)));
            assertTrue(c.getMessage().contains("SO_BROADCAST"), c.getMessage());
        }
    }

    @Test
    void aLoopbackDirectedBroadcastIsDeliveredWithSoBroadcast() throws IOException {
        // 127.255.255.255 is lo's broadcast address: a real broadcast that stays on loopback.
        try (Endpoint rx = Sockets.open(Family.INET, SocketType.DGRAM).timeout(WAIT); Endpoint tx = bound(Family.INET)) {
            rx.bind(Address.of("", 0));
            Address to = Address.of("127.255.255.255", ((Address.Ip) rx.localAddress()).port());
            var e = assertThrows(SocketException.class, () -> tx.sendTo(new byte[] {1}, to));
            assertTrue(e.getMessage().contains("SO_BROADCAST"), e.getMessage());
            tx.option(org.sockets.api.Options.SO_BROADCAST, true);
            tx.sendTo("to all".getBytes(StandardCharsets.US_ASCII), to);
            Datagram d = rx.recvFrom(64);
            assertEquals("to all", new String(d.data(), StandardCharsets.US_ASCII));
            assertEquals(tx.localAddress(), d.sender());
        }
    }

    // ---------------------------------------------------------------- timeouts, close, interrupt

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void everyReceiveIsBoundedByTheTimeout(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint peer = bound(f)) {
            a.timeout(Duration.ofMillis(200));
            long t0 = System.nanoTime();
            var e = assertThrows(SocketTimeoutException.class, () -> a.recvFrom(64));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "waited for the timeout");
            assertTrue(e.getMessage().contains("recvFrom") && e.getMessage().contains("timed out after 200 ms"), e.getMessage());
            assertThrows(SocketTimeoutException.class, () -> a.recv(64));
            assertThrows(SocketTimeoutException.class, () -> a.recvFrom(ByteBuffer.allocate(8)));
            a.connect(peer.localAddress());
            assertThrows(SocketTimeoutException.class, () -> a.recv(64));
            // still usable, and a timed send works
            assertTrue(a.isOpen());
            a.send(new byte[] {9});
            assertArrayEquals(new byte[] {9}, peer.recv(8));
            peer.sendTo(new byte[] {10}, a.localAddress());
            assertArrayEquals(new byte[] {10}, a.recv(8));
            // back to blocking: the datagram is already there, so the call returns
            a.blocking();
            assertTrue(a.timeout().isEmpty());
            peer.sendTo(new byte[] {11}, a.localAddress());
            assertArrayEquals(new byte[] {11}, a.recv(8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeFromAnotherThreadWakesABlockedReceive(Family f) throws Exception {
        for (boolean timed : new boolean[] {false, true}) {
            Endpoint a = bound(f);
            if (!timed) {
                a.blocking();
            } else {
                a.timeout(Duration.ofSeconds(30));
            }
            CompletableFuture<Object> blocked = new CompletableFuture<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    blocked.complete(a.recvFrom(64));
                } catch (Throwable e) {
                    blocked.complete(e);
                }
            });
            Thread.sleep(200); // let it block; if it has not yet, it finds the endpoint closed: also an answer
            a.close();
            Object outcome = blocked.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ClosedChannelException.class, outcome, "timed=" + timed + ": " + outcome);
            assertTrue(outcome instanceof AsynchronousCloseException || outcome instanceof EndpointClosedException, "timed=" + timed + ": " + outcome);
            t.join(Duration.ofSeconds(5));
            assertFalse(a.isOpen());
        }
    }

    @Test
    void interruptingABlockedReceiveClosesTheEndpoint() throws Exception {
        Endpoint a = bound(Family.INET).blocking();
        CompletableFuture<Object> blocked = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                blocked.complete(a.recvFrom(64));
            } catch (Throwable e) {
                blocked.complete(e);
            }
        });
        Thread.sleep(200);
        t.interrupt();
        Object outcome = blocked.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ClosedByInterruptException.class, outcome);
        assertFalse(a.isOpen());
        a.close();
    }

    @Test
    void twoReceiversTakeTurnsAndEachGetsAWholeDatagram() throws Exception {
        try (Endpoint a = bound(Family.INET); Endpoint b = bound(Family.INET)) {
            b.blocking();
            CompletableFuture<byte[]> r1 = new CompletableFuture<>();
            CompletableFuture<byte[]> r2 = new CompletableFuture<>();
            for (CompletableFuture<byte[]> r : java.util.List.of(r1, r2)) {
                Thread.ofVirtual().start(() -> {
                    try {
                        r.complete(b.recvFrom(100).data());
                    } catch (Throwable e) {
                        r.completeExceptionally(e);
                    }
                });
            }
            a.sendTo(bytes(50, 1), b.localAddress());
            a.sendTo(bytes(60, 2), b.localAddress());
            Set<String> got = new HashSet<>();
            got.add(Arrays.toString(r1.get(10, TimeUnit.SECONDS)));
            got.add(Arrays.toString(r2.get(10, TimeUnit.SECONDS)));
            assertEquals(Set.of(Arrays.toString(bytes(50, 1)), Arrays.toString(bytes(60, 2))), got);
        }
    }

    @Test
    void aClosedEndpointSaysSo() throws IOException {
        Endpoint a = bound(Family.INET6);
        Address local = a.localAddress();
        a.close();
        a.close(); // twice is fine
        assertFalse(a.isOpen());
        for (ThrowingCall call : new ThrowingCall[] {
                () -> a.recvFrom(8), () -> a.recv(8), () -> a.sendTo(new byte[1], local), () -> a.send(new byte[1]),
                () -> a.bind(Address.of("::1", 0)), () -> a.connect(local), a::localAddress,
                () -> a.option(org.sockets.api.Options.SO_RCVBUF),
        }) {
            var e = assertThrows(EndpointClosedException.class, call::run);
            assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("INET6/DGRAM"), e.getMessage());
        }
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    // ---------------------------------------------------------------- misuse and bad input

    @Test
    void streamOperationsAreUnsupported() throws IOException {
        try (Endpoint a = bound(Family.INET)) {
            for (ThrowingCall call : new ThrowingCall[] {() -> a.listen(5), a::accept, () -> a.shutdown(Shutdown.WRITE)}) {
                var e = assertThrows(UnsupportedEndpointOperationException.class, call::run);
                assertTrue(e.getMessage().contains("INET/DGRAM"), e.getMessage());
            }
        }
    }

    @Test
    void badInputGetsTypedErrors() throws IOException {
        try (Endpoint a = bound(Family.INET); Endpoint b = Sockets.open(Family.INET, SocketType.DGRAM)) {
            var twice = assertThrows(EndpointStateException.class, () -> a.bind(Address.of("127.0.0.1", 0)));
            assertTrue(twice.getMessage().contains("is bound"), twice.getMessage());
            var v6 = assertThrows(IllegalArgumentException.class, () -> b.bind(Address.of("::1", 0)));
            assertTrue(v6.getMessage().contains("INET endpoint"), v6.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.sendTo(new byte[1], Address.of("127.0.0.1", 0)));
            assertThrows(IllegalArgumentException.class, () -> a.connect(Address.of("127.0.0.1", 0)));
            assertThrows(IllegalArgumentException.class, () -> a.recvFrom(0));
            assertThrows(IllegalArgumentException.class, () -> a.recv(ByteBuffer.allocate(0)));
            assertThrows(IllegalArgumentException.class, () -> a.recvFrom(ByteBuffer.allocate(8).asReadOnlyBuffer()));
            assertThrows(IllegalArgumentException.class, () -> a.timeout(Duration.ZERO));
            var unix = assertThrows(IllegalArgumentException.class, () -> a.sendTo(new byte[1], Address.unix("/tmp/x")));
            assertTrue(unix.getMessage().contains("Unix-domain"), unix.getMessage());
        }
    }

    @Test
    void recvIntoAReadOnlyBufferIsRefusedBeforeTheDatagramIsTaken() throws IOException {
        try (Endpoint a = bound(Family.INET); Endpoint peer = bound(Family.INET)) {
            peer.sendTo(new byte[] {1, 2, 3}, a.localAddress());
            assertThrows(IllegalArgumentException.class, () -> a.recv(ByteBuffer.allocate(8).asReadOnlyBuffer()));
            assertArrayEquals(new byte[] {1, 2, 3}, a.recvFrom(64).data(), "the datagram is still there");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void aPortInUseFailsBindNamingTheAddress(Family f) throws IOException {
        try (Endpoint a = bound(f); Endpoint b = Sockets.open(f, SocketType.DGRAM)) {
            var e = assertThrows(BindException.class, () -> b.bind(a.localAddress()));
            assertTrue(e.getMessage().contains(String.valueOf(((Address.Ip) a.localAddress()).port())), e.getMessage());
        }
    }

    @Test
    void toStringShowsFamilyTypeAndState() throws IOException {
        try (Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM); Endpoint b = bound(Family.INET)) {
            assertEquals("INET/DGRAM endpoint (new)", a.toString());
            a.bind(Address.of("127.0.0.1", 0));
            assertEquals("INET/DGRAM endpoint bound to " + a.localAddress(), a.toString());
            a.connect(b.localAddress());
            assertEquals("INET/DGRAM endpoint " + a.localAddress() + " -> " + b.localAddress(), a.toString());
            Address local = a.localAddress();
            a.close();
            // The addresses it had, so that a call ended by the close says which endpoint.
            assertEquals("INET/DGRAM endpoint " + local + " -> " + b.localAddress() + " (closed)", a.toString());
        }
    }

    @Test
    void manyVirtualThreadsEchoConcurrently() throws Exception {
        // One server, 200 clients on virtual threads: no lock is held across the blocking calls.
        try (Endpoint server = bound(Family.INET)) {
            Address at = server.localAddress();
            int clients = 200;
            Thread echo = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < clients; i++) {
                        Datagram d = server.recvFrom(64);
                        server.sendTo(d.data(), d.sender());
                    }
                } catch (IOException ignored) {
                    // the test fails on the clients' side
                }
            });
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
                for (int i = 0; i < clients; i++) {
                    byte[] msg = ("client " + i).getBytes(StandardCharsets.US_ASCII);
                    results.add(pool.submit(() -> {
                        try (Endpoint c = bound(Family.INET)) {
                            c.sendTo(msg, at);
                            return Arrays.equals(msg, c.recvFrom(64).data());
                        }
                    }));
                }
                for (var r : results) {
                    try {
                        assertTrue(r.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        throw new AssertionError("a client failed (a loss on a busy loopback is possible but rare)", e.getCause());
                    }
                }
            }
            echo.join(Duration.ofSeconds(10));
        }
    }
}
