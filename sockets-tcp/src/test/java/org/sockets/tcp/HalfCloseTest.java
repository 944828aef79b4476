package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Shutdown;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * TCP's side of half-close: after shutdown(WRITE) the peer reads every byte of a large request
 * then end of stream while it can still answer; shutdown(BOTH) ends both directions; a busy server
 * answers after each half-close. shutdown(READ) waking a blocked reader, and shutdown on an
 * unconnected endpoint, are in the contract suite (TcpContractTest).
 */
@ExtendWith(NoDescriptorLeaks.class)
class HalfCloseTest {

    private static byte[] recvToEnd(Endpoint e, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            byte[] b = e.recv(65_536);
            if (b.length == 0) {
                return out.toByteArray();
            }
            out.write(b);
            if (out.size() > max) {
                throw new AssertionError("more than " + max + " bytes");
            }
        }
        throw new AssertionError("no end of stream");
    }

    @ParameterizedTest(name = "timeout mode: {0}")
    @ValueSource(booleans = {false, true})
    void shutdownWriteGivesThePeerEveryByteThenEndOfStreamWhileItStillAnswers(boolean timed) throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            if (timed) {
                p.client().timeout(Duration.ofSeconds(20));
                p.server().timeout(Duration.ofSeconds(20));
            }
            byte[] request = new byte[3 << 20];
            Arrays.fill(request, (byte) 'q');
            request[request.length - 1] = '!';
            // The server reads the whole request (to end of stream), then answers: the classic
            // "send, shut down writing, read the reply" exchange.
            var server = Loopback.start(true, "server", () -> {
                byte[] got = recvToEnd(p.server(), request.length);
                assertArrayEquals(new byte[0], p.server().recv(10), "end of stream again");
                p.server().sendAll(("got " + got.length).getBytes());
                p.server().close();
                return got;
            });
            p.client().sendAll(request);
            p.client().shutdown(Shutdown.WRITE);
            assertArrayEquals(("got " + request.length).getBytes(), recvToEnd(p.client(), 100));
            assertArrayEquals(request, server.get(Duration.ofSeconds(30)));
            var ex = assertThrows(SocketException.class, () -> p.client().send(new byte[] {1}), "no sending after shutdown(WRITE)");
            assertTrue(ex.getMessage().contains("shut down for writing"), ex.getMessage());
            assertTrue(p.client().isOpen());
        }
    }

    @Test
    void shutdownBothEndsBothDirections() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            p.server().sendAll(new byte[] {1});
            assertArrayEquals(new byte[] {1}, p.client().recv(1));
            p.client().shutdown(Shutdown.BOTH);
            assertArrayEquals(new byte[0], p.server().recv(10), "the peer reads end of stream");
            assertArrayEquals(new byte[0], p.client().recv(10));
            assertThrows(IOException.class, () -> p.client().sendAll(new byte[] {1}));
            p.server().sendAll(new byte[] {2}); // the peer may still send; nobody reads it
            assertTrue(p.client().isOpen());
        }
    }

    @Test
    void aReplyFollowsAHalfCloseOnEveryConnectionOfABusyServer() throws Exception {
        int clients = 20;
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0))) {
            var server = Loopback.<Object>start(true, "server", () -> {
                for (int i = 0; i < clients; i++) {
                    Endpoint c = l.accept();
                    Thread.ofVirtual().start(() -> {
                        try (c) {
                            byte[] got = recvToEnd(c, 1 << 20);
                            c.sendAll(String.valueOf(got.length).getBytes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                return null;
            });
            for (int i = 0; i < clients; i++) {
                try (Endpoint c = Sockets.connect(l.localAddress())) {
                    c.sendAll(new byte[i * 1000]);
                    c.shutdown(Shutdown.WRITE);
                    assertEquals(String.valueOf(i * 1000), new String(recvToEnd(c, 100)));
                }
            }
            server.get(Duration.ofSeconds(10));
        }
    }
}
