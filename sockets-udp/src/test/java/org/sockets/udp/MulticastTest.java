package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.WAIT;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * IPv4 multicast on the loopback interface: join, receive, leave; source-specific membership;
 * the errors. Every sender is pinned to {@code lo} with IP_MULTICAST_IF, so no datagram can leave
 * on a real interface. IPv6 multicast does not work on {@code lo}; {@link NamespaceTest} covers
 * it on a veth pair in a network namespace of its own.
 */
@ExtendWith(NoDescriptorLeaks.class)
class MulticastTest {

    /** Organisation-local scope (RFC 2365): never routed off a site, and here pinned to lo anyway. */
    private static final InetAddress GROUP = InetAddress.ofLiteral("239.255.42.99");
    /** The source-specific range (RFC 4607). */
    private static final InetAddress SSM_GROUP = InetAddress.ofLiteral("232.42.0.99");

    private static NetworkInterface lo;

    @BeforeAll
    static void findLoopback() throws IOException {
        lo = NetworkInterface.getByName("lo");
        assertTrue(lo != null, "no interface named lo");
    }

    private static Endpoint receiver(Family f) throws IOException {
        Endpoint rx = Sockets.open(f, SocketType.DGRAM);
        try {
            return rx.bind(Address.of("", 0)).timeout(WAIT);
        } catch (IOException | RuntimeException e) {
            rx.close();
            throw e;
        }
    }

    private static Endpoint sender(String from) throws IOException {
        Endpoint tx = Sockets.open(Family.INET, SocketType.DGRAM);
        try {
            return tx.option(Options.IP_MULTICAST_IF, lo).option(Options.IP_MULTICAST_TTL, 0)
                    .bind(Address.of(from, 0)).timeout(WAIT);
        } catch (IOException | RuntimeException e) {
            tx.close();
            throw e;
        }
    }

    private static int port(Endpoint e) throws IOException {
        return ((Address.Ip) e.localAddress()).port();
    }

    @Test
    void aJoinedGroupReceivesAndALeftOneDoesNot() throws IOException {
        for (Family f : new Family[] {Family.INET, Family.INET6}) { // an INET6 endpoint may join an IPv4 group
            try (Endpoint rx = receiver(f); Endpoint tx = sender("127.0.0.1")) {
                Address to = Address.of(GROUP, port(rx));
                rx.joinGroup(GROUP, lo);
                tx.sendTo("to the group".getBytes(StandardCharsets.US_ASCII), to);
                Datagram d = rx.recvFrom(64);
                assertEquals("to the group", new String(d.data(), StandardCharsets.US_ASCII), f.name());
                assertEquals(tx.localAddress(), d.sender());

                rx.leaveGroup(GROUP, lo);
                tx.sendTo("after leaving".getBytes(StandardCharsets.US_ASCII), to);
                rx.timeout(Udp.ABSENT);
                assertThrows(SocketTimeoutException.class, () -> rx.recvFrom(64), f + ": left the group, yet received");
                // and joining again works
                rx.timeout(WAIT).joinGroup(GROUP, lo);
                tx.sendTo("again".getBytes(StandardCharsets.US_ASCII), to);
                assertArrayEquals("again".getBytes(StandardCharsets.US_ASCII), rx.recvFrom(64).data());
            }
        }
    }

    @Test
    void aSourceSpecificMembershipTakesOnlyThatSource() throws IOException {
        try (Endpoint rx = receiver(Family.INET); Endpoint wanted = sender("127.0.0.1"); Endpoint other = sender("127.0.0.2")) {
            Address to = Address.of(SSM_GROUP, port(rx));
            rx.joinGroup(SSM_GROUP, lo, InetAddress.ofLiteral("127.0.0.1"));
            // The unwanted source sends first: if the filter failed, its datagram would come first.
            other.sendTo("from .2".getBytes(StandardCharsets.US_ASCII), to);
            wanted.sendTo("from .1".getBytes(StandardCharsets.US_ASCII), to);
            Datagram d = rx.recvFrom(64);
            assertEquals("from .1", new String(d.data(), StandardCharsets.US_ASCII));
            assertEquals(wanted.localAddress(), d.sender());
            rx.timeout(Udp.ABSENT);
            assertThrows(SocketTimeoutException.class, () -> rx.recvFrom(64));

            rx.leaveGroup(SSM_GROUP, lo, InetAddress.ofLiteral("127.0.0.1"));
            wanted.sendTo("after".getBytes(StandardCharsets.US_ASCII), to);
            assertThrows(SocketTimeoutException.class, () -> rx.recvFrom(64));
        }
    }

    @Test
    void membershipMisuseAndBadGroupsAreTypedErrors() throws IOException {
        try (Endpoint v4 = receiver(Family.INET)) {
            var notGroup = assertThrows(IllegalArgumentException.class, () -> v4.joinGroup(InetAddress.ofLiteral("127.0.0.1"), lo));
            assertTrue(notGroup.getMessage().contains("127.0.0.1") && notGroup.getMessage().contains("not a multicast"), notGroup.getMessage());
            var v6Group = assertThrows(IllegalArgumentException.class, () -> v4.joinGroup(InetAddress.ofLiteral("ff15::99"), lo));
            assertTrue(v6Group.getMessage().contains("INET/DGRAM"), v6Group.getMessage());

            v4.joinGroup(GROUP, lo);
            var twice = assertThrows(EndpointStateException.class, () -> v4.joinGroup(GROUP, lo));
            assertTrue(twice.getMessage().contains("already a member") && twice.getMessage().contains("239.255.42.99 on lo"), twice.getMessage());
            // an any-source membership cannot also be source-specific
            assertThrows(EndpointStateException.class, () -> v4.joinGroup(GROUP, lo, InetAddress.ofLiteral("127.0.0.1")));
            var notMember = assertThrows(EndpointStateException.class, () -> v4.leaveGroup(InetAddress.ofLiteral("239.255.42.98"), lo));
            assertTrue(notMember.getMessage().contains("not a member"), notMember.getMessage());
            v4.leaveGroup(GROUP, lo);
            assertThrows(EndpointStateException.class, () -> v4.leaveGroup(GROUP, lo));
            var wildcardSource = assertThrows(IllegalArgumentException.class,
                    () -> v4.joinGroup(SSM_GROUP, lo, InetAddress.ofLiteral("0.0.0.0")));
            assertTrue(wildcardSource.getMessage().contains("wildcard"), wildcardSource.getMessage());
        }
    }

    @Test
    void theKernelHoldsTheMembershipUntilLeaveOrClose() throws IOException {
        // /proc/net/igmp lists each interface's groups: proof that join, leave and close reach the kernel.
        InetAddress g = InetAddress.ofLiteral("239.255.42.97");
        assertTrue(!kernelHas(g), "group already joined by someone else");
        try (Endpoint rx = receiver(Family.INET)) {
            rx.joinGroup(g, lo);
            assertTrue(kernelHas(g));
            rx.leaveGroup(g, lo);
            assertTrue(!kernelHas(g));
            rx.joinGroup(g, lo);
            assertTrue(kernelHas(g));
        }
        assertTrue(!kernelHas(g), "closing the endpoint left the group");
    }

    /** Whether lo has the IPv4 group, as /proc/net/igmp prints it (the address as a native-order hex int). */
    private static boolean kernelHas(InetAddress group) throws IOException {
        byte[] b = group.getAddress();
        String hex = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? String.format("%02X%02X%02X%02X", b[3], b[2], b[1], b[0])
                : String.format("%02X%02X%02X%02X", b[0], b[1], b[2], b[3]);
        boolean inLo = false;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/igmp"))) {
            if (!line.startsWith("\t") && !line.startsWith("Idx")) {
                inLo = line.contains("\tlo ") || line.matches("^\\d+\\s+lo\\b.*");
            } else if (inLo && line.contains(hex)) {
                return true;
            }
        }
        return false;
    }
}
