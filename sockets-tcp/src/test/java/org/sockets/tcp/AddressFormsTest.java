package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.tcp.AddressExchange.exchange;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Services;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Every address and port form of the tutorial's table, with real I/O on loopback: a server bound
 * with the form, a client connecting with it, bytes both ways, and the addresses each side reports.
 */
@ExtendWith(NoDescriptorLeaks.class)
class AddressFormsTest {

    @BeforeAll
    static void warmUp() throws IOException {
        AddressExchange.warmUp();
    }

    @Test
    void localhostOnBothSides() throws IOException {
        var seen = exchange(Family.INET, Address.of("localhost", 0), Family.INET, null, port -> Address.of("localhost", port));
        assertEquals("127.0.0.1", seen.listening().host(), "localhost is 127.0.0.1 in /etc/hosts: " + seen);
        assertEquals(seen.listening(), seen.clientPeer());
        assertEquals("127.0.0.1", seen.clientLocal().host());
    }

    @Test
    void dottedQuad() throws IOException {
        var seen = exchange(Family.INET, Address.of("127.0.0.1", 0), Family.INET, null, port -> Address.of("127.0.0.1", port));
        assertEquals(Address.of("127.0.0.1", seen.listening().port()), seen.listening());
        assertEquals(seen.listening(), seen.clientPeer());
        assertEquals(seen.listening(), seen.acceptedLocal());
        assertEquals("('127.0.0.1', " + seen.listening().port() + ")", seen.clientPeer().toPython());
    }

    @Test
    void everyAddressOf127Slash8IsLocal() throws IOException {
        var seen = exchange(Family.INET, Address.of("127.0.0.2", 0), Family.INET, null, port -> Address.of("127.0.0.2", port));
        assertEquals("127.0.0.2", seen.listening().host());
        assertEquals("127.0.0.2", seen.clientPeer().host());
        assertEquals("127.0.0.2", seen.acceptedLocal().host());
        // the kernel picks 127.0.0.1 as the source for any 127/8 destination (lo's primary address)
        assertEquals("127.0.0.1", seen.clientLocal().host());

        String server = AddressExchange.random127();
        String source = AddressExchange.random127();
        var bound = exchange(Family.INET, Address.of(server, 0), Family.INET, Address.of(source, 0), port -> Address.of(server, port));
        assertEquals(server, bound.acceptedLocal().host());
        assertEquals(source, bound.acceptedPeer().host(), "a client bound to another 127/8 address is seen from it");
    }

    @Test
    void ipv6Loopback() throws IOException {
        var seen = exchange(Family.INET6, Address.of("::1", 0), Family.INET6, null, port -> Address.of("::1", port));
        assertEquals(Family.INET6, seen.listening().family());
        assertEquals("::1", seen.listening().host());
        assertEquals("::1", seen.clientLocal().host());
        assertEquals(seen.listening(), seen.clientPeer());
        assertEquals("('::1', " + seen.listening().port() + ", 0, 0)", seen.clientPeer().toPython());
        assertEquals("[::1]:" + seen.listening().port(), seen.listening().toString());
        var bracketed = exchange(Family.INET6, Address.of("[::1]", 0), Family.INET6, null, port -> Address.of("[::1]", port));
        assertEquals("::1", bracketed.clientPeer().host());
    }

    /**
     * A scope on ::1 is accepted and ignored by Linux: the kernel uses sin6_scope_id only for
     * addresses that need one (link-local), so {@code ::1%lo}, {@code ::1%1} and even an index no
     * interface has bind and connect to plain ::1, and getsockname/getpeername report no scope.
     * We report what the kernel reports (the JDK would echo the scope given to connect).
     */
    @Test
    void ipv6LoopbackWithAScopeWorksAndTheScopeIsIgnored() throws IOException {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assertTrue(lo != null, "Linux's loopback interface 'lo'");
        for (String scope : List.of("lo", Integer.toString(lo.getIndex()), "0", "99999")) {
            Address.Ip given = (Address.Ip) Address.of("::1%" + scope, 0);
            var seen = exchange(Family.INET6, given, Family.INET6, null, port -> Address.of("::1%" + scope, port));
            Address plain = Address.of("::1", seen.listening().port());
            assertEquals(plain, seen.listening(), "%" + scope);
            assertEquals(plain, seen.clientPeer(), "%" + scope);
            assertEquals(0, ((Inet6Address) seen.clientPeer().ip()).getScopeId(), "%" + scope);
            assertEquals("::1", seen.clientPeer().host(), "%" + scope);
            assertEquals("::1", seen.acceptedPeer().host(), "%" + scope);
        }
    }

    @Test
    void emptyHostBindsTheWildcard() throws IOException {
        var seen = exchange(Family.INET, Address.of("", 0), Family.INET, null, port -> Address.of("127.0.0.1", port));
        assertEquals("0.0.0.0", seen.listening().host());
        assertEquals("127.0.0.1", seen.acceptedLocal().host(), "the connection has a concrete local address");
        assertEquals("127.0.0.1", seen.clientPeer().host());
        // connecting to "" (INADDR_ANY) reaches this host over loopback, as in Python; the JDK
        // itself connects a wildcard to loopback, so the peer is 127.0.0.1 as getpeername says
        var viaAny = exchange(Family.INET, Address.of("", 0), Family.INET, null, port -> Address.of("", port));
        assertEquals("127.0.0.1", viaAny.clientPeer().host());
        assertEquals(Family.INET, viaAny.clientPeer().family());
    }

    @Test
    void emptyHostOnInet6IsDualStack() throws IOException {
        var v6 = exchange(Family.INET6, Address.of("", 0), Family.INET6, null, port -> Address.of("::1", port));
        assertEquals("::", v6.listening().host());
        assertEquals("::1", v6.acceptedPeer().host());
        // an IPv4 client reaches the INET6 wildcard listener; the JDK reports the v4-mapped
        // peer as plain IPv4 (Python would print ::ffff:127.0.0.1)
        var v4 = exchange(Family.INET6, Address.of("", 0), Family.INET, null, port -> Address.of("127.0.0.1", port));
        assertEquals(Address.of("127.0.0.1", v4.clientLocal().port()), v4.acceptedPeer());
        assertEquals(Family.INET, v4.acceptedPeer().family());
        var viaAny = exchange(Family.INET6, Address.of("", 0), Family.INET6, null, port -> Address.of("", port));
        assertEquals("::1", viaAny.clientPeer().host(), "connect to \"\" on INET6 reaches ::1");
    }

    @Test
    void anUnboundEndpointReportsItsFamilysWildcardAndAClosedOneThrows() throws IOException {
        // what Endpoint.localAddress()'s javadoc now says (it said "throws if not bound")
        for (Family f : new Family[] {Family.INET, Family.INET6}) {
            Endpoint e = AddressExchange.open(f);
            try (e) {
                Address local = e.localAddress();
                assertEquals(Address.of(f == Family.INET ? "0.0.0.0" : "::", 0), local, f.toString());
                assertEquals(OptionalInt.of(0), local.inetPort());
                assertEquals(f == Family.INET ? "('0.0.0.0', 0)" : "('::', 0, 0, 0)", local.toPython());
                assertThrows(EndpointStateException.class, e::peerAddress);
            }
            assertThrows(EndpointClosedException.class, e::localAddress);
            assertThrows(EndpointClosedException.class, e::peerAddress);
        }
    }

    @Test
    void theBoundPortAndPythonFormNeedNoCast() throws IOException {
        try (Endpoint server = AddressExchange.open(Family.INET6).bind(Address.of("", 0)).listen(1)) {
            int port = server.localAddress().inetPort().orElseThrow();
            assertTrue(port > 0, "the system picked a port: " + port);
            try (Endpoint client = AddressExchange.open(Family.INET).connect(Address.of("127.0.0.1", port));
                 Endpoint conn = server.accept()) {
                Address peer = conn.peerAddress();
                int clientPort = client.localAddress().inetPort().orElseThrow();
                assertEquals(OptionalInt.of(clientPort), peer.inetPort());
                // an INET6 endpoint's IPv4 peer is the INET address, as Endpoint's javadoc says
                // (Python: ('::ffff:127.0.0.1', port, 0, 0))
                assertEquals("('127.0.0.1', " + clientPort + ")", peer.toPython());
                assertEquals(Family.INET, peer.family());
            }
        }
    }

    @Test
    void anIntegerIsAnIpv4Address() throws IOException {
        var seen = exchange(Family.INET, Address.of(2130706433L, 0), Family.INET, null, port -> Address.of(2130706433L, port));
        assertEquals("127.0.0.1", seen.listening().host());
        assertEquals(Address.of(2130706433L, seen.listening().port()), seen.clientPeer());
        long n = 0x7F00_0002L; // 127.0.0.2
        var two = exchange(Family.INET, Address.of(n, 0), Family.INET, null, port -> Address.of("127.0.0.2", port));
        assertEquals("127.0.0.2", two.acceptedLocal().host());
    }

    @Test
    void aPortAsNumericText() throws IOException {
        var seen = exchange(Family.INET, Address.of("127.0.0.1", "0"), Family.INET, null,
                port -> Address.of("127.0.0.1", Integer.toString(port)));
        assertTrue(seen.listening().port() > 0, "port \"0\" asks for a free port: " + seen);
        assertEquals(seen.listening(), seen.clientPeer());
    }

    /**
     * A service name resolved from /etc/services, on a privileged port (we run as root) of a random
     * 127/8 address, so that nothing else on the machine holds it; several names are tried in case
     * a wildcard listener holds one of their ports.
     */
    @Test
    void aPortAsAServiceName() throws IOException {
        List<String> names = List.of("gopher", "finger", "http", "nntp", "pop3", "imap2", "telnet", "smtp", "ftp",
                "whois", "qotd", "daytime", "time", "domain", "sunrpc", "auth");
        List<String> taken = new ArrayList<>();
        for (String name : names) {
            String host = AddressExchange.random127();
            int port = Services.port(name, "tcp");
            assertTrue(port > 0 && port < 1024, name + " is a well-known port: " + port);
            try (Endpoint server = AddressExchange.open(Family.INET)) {
                try {
                    server.bind(Address.of(host, name)).listen(4);
                } catch (BindException e) {
                    taken.add(name + " (" + e.getMessage() + ")");
                    continue;
                }
                assertEquals(Address.of(host, port), server.localAddress());
                try (Endpoint client = AddressExchange.open(Family.INET).connect(Address.of(host, name));
                     Endpoint conn = server.accept()) {
                    assertEquals(Address.of(host, port), client.peerAddress());
                    client.sendAll(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    assertEquals(name, new String(AddressExchange.recvExactly(conn, name.length()), java.nio.charset.StandardCharsets.US_ASCII));
                    Optional<String> back = Services.name(port, "tcp");
                    assertTrue(back.isPresent(), "getservbyport(" + port + ")");
                    assertEquals(port, Services.port(back.get(), "tcp"));
                    return;
                }
            }
        }
        throw new AssertionError("no service port could be bound on a 127/8 address: " + taken);
    }

    /** Python's create_server / create_connection ({@link Sockets#listen}, {@link Sockets#connect}) take the same forms. */
    @Test
    void createServerAndConnectionTakeTheSameForms() throws IOException {
        record Form(Address listenAs, java.util.function.IntFunction<Address> connectAs, String peerHost) {
        }
        for (Form f : List.of(
                new Form(Address.of("localhost", 0), p -> Address.of("localhost", p), "127.0.0.1"),
                new Form(Address.of("127.0.0.1", "0"), p -> Address.of("127.0.0.1", Integer.toString(p)), "127.0.0.1"),
                new Form(Address.of(2130706433L, 0), p -> Address.of(2130706433L, p), "127.0.0.1"),
                new Form(Address.of("::1", 0), p -> Address.of("::1", p), "::1"),
                new Form(Address.of("::1%lo", 0), p -> Address.of("::1%lo", p), "::1"),
                new Form(Address.of("", 0), p -> Address.of("127.0.0.1", p), "127.0.0.1"))) {
            try (Endpoint server = Sockets.listen(f.listenAs())) {
                int port = ((Address.Ip) server.localAddress()).port();
                try (Endpoint client = Sockets.connect(f.connectAs().apply(port), ConnectOptions.defaults().withTimeout(AddressExchange.TIMEOUT));
                     Endpoint conn = server.timeout(AddressExchange.TIMEOUT).accept()) {
                    assertEquals(Address.of(f.peerHost(), port), client.peerAddress(), f.toString());
                    assertEquals(client.localAddress(), conn.peerAddress(), f.toString());
                    client.sendAll(new byte[] {1, 2, 3});
                    assertEquals(3, AddressExchange.recvExactly(conn, 3).length, f.toString());
                }
            }
        }
    }

    /** create_connection to "" reaches this host over the loopback of the family asked for. */
    @Test
    void createConnectionToTheEmptyHostUsesTheFamilysLoopback() throws IOException {
        for (Family family : List.of(Family.INET, Family.INET6)) {
            String loopback = family == Family.INET6 ? "::1" : "127.0.0.1";
            try (Endpoint server = Sockets.listen(Address.of(loopback, 0))) {
                int port = ((Address.Ip) server.localAddress()).port();
                ConnectOptions options = ConnectOptions.defaults().withTimeout(AddressExchange.TIMEOUT).withFamily(family);
                try (Endpoint client = Sockets.connect(Address.of("", port), options);
                     Endpoint conn = server.timeout(AddressExchange.TIMEOUT).accept()) {
                    assertEquals(family, client.family());
                    assertEquals(Address.of(loopback, port), client.peerAddress());
                    assertEquals(client.localAddress(), conn.peerAddress());
                }
            }
        }
    }
}
