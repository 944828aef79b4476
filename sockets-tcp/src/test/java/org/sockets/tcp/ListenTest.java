package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.ListenOptions;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Proves Sockets.listen (Python's create_server): SO_REUSEADDR on by default and what it buys,
 * the backlog, a dual-stack INET6 wildcard that accepts IPv4 clients, and SO_REUSEPORT sharing.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ListenTest {

    private static int port(Endpoint e) throws Exception {
        return ((Address.Ip) e.localAddress()).port();
    }

    /** Opens connections without accepting them until one times out; returns how many completed. */
    private static int queuedBeforeFull(Address to, int atMost) throws Exception {
        List<Endpoint> clients = new ArrayList<>();
        try {
            for (int i = 0; i < atMost; i++) {
                Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).timeout(Duration.ofMillis(300));
                try {
                    c.connect(to);
                    clients.add(c);
                } catch (SocketTimeoutException full) {
                    return i; // connect closed c
                }
            }
            return atMost;
        } finally {
            clients.forEach(Endpoint::close);
        }
    }

    @Test
    void defaultsReuseTheAddressAndQueueManyConnections() throws Exception {
        assertEquals(128, ListenOptions.defaults().backlog());
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0))) {
            assertEquals(Family.INET, l.family());
            assertEquals(true, l.option(Options.SO_REUSEADDR));
            assertEquals(false, l.option(Options.SO_REUSEPORT));
            assertTrue(port(l) > 0);
            // Nobody accepts: the default backlog still queues all of these.
            assertEquals(40, queuedBeforeFull(l.localAddress(), 40));
        }
        try (Endpoint small = Sockets.listen(Address.of("127.0.0.1", 0), ListenOptions.defaults().withBacklog(1))) {
            int queued = queuedBeforeFull(small.localAddress(), 10);
            assertTrue(queued >= 1 && queued <= 3, "backlog 1 queued " + queued + " connections");
        }
    }

    @Test
    void reuseAddressLetsAServerRebindAPortInTimeWait() throws Exception {
        int port;
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0))) {
            port = port(l);
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(l.localAddress())) {
                // The server closes first, so its side (on the listening port) goes to TIME_WAIT.
                l.accept().close();
                assertArrayEquals(new byte[0], c.recv(1));
            }
        }
        Address again = Address.of("127.0.0.1", port);
        BindException e = assertThrows(BindException.class, () -> Sockets.listen(again, ListenOptions.defaults().withReuseAddress(false)));
        assertTrue(e.getMessage().contains(again.toString()), e.getMessage());
        try (Endpoint l = Sockets.listen(again)) {
            assertEquals(port, port(l));
        }
    }

    @Test
    void aDualStackWildcardAcceptsIpv4AndIpv6Clients() throws Exception {
        try (Endpoint l = Sockets.listen(Address.any(0), ListenOptions.defaults().withDualStack(true))) {
            assertEquals(Family.INET6, l.family());
            Address.Ip local = (Address.Ip) l.localAddress();
            assertEquals("::", local.host());
            for (Address to : List.of(Address.of(Loopback.V4, local.port()), Address.of(Loopback.V6, local.port()))) {
                try (Endpoint c = Sockets.open(to.family(), SocketType.STREAM).connect(to);
                     Endpoint a = l.accept()) {
                    assertEquals(c.localAddress(), a.peerAddress(), "an IPv4 peer shows as IPv4, not v4-mapped");
                    c.sendAll(new byte[] {1, 2, 3});
                    assertArrayEquals(new byte[] {1, 2, 3}, a.recv(3));
                }
            }
        }
        // Without dual stack a wildcard listens on IPv4 only.
        try (Endpoint l = Sockets.listen(Address.any(0))) {
            assertEquals(Family.INET, l.family());
            Address v6 = Address.of(Loopback.V6, port(l));
            try (Endpoint c = Sockets.open(Family.INET6, SocketType.STREAM)) {
                assertThrows(ConnectException.class, () -> c.connect(v6));
            }
        }
    }

    @Test
    @SuppressWarnings("try") // closes the first listener early, on purpose
    void reusePortLetsTwoListenersShareAPort() throws Exception {
        ListenOptions shared = ListenOptions.defaults().withReusePort(true);
        try (Endpoint first = Sockets.listen(Address.of("127.0.0.1", 0), shared);
             Endpoint second = Sockets.listen(first.localAddress(), shared)) {
            assertEquals(first.localAddress(), second.localAddress());
            assertEquals(true, second.option(Options.SO_REUSEPORT));
            assertThrows(BindException.class, () -> Sockets.listen(first.localAddress()), "a third without SO_REUSEPORT");
            // Every connection is accepted by one of the two.
            first.timeout(Duration.ofMillis(50));
            second.timeout(Duration.ofMillis(50));
            int clients = 10;
            List<Endpoint> open = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    open.add(Sockets.open(Family.INET, SocketType.STREAM).connect(first.localAddress()));
                }
                int accepted = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (accepted < clients && System.nanoTime() < deadline) {
                    for (Endpoint l : List.of(first, second)) {
                        try {
                            open.add(l.accept());
                            accepted++;
                        } catch (SocketTimeoutException none) {
                            // try the other
                        }
                    }
                }
                assertEquals(clients, accepted);
            } finally {
                open.forEach(Endpoint::close);
            }
            // With the first gone, the second takes every new connection.
            first.close();
            second.timeout(Duration.ofSeconds(5));
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(second.localAddress());
                 Endpoint a = second.accept()) {
                assertEquals(c.localAddress(), a.peerAddress());
            }
        }
    }
}
