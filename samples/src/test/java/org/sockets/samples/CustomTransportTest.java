package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.samples.memory.MemoryTransportProvider;
import org.sockets.testkit.Fds;

/**
 * A user-written transport (the in-memory sample) is found by ServiceLoader exactly like the
 * library's own, serves callers that name it, and does not shadow TCP for anyone else. Surefire
 * runs this class on the module path and again on the class path; each run asserts its mode.
 */
class CustomTransportTest {

    private static final String MODE = System.getProperty("sockets.expect.mode", "module-path");

    @Test
    void runsInTheExpectedMode() {
        boolean modulePath = MODE.equals("module-path");
        assertEquals(modulePath, MemoryTransportProvider.class.getModule().isNamed(), "mode " + MODE);
        assertEquals(modulePath, Sockets.class.getModule().isNamed(), "mode " + MODE);
    }

    @Test
    void theCustomProviderIsFoundButDoesNotShadowTcp() throws Exception {
        assertTrue(Sockets.providers().stream().anyMatch(p -> p.name().equals(MemoryTransportProvider.NAME)), "found: " + Sockets.providers());
        try (Endpoint e = Sockets.open(Family.INET, SocketType.STREAM)) {
            assertEquals("org.sockets.tcp.TcpEndpoint", e.getClass().getName(), "the default INET/STREAM transport stays TCP");
        }
        try (Endpoint e = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            assertNotEquals("org.sockets.tcp.TcpEndpoint", e.getClass().getName());
            assertEquals("org.sockets.samples.memory.MemoryEndpoint", e.getClass().getName());
        }
    }

    @Test
    void theTutorialRunsOverTheCustomTransport() throws Exception {
        int before = Fds.count();
        String out = MemoryDemo.run();
        assertTrue(out.contains("Got a connection from ('127.0.0.1', "), out);
        assertTrue(out.contains("client got: Thank you for connecting"), out);
        Fds.assertBackTo(before); // no socket at all was opened
    }

    @Test
    void theCustomTransportReportsErrorsLikeTheRealOnes() throws Exception {
        try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            ConnectException e = assertThrows(ConnectException.class, () -> c.connect(Address.of("127.0.0.1", 1)));
            assertTrue(e.getMessage().contains("memory port 1"), e.getMessage());
        }
        try (Endpoint server = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME);
             Endpoint client = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            server.bind(Address.any(0)).listen(1);
            client.connect(server.localAddress());
            try (Endpoint conn = server.accept()) {
                client.sendAll("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(conn.recv(16), StandardCharsets.US_ASCII));
                client.close();
                assertEquals(0, conn.recv(16).length, "end of stream after the peer closed");
            }
        }
    }
}
