package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.tls.Fixtures.WAIT;
import static org.sockets.tls.Fixtures.certs;
import static org.sockets.tls.Fixtures.clientOptions;
import static org.sockets.tls.Fixtures.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/** Must show 4: the Endpoint contract's hard cases over TLS, against real peers where one is needed. */
@ExtendWith(NoDescriptorLeaks.class)
class BehaviourTest {

    static Fixtures.PyServer notify;
    static Fixtures.PyServer truncate;
    static Fixtures.PyServer tickets;
    static Fixtures.PyServer unwrap;

    @BeforeAll
    static void start() throws IOException {
        var good = certs().good();
        notify = Fixtures.pythonServer(good, "--mode", "notify", "--payload", "all of it");
        truncate = Fixtures.pythonServer(good, "--mode", "truncate", "--payload", "part of it");
        tickets = Fixtures.pythonServer(good, "--tls", "1.3");
        unwrap = Fixtures.pythonServer(good, "--mode", "unwrap");
        try (Pairs.Tls2 warm = Pairs.tls(Pairs.tcp())) {
            warm.client().sendAll(new byte[] {1});
            warm.server().recv(1);
        }
    }

    @AfterAll
    static void stop() {
        for (var s : new Fixtures.PyServer[] {notify, truncate, tickets, unwrap}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static String readAll(TlsEndpoint t, int expect) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(expect);
        while (b.hasRemaining()) {
            assertTrue(t.recv(b) > 0, "end of stream after " + b.position());
        }
        return new String(b.array(), StandardCharsets.US_ASCII);
    }

    @Test
    void closeNotifyEndsTheStreamAndTruncationThrows() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp(notify.port()), clientOptions("localhost"))) {
            assertEquals("all of it", readAll(t, 9));
            assertEquals(0, t.recv(ByteBuffer.allocate(10)));
            assertEquals(0, t.recv(ByteBuffer.allocate(10)), "end of stream stays");
        }
        try (TlsEndpoint t = Tls.client(tcp(truncate.port()), clientOptions("localhost"))) {
            assertEquals("part of it", readAll(t, 10));
            TlsTruncationException e = assertThrows(TlsTruncationException.class, () -> t.recv(ByteBuffer.allocate(10)));
            assertTrue(e.getMessage().contains("without close_notify"), e.getMessage());
            assertThrows(TlsTruncationException.class, () -> t.recv(ByteBuffer.allocate(10)), "a cut stream never turns into an end");
        }
    }

    @Test
    void sessionTicketsNeverEndARead() throws Exception {
        for (EndpointPair ignored : new EndpointPair[1]) {
            // over TCP, and over one byte per call: tickets arrive split into many reads
            for (boolean oneByte : new boolean[] {false, true}) {
                Endpoint e = tcp(tickets.port());
                if (oneByte) {
                    e = new OneByteEndpoint(e);
                }
                try (TlsEndpoint t = Tls.client(e, clientOptions("localhost").withProtocols("TLSv1.3"))) {
                    Thread.sleep(100); // let the tickets arrive before any data
                    t.sendAll("x".getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer b = ByteBuffer.allocate(10);
                    assertEquals(1, t.recv(b), "the first read after tickets returns the data");
                }
            }
        }
    }

    @Test
    void plainBytesBeforeTheClientHelloNeverComeOutOfOurServer() throws Exception {
        try (TlsListener l = Tls.listen(Sockets.listen(Address.of("127.0.0.1", 0)), Fixtures.serverOptions(certs().good()));
             Endpoint raw = Sockets.connect(l.localAddress())) {
            raw.sendAll("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (TlsEndpoint conn = l.accept()) {
                IOException e = assertThrows(IOException.class, () -> conn.recv(ByteBuffer.allocate(100)));
                assertInstanceOf(SSLException.class, e, "a protocol error, not data: " + e);
            }
        }
        // the same bytes followed by the client's end: still an error, never data or a clean end
        try (TlsListener l = Tls.listen(Sockets.listen(Address.of("127.0.0.1", 0)), Fixtures.serverOptions(certs().good()));
             Endpoint raw = Sockets.connect(l.localAddress())) {
            raw.sendAll("plain".getBytes(StandardCharsets.US_ASCII));
            raw.shutdown(org.sockets.api.Shutdown.WRITE);
            try (TlsEndpoint conn = l.accept()) {
                assertThrows(IOException.class, () -> conn.recv(ByteBuffer.allocate(100)));
            }
        }
    }

    @Test
    void acceptServesASecondClientWhileTheFirstSendsNothing() throws Exception {
        try (TlsListener l = Tls.listen(Sockets.listen(Address.of("127.0.0.1", 0)), Fixtures.serverOptions(certs().good()));
             Endpoint silent = Sockets.connect(l.localAddress())) {
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
                try (TlsEndpoint c = Tls.client(Sockets.connect(l.localAddress()), clientOptions("localhost"))) {
                    c.sendAll("second".getBytes(StandardCharsets.US_ASCII));
                    return readAll(c, 2);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (TlsEndpoint first = l.accept(); TlsEndpoint next = l.accept()) {
                assertEquals("second", new String(next.recv(6), StandardCharsets.US_ASCII).substring(0, 6));
                next.sendAll("ok".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ok", second.get(10, TimeUnit.SECONDS));
                assertTrue(first.isOpen());
            }
        }
    }

    @Test
    void aKeyUpdateFromAJdkPeerDoesNotEndARead() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path dir = Fixtures.script().getParent();
        var id = certs().good();
        int megabytes = 2;
        try (PeerProcess peer = PeerProcess.start(java.toString(), "-XX:TieredStopAtLevel=1",
                "-Djava.security.properties=" + dir.resolve("keylimits.security"),
                "-Djavax.net.debug=ssl:handshake", dir.resolve("KeyUpdatePeer.java").toString(),
                id.pkcs12().toString(), new String(id.password()), Integer.toString(megabytes))) {
            int port = Integer.parseInt(peer.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(30)).substring(5));
            try (TlsEndpoint t = Tls.client(tcp(port), clientOptions("localhost").withProtocols("TLSv1.3"))) {
                ByteBuffer b = ByteBuffer.allocate(8192);
                long total = 0;
                long want = (long) megabytes << 20;
                int reads = 0;
                while (total < want && reads++ < 10_000_000) {
                    b.clear();
                    int n = t.recv(b);
                    assertTrue(n > 0, "a read ended after " + total + " bytes");
                    for (int i = 0; i < n; i++) {
                        assertEquals((byte) ((total + i) % 1000), b.get(i), "byte " + (total + i));
                    }
                    total += n;
                }
                assertEquals(want, total);
                t.sendAll(("got " + total + "\n").getBytes(StandardCharsets.US_ASCII));
                peer.awaitLine(l -> l.equals("CLIENT SAYS got " + want), WAIT);
                assertEquals(0, t.recv(b.clear()), "the peer's close_notify ends the stream");
            }
            long updates = peer.seen().stream().filter(l -> l.contains("KeyUpdate")).count();
            assertTrue(updates > 10, "the peer updated its keys during the transfer: " + updates + " KeyUpdate lines");
        }
    }

    @Test
    void aThousandMessagesGoOutWhileAnotherThreadBlocksInRecv() throws Exception {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            AtomicReference<String> readerGot = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    readerGot.set(new String(p.client().recv(100), StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    readerGot.set(e.toString());
                }
            });
            Thread.sleep(100);
            byte[] msg = "message-0123456789\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1000; i++) {
                p.client().sendAll(msg);
            }
            ByteBuffer all = ByteBuffer.allocate(1000 * msg.length);
            while (all.hasRemaining()) {
                assertTrue(p.server().recv(all) > 0);
            }
            for (int i = 0; i < 1000; i++) {
                assertArrayEquals(msg, java.util.Arrays.copyOfRange(all.array(), i * msg.length, (i + 1) * msg.length));
            }
            assertTrue(reader.isAlive(), "the reader is still blocked");
            p.server().sendAll("done".getBytes(StandardCharsets.US_ASCII));
            reader.join(10_000);
            assertEquals("done", readerGot.get());
        }
    }

    @Test
    void closeFromAThirdThreadWakesABlockedReader() throws Exception {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            CompletableFuture<Throwable> woke = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    p.client().recv(ByteBuffer.allocate(10));
                    woke.complete(null);
                } catch (Throwable e) {
                    woke.complete(e);
                }
            });
            Thread.sleep(200);
            assertTrue(reader.isAlive());
            long t0 = System.nanoTime();
            Thread.ofPlatform().start(p.client()::close).join(5_000);
            Throwable e = woke.get(5, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, e, "the reader woke with an IOException");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
            assertFalse(p.client().isOpen());
        }
    }

    @Test
    void afterUnwrapPlainBytesFlowBothWays() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp(unwrap.port()), clientOptions("localhost"))) {
            t.sendAll("UNWRAP\n".getBytes(StandardCharsets.US_ASCII));
            Endpoint plain = t.unwrap();
            try (plain) {
                assertFalse(t.isOpen());
                plain.sendAll("abc".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer b = ByteBuffer.allocate(9);
                while (b.hasRemaining()) {
                    assertTrue(plain.recv(b) > 0);
                }
                assertEquals("plain:abc", new String(b.array(), StandardCharsets.US_ASCII));
            }
        }
        unwrap.process().awaitLine(l -> l.equals("PLAIN abc"), WAIT);
    }

    @Test
    void anUpgradeWithBytesBufferedFailsAndSendsNothing() throws Exception {
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0))) {
            Endpoint plain = Sockets.connect(l.localAddress());
            try (Endpoint server = l.accept()) {
                ByteBuffer injected = ByteBuffer.wrap("250 injected\r\n".getBytes(StandardCharsets.US_ASCII));
                TlsUpgradeException e = assertThrows(TlsUpgradeException.class,
                        () -> Tls.startTls(plain, injected, clientOptions("localhost")));
                assertEquals(14, e.unconsumed());
                assertFalse(plain.isOpen());
                assertEquals(0, server.recv(ByteBuffer.allocate(100)), "not one byte, just the end");
            }
        }
    }

    @Test
    void aRenegotiationRequestFromOpensslIsRefused() throws Exception {
        Path openssl = Peers.program("openssl");
        var id = certs().good();
        try (PeerProcess s = PeerProcess.start(openssl.toString(), "s_server", "-accept", "127.0.0.1:0", "-tls1_2",
                "-cert", id.chainPem().toString(), "-key", id.keyPem().toString())) {
            String accept = s.awaitLine(l -> l.startsWith("ACCEPT"), WAIT);
            int port = Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());
            try (TlsEndpoint t = Tls.client(tcp(port), clientOptions("localhost"))) {
                assertEquals("TLSv1.2", t.session().getProtocol());
                s.stdin().write("r\n".getBytes(StandardCharsets.US_ASCII));
                s.stdin().flush();
                s.awaitLine(l -> l.contains("SSL_renegotiate") || l.contains("RENEGOTIAT") || l.contains("enegotiat"), WAIT);
                IOException e = assertThrows(IOException.class, () -> t.recv(ByteBuffer.allocate(100)));
                assertInstanceOf(TlsRenegotiationException.class, e, "refused with a typed error: " + e);
                assertFalse(t.isOpen());
            }
        }
    }
}
