package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.bound;
import static org.sockets.udp.Udp.loopback;

import java.io.IOException;
import java.net.BindException;
import java.net.NetworkInterface;
import java.net.SocketOption;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.testkit.NoDescriptorLeaks;

/** Socket options of UDP endpoints: each set, read back, and where it is observable, seen to work. */
@ExtendWith(NoDescriptorLeaks.class)
class OptionsTest {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void everyIssueOptionIsSupportedAndReadsBackWhatWasSet(Family f) throws IOException {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        try (Endpoint e = Sockets.open(f, SocketType.DGRAM)) {
            Set<SocketOption<?>> expected = Set.of(Options.SO_BROADCAST, Options.SO_RCVBUF, Options.SO_SNDBUF, Options.SO_REUSEADDR,
                    Options.SO_REUSEPORT, Options.IP_TOS, Options.IP_MULTICAST_TTL, Options.IP_MULTICAST_LOOP, Options.IP_MULTICAST_IF);
            assertTrue(e.supportedOptions().containsAll(expected), "supported: " + e.supportedOptions());

            assertFalse(e.option(Options.SO_BROADCAST), "off by default, as in C");
            assertTrue(e.option(Options.SO_BROADCAST, true).option(Options.SO_BROADCAST));
            e.option(Options.SO_RCVBUF, 300_000);
            assertTrue(e.option(Options.SO_RCVBUF) >= 300_000, "the kernel doubles it: " + e.option(Options.SO_RCVBUF));
            e.option(Options.SO_SNDBUF, 100_000);
            assertTrue(e.option(Options.SO_SNDBUF) >= 100_000, "the kernel doubles it: " + e.option(Options.SO_SNDBUF));
            assertTrue(e.option(Options.SO_REUSEADDR, true).option(Options.SO_REUSEADDR));
            assertTrue(e.option(Options.SO_REUSEPORT, true).option(Options.SO_REUSEPORT));
            // IP_TOS on INET6 is the traffic class; the low two bits (ECN) are the kernel's.
            assertEquals(0x28, e.option(Options.IP_TOS, 0x28).option(Options.IP_TOS));
            assertEquals(7, e.option(Options.IP_MULTICAST_TTL, 7).option(Options.IP_MULTICAST_TTL));
            assertFalse(e.option(Options.IP_MULTICAST_LOOP, false).option(Options.IP_MULTICAST_LOOP));
            assertEquals(lo, e.option(Options.IP_MULTICAST_IF, lo).option(Options.IP_MULTICAST_IF));
        }
    }

    @Test
    void anOptionUdpDoesNotHaveIsUnsupportedByName() throws IOException {
        try (Endpoint e = bound(Family.INET)) {
            var x = assertThrows(UnsupportedEndpointOperationException.class, () -> e.option(Options.TCP_NODELAY, true));
            assertTrue(x.getMessage().contains("TCP_NODELAY") && x.getMessage().contains("INET/DGRAM"), x.getMessage());
            assertThrows(UnsupportedEndpointOperationException.class, () -> e.option(Options.SO_PEERCRED));
            assertThrows(IllegalArgumentException.class, () -> e.option(Options.IP_MULTICAST_TTL, 300));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void reuseOptionsLetTwoEndpointsShareAPort(Family f) throws IOException {
        for (SocketOption<Boolean> reuse : java.util.List.of(Options.SO_REUSEADDR, Options.SO_REUSEPORT)) {
            try (Endpoint first = Sockets.open(f, SocketType.DGRAM); Endpoint second = Sockets.open(f, SocketType.DGRAM);
                 Endpoint plain = Sockets.open(f, SocketType.DGRAM)) {
                first.option(reuse, true).bind(Address.of(loopback(f), 0));
                Address at = first.localAddress();
                second.option(reuse, true).bind(at);
                assertEquals(at, second.localAddress(), reuse.name());
                // without the option, the port is taken
                assertThrows(BindException.class, () -> plain.bind(at), reuse.name());
            }
        }
    }

    @Test
    void soReusePortSpreadsDatagramsAcrossTheSharingEndpoints() throws IOException {
        // The kernel hashes each sender's address to one of the sockets: many senders reach both.
        try (Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM); Endpoint b = Sockets.open(Family.INET, SocketType.DGRAM)) {
            a.option(Options.SO_REUSEPORT, true).bind(Address.of("127.0.0.1", 0)).timeout(Udp.ABSENT);
            b.option(Options.SO_REUSEPORT, true).bind(a.localAddress()).timeout(Udp.ABSENT);
            for (int i = 0; i < 64; i++) {
                try (Endpoint s = bound(Family.INET)) {
                    s.sendTo(new byte[] {(byte) i}, a.localAddress());
                }
            }
            Set<Integer> atA = drain(a);
            Set<Integer> atB = drain(b);
            assertEquals(64, atA.size() + atB.size(), "every datagram arrived at exactly one: " + atA + " " + atB);
            assertFalse(atA.isEmpty() || atB.isEmpty(), "both received some: " + atA + " " + atB);
        }
    }

    private static Set<Integer> drain(Endpoint e) throws IOException {
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            try {
                got.add((int) e.recvFrom(4).data()[0]);
            } catch (java.net.SocketTimeoutException done) {
                break;
            }
        }
        return got;
    }

    @Test
    void optionsSetBeforeBindApplyToTheBoundSocket() throws IOException {
        try (Endpoint e = Sockets.open(Family.INET6, SocketType.DGRAM); Endpoint peer = bound(Family.INET6)) {
            e.option(Options.SO_RCVBUF, 400_000);
            e.bind(Address.of("::1", 0));
            assertTrue(e.option(Options.SO_RCVBUF) >= 400_000);
            e.sendTo(new byte[] {1}, peer.localAddress());
            assertArrayEquals(new byte[] {1}, peer.recvFrom(4).data());
        }
    }
}
