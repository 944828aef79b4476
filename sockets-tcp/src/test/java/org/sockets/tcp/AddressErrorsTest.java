package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.ListenOptions;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The error cases of the address forms with real sockets: each failure is the JDK's exception
 * type for it, names the host or address at fault, and leaves no descriptor behind.
 */
@ExtendWith(NoDescriptorLeaks.class)
class AddressErrorsTest {

    @BeforeAll
    static void warmUp() throws IOException {
        AddressExchange.warmUp();
    }

    /** RFC 2606 reserves .invalid: no resolver may answer for it. */
    @Test
    void anUnknownHostIsNamed() throws IOException {
        String host = "no-such-host-" + ProcessHandle.current().pid() + ".invalid";
        try (Endpoint server = AddressExchange.open(Family.INET).bind(Address.of("127.0.0.1", 0)).listen(1);
             Endpoint client = AddressExchange.open(Family.INET)) {
            var e = assertThrows(UnknownHostException.class, () -> client.connect(Address.of(host, 80)));
            assertTrue(e.getMessage().contains(host), e.getMessage());
            // as in Python, a failed look-up leaves the socket usable
            assertTrue(client.isOpen());
            client.connect(server.localAddress());
            try (Endpoint conn = server.accept()) {
                assertEquals(client.localAddress(), conn.peerAddress());
            }
        }
        try (Endpoint e = AddressExchange.open(Family.INET)) {
            var bind = assertThrows(UnknownHostException.class, () -> e.bind(Address.of(host, 0)));
            assertTrue(bind.getMessage().contains(host), bind.getMessage());
        }
        var viaSockets = assertThrows(UnknownHostException.class, () -> Sockets.connect(Address.of(host, 80)));
        assertTrue(viaSockets.getMessage().contains(host), viaSockets.getMessage());
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        String host = AddressExchange.random127();
        int port;
        try (Endpoint gone = AddressExchange.open(Family.INET).bind(Address.of(host, 0)).listen(1)) {
            port = ((Address.Ip) gone.localAddress()).port();
        }
        Address target = Address.of(host, port);
        Endpoint client = AddressExchange.open(Family.INET);
        try {
            var e = assertThrows(ConnectException.class, () -> client.connect(target));
            assertTrue(e.getMessage().contains(host + ":" + port), e.getMessage());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertFalse(client.isOpen(), "a failed connect closes the endpoint (the JDK closes the channel)");
        } finally {
            client.close();
        }
        // blocking mode (no timeout) takes the other path through connect
        try (Endpoint blocking = AddressExchange.open(Family.INET).blocking()) {
            var e = assertThrows(ConnectException.class, () -> blocking.connect(target));
            assertTrue(e.getMessage().contains(host + ":" + port), e.getMessage());
        }
        // by name, the message names the host as given (localhost is 127.0.0.1 only: a port
        // just closed there)
        int closed;
        try (Endpoint gone = AddressExchange.open(Family.INET).bind(Address.of("127.0.0.1", 0)).listen(1)) {
            closed = ((Address.Ip) gone.localAddress()).port();
        }
        try (Endpoint byName = AddressExchange.open(Family.INET)) {
            var e = assertThrows(ConnectException.class, () -> byName.connect(Address.of("localhost", closed)));
            assertTrue(e.getMessage().contains("localhost:" + closed), e.getMessage());
        }
        var viaSockets = assertThrows(ConnectException.class, () -> Sockets.connect(target));
        assertTrue(viaSockets.getMessage().contains(host + ":" + port), viaSockets.getMessage());
    }

    @Test
    void aPortInUseIsABindExceptionNamingTheAddress() throws IOException {
        String host = AddressExchange.random127();
        try (Endpoint first = AddressExchange.open(Family.INET).bind(Address.of(host, 0)).listen(4)) {
            int port = ((Address.Ip) first.localAddress()).port();
            for (Address again : new Address[] {Address.of(host, port), Address.of("", port), Address.of(host, Integer.toString(port))}) {
                try (Endpoint second = AddressExchange.open(Family.INET)) {
                    var e = assertThrows(BindException.class, () -> second.bind(again));
                    assertTrue(e.getMessage().contains("in use"), e.getMessage());
                    assertTrue(e.getMessage().contains(again.toString()), e.getMessage());
                    assertTrue(second.isOpen(), "a failed bind leaves the endpoint open, as in Python");
                }
            }
            var listen = assertThrows(BindException.class, () -> Sockets.listen(Address.of(host, port)));
            assertTrue(listen.getMessage().contains(host + ":" + port), listen.getMessage());
            var reuse = assertThrows(BindException.class,
                    () -> Sockets.listen(Address.of(host, port), ListenOptions.defaults().withReuseAddress(true)));
            assertTrue(reuse.getMessage().contains(host + ":" + port), "SO_REUSEADDR does not share a listening port: " + reuse.getMessage());
            // the first listener is unharmed
            try (Endpoint c = AddressExchange.open(Family.INET).connect(Address.of(host, port)); Endpoint conn = first.accept()) {
                assertEquals(c.localAddress(), conn.peerAddress());
            }
        }
    }

    @Test
    void anAddressNotOnThisHostCannotBeBound() throws IOException {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737); bind fails locally, no packet is sent
        try (Endpoint e = AddressExchange.open(Family.INET)) {
            var ex = assertThrows(BindException.class, () -> e.bind(Address.of("192.0.2.77", 0)));
            assertTrue(ex.getMessage().contains("192.0.2.77"), ex.getMessage());
        }
    }

    /**
     * TCP to 255.255.255.255 ("&lt;broadcast&gt;"): Linux's tcp_v4_connect refuses a broadcast or
     * multicast route with ENETUNREACH before any SYN is built, so nothing leaves the host and the
     * failure is immediate, not a time-out. The same holds for lo's own subnet broadcast
     * 127.255.255.255 (so not quite all of 127/8 is a host address), for a multicast group, and
     * for an INET6 endpoint given the broadcast address (v4-mapped). The JDK reports ENETUNREACH
     * as a plain SocketException ("Network is unreachable"); the endpoint adds the address.
     */
    @Test
    void broadcastOverTcpFailsAtOnceNamingTheAddress() throws IOException {
        record Case(Family family, Address target) {
        }
        for (Case c : new Case[] {
                new Case(Family.INET, Address.of("<broadcast>", 9)),
                new Case(Family.INET, Address.of(0xFFFF_FFFFL, 80)),
                new Case(Family.INET6, Address.of("<broadcast>", 9)),
                new Case(Family.INET, Address.of("127.255.255.255", 9)),
                new Case(Family.INET, Address.of("224.0.0.1", 9))}) {
            try (Endpoint e = AddressExchange.open(c.family()).timeout(Duration.ofSeconds(30))) {
                long start = System.nanoTime();
                IOException ex = assertThrows(IOException.class, () -> e.connect(c.target()));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertFalse(ex instanceof SocketTimeoutException, "a SYN was sent and timed out: " + ex);
                assertEquals(SocketException.class, ex.getClass(), c + ": " + ex);
                assertTrue(ex.getMessage().contains("unreachable"), ex.getMessage());
                assertTrue(ex.getMessage().endsWith(": " + c.target()), ex.getMessage());
                assertTrue(ms < 10_000, "refused by the kernel at once, took " + ms + " ms");
                assertFalse(e.isOpen());
            }
        }
        try (Endpoint e = AddressExchange.open(Family.INET)) {
            var bind = assertThrows(BindException.class, () -> e.bind(Address.of("<broadcast>", 0)));
            assertTrue(bind.getMessage().contains("255.255.255.255"), bind.getMessage());
        }
    }

    @Test
    void anInetEndpointRefusesIpv6() throws IOException {
        try (Endpoint e = AddressExchange.open(Family.INET)) {
            var connect = assertThrows(IllegalArgumentException.class, () -> e.connect(Address.of("::1", 80)));
            assertEquals("connect: IPv6 address ::1 on an INET endpoint; open an INET6 endpoint for IPv6", connect.getMessage());
            var bind = assertThrows(IllegalArgumentException.class, () -> e.bind(Address.of("::1%lo", 0)));
            assertEquals("bind: IPv6 address ::1%lo on an INET endpoint; open an INET6 endpoint for IPv6", bind.getMessage());
            assertTrue(e.isOpen(), "misuse leaves the endpoint as it was");
            var unix = assertThrows(IllegalArgumentException.class, () -> e.connect(Address.unix("/tmp/x.sock")));
            assertTrue(unix.getMessage().contains("/tmp/x.sock") && unix.getMessage().contains("INET"), unix.getMessage());
        }
    }

    /**
     * An INET6 endpoint given an IPv4 literal: the JDK connects to the v4-mapped address
     * ::ffff:127.0.0.1 (IPV6_V6ONLY is off), so it works; the JDK reports the peer and local
     * address as plain IPv4. (Python's getaddrinfo would refuse the literal for AF_INET6.)
     */
    @Test
    void anInet6EndpointReachesIpv4AsMapped() throws IOException {
        var seen = AddressExchange.exchange(Family.INET, Address.of("127.0.0.1", 0), Family.INET6, null, port -> Address.of("127.0.0.1", port));
        assertEquals(Family.INET, seen.clientPeer().family());
        assertEquals(seen.listening(), seen.clientPeer());
        assertEquals("127.0.0.1", seen.clientLocal().host());
        // and the explicit mapped spelling, which the JDK folds to IPv4 when parsing
        var mapped = AddressExchange.exchange(Family.INET, Address.of("127.0.0.1", 0), Family.INET6, null, port -> Address.of("::ffff:127.0.0.1", port));
        assertEquals(mapped.listening(), mapped.clientPeer());
        // an INET6 server bound to an IPv4 literal listens on the mapped address, for IPv4 clients
        var server6 = AddressExchange.exchange(Family.INET6, Address.of("127.0.0.1", 0), Family.INET, null, port -> Address.of("127.0.0.1", port));
        assertEquals("127.0.0.1", server6.listening().host());
    }

    /** /etc/hosts here has no "::1 localhost": an INET6 endpoint finds no IPv6 address for it. */
    @Test
    void localhostOnAnInet6EndpointNamesHostAndFamily() throws IOException {
        boolean hasV6 = Arrays.stream(InetAddress.getAllByName("localhost")).anyMatch(a -> a instanceof Inet6Address);
        try (Endpoint e = AddressExchange.open(Family.INET6)) {
            if (hasV6) {
                // a machine whose hosts file maps localhost to ::1 too: it must then work
                e.bind(Address.of("localhost", 0));
                assertEquals(Family.INET6, e.localAddress().family());
                return;
            }
            var ex = assertThrows(UnknownHostException.class, () -> e.connect(Address.of("localhost", 80)));
            assertEquals("localhost: no IPv6 address (has [127.0.0.1])", ex.getMessage());
            var bind = assertThrows(UnknownHostException.class, () -> e.bind(Address.of("localhost", 0)));
            assertTrue(bind.getMessage().startsWith("localhost: no IPv6 address"), bind.getMessage());
            assertTrue(e.isOpen());
        }
    }

    @Test
    void anInterfaceScopeThatDoesNotExistIsRejectedBeforeAnySocket() {
        var e = assertThrows(IllegalArgumentException.class, () -> Address.of("::1%nosuchif9", 0));
        assertTrue(e.getMessage().contains("nosuchif9"), e.getMessage());
    }
}
