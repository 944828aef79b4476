package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Proves the TCP options: each one round-trips (before and after connect), an unsupported one
 * fails naming itself, and options set on a listener reach the connections it accepts.
 */
@ExtendWith(NoDescriptorLeaks.class)
class OptionsTest {

    private static final List<SocketOption<?>> TCP_OPTIONS = List.of(Options.TCP_NODELAY, Options.SO_KEEPALIVE,
            Options.TCP_KEEPIDLE, Options.TCP_KEEPINTERVAL, Options.TCP_KEEPCOUNT, Options.SO_REUSEADDR,
            Options.SO_REUSEPORT, Options.SO_LINGER, Options.SO_RCVBUF, Options.SO_SNDBUF);

    /** Sets non-default values of every option and reads them back. */
    private static void roundTrip(Endpoint e) throws Exception {
        assertEquals(false, e.option(Options.TCP_NODELAY), "default");
        e.option(Options.TCP_NODELAY, true);
        assertEquals(true, e.option(Options.TCP_NODELAY));
        e.option(Options.TCP_NODELAY, false);
        assertEquals(false, e.option(Options.TCP_NODELAY));

        e.option(Options.SO_KEEPALIVE, true);
        assertEquals(true, e.option(Options.SO_KEEPALIVE));
        e.option(Options.TCP_KEEPIDLE, 77);
        assertEquals(77, e.option(Options.TCP_KEEPIDLE));
        e.option(Options.TCP_KEEPINTERVAL, 13);
        assertEquals(13, e.option(Options.TCP_KEEPINTERVAL));
        e.option(Options.TCP_KEEPCOUNT, 4);
        assertEquals(4, e.option(Options.TCP_KEEPCOUNT));

        e.option(Options.SO_REUSEADDR, true);
        assertEquals(true, e.option(Options.SO_REUSEADDR));
        e.option(Options.SO_REUSEADDR, false);
        assertEquals(false, e.option(Options.SO_REUSEADDR));
        e.option(Options.SO_REUSEPORT, true);
        assertEquals(true, e.option(Options.SO_REUSEPORT));

        assertEquals(-1, e.option(Options.SO_LINGER), "off by default");
        e.option(Options.SO_LINGER, 5);
        assertEquals(5, e.option(Options.SO_LINGER));
        e.option(Options.SO_LINGER, -1);
        assertEquals(-1, e.option(Options.SO_LINGER));

        // Linux doubles the size asked for (bookkeeping overhead); never less than asked.
        e.option(Options.SO_RCVBUF, 48 * 1024);
        int rcv = e.option(Options.SO_RCVBUF);
        assertTrue(rcv >= 48 * 1024 && rcv <= 4 * 48 * 1024, "SO_RCVBUF " + rcv);
        e.option(Options.SO_SNDBUF, 40 * 1024);
        int snd = e.option(Options.SO_SNDBUF);
        assertTrue(snd >= 40 * 1024 && snd <= 4 * 40 * 1024, "SO_SNDBUF " + snd);
    }

    @Test
    void everyTcpOptionRoundTripsOnNewAndConnectedEndpoints() throws Exception {
        try (Endpoint fresh = Sockets.open(Family.INET6, SocketType.STREAM)) {
            assertTrue(fresh.supportedOptions().containsAll(TCP_OPTIONS), fresh.supportedOptions().toString());
            roundTrip(fresh);
        }
        try (Loopback.Pair p = Loopback.pair()) {
            roundTrip(p.client());
            roundTrip(p.server());
        }
    }

    @Test
    void optionsSetBeforeConnectStayAfterIt() throws Exception {
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(4);
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM)) {
                c.option(Options.TCP_NODELAY, true).option(Options.SO_KEEPALIVE, true)
                        .option(Options.TCP_KEEPIDLE, 33).option(Options.SO_LINGER, 7);
                c.connect(listener.localAddress());
                try (Endpoint accepted = listener.accept()) {
                    assertEquals(true, c.option(Options.TCP_NODELAY));
                    assertEquals(true, c.option(Options.SO_KEEPALIVE));
                    assertEquals(33, c.option(Options.TCP_KEEPIDLE));
                    assertEquals(7, c.option(Options.SO_LINGER));
                    // The other side, untouched, has the defaults: the values above are not defaults.
                    assertEquals(false, accepted.option(Options.TCP_NODELAY));
                    assertEquals(false, accepted.option(Options.SO_KEEPALIVE));
                    assertEquals(-1, accepted.option(Options.SO_LINGER));
                }
            }
        }
    }

    @Test
    void anUnsupportedOptionFailsNamingIt() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            for (Endpoint e : List.of(p.client(), p.listener(), Sockets.open(Family.INET6, SocketType.STREAM))) {
                try (e) {
                    for (SocketOption<?> o : List.<SocketOption<?>>of(Options.SO_BROADCAST, Options.IP_MULTICAST_TTL, Options.SO_PEERCRED)) {
                        assertTrue(!e.supportedOptions().contains(o), o + " listed as supported");
                        var get = assertThrows(UnsupportedOperationException.class, () -> e.option(o));
                        assertTrue(get.getMessage().contains(o.name()), get.getMessage());
                    }
                    var set = assertThrows(UnsupportedOperationException.class, () -> e.option(Options.SO_BROADCAST, true));
                    assertTrue(set.getMessage().contains("SO_BROADCAST"), set.getMessage());
                    var ttl = assertThrows(UnsupportedOperationException.class, () -> e.option(Options.IP_MULTICAST_TTL, 3));
                    assertTrue(ttl.getMessage().contains("IP_MULTICAST_TTL"), ttl.getMessage());
                }
            }
        }
    }

    @Test
    void invalidValuesAreRejected() throws Exception {
        try (Endpoint e = Sockets.open(Family.INET, SocketType.STREAM)) {
            int idleDefault = e.option(Options.TCP_KEEPIDLE);
            var idle = assertThrows(IllegalArgumentException.class, () -> e.option(Options.TCP_KEEPIDLE, -5));
            assertTrue(idle.getMessage().contains("TCP_KEEPIDLE") && idle.getMessage().contains("-5"), idle.getMessage());
            assertThrows(IllegalArgumentException.class, () -> e.option(Options.TCP_KEEPINTERVAL, 0));
            assertThrows(IllegalArgumentException.class, () -> e.option(Options.TCP_KEEPCOUNT, 128));
            assertThrows(IllegalArgumentException.class, () -> e.option(Options.SO_RCVBUF, -1));
            assertThrows(NullPointerException.class, () -> e.option(Options.TCP_NODELAY, null));
            assertEquals(idleDefault, e.option(Options.TCP_KEEPIDLE), "unchanged by the rejected value");
            e.option(Options.TCP_KEEPCOUNT, 127); // the limits themselves are fine
            e.option(Options.TCP_KEEPIDLE, 32767);
            assertEquals(32767, e.option(Options.TCP_KEEPIDLE));
        }
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of(Loopback.V4, 0)).listen(2)) {
            // A listener keeps connection options for later: a bad one must fail now, not at every accept.
            assertThrows(IllegalArgumentException.class, () -> listener.option(Options.TCP_KEEPIDLE, 0));
            try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
                 Endpoint a = listener.accept()) {
                assertEquals(c.option(Options.TCP_KEEPIDLE), a.option(Options.TCP_KEEPIDLE));
            }
        }
    }

    @Test
    void optionsSetOnAListenerReachAcceptedConnections() throws Exception {
        int before = Fds.count();
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            // Some set before listen (the socket is replaced then), some after.
            listener.bind(Address.of(Loopback.V4, 0));
            listener.option(Options.SO_KEEPALIVE, true).option(Options.TCP_KEEPIDLE, 99)
                    .option(Options.SO_RCVBUF, 96 * 1024).option(Options.SO_REUSEADDR, true);
            listener.listen(4);
            listener.option(Options.TCP_NODELAY, true).option(Options.TCP_KEEPINTERVAL, 11)
                    .option(Options.TCP_KEEPCOUNT, 3).option(Options.SO_LINGER, 2).option(Options.SO_SNDBUF, 80 * 1024);

            // The listener reports what it will pass on, and its own options.
            assertEquals(true, listener.option(Options.TCP_NODELAY));
            assertEquals(99, listener.option(Options.TCP_KEEPIDLE));
            assertEquals(true, listener.option(Options.SO_REUSEADDR));
            assertTrue(listener.option(Options.SO_RCVBUF) >= 96 * 1024);

            for (int i = 0; i < 2; i++) { // every accepted connection, not just the first
                try (Endpoint c = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
                     Endpoint a = listener.accept()) {
                    assertEquals(true, a.option(Options.TCP_NODELAY));
                    assertEquals(true, a.option(Options.SO_KEEPALIVE));
                    assertEquals(99, a.option(Options.TCP_KEEPIDLE));
                    assertEquals(11, a.option(Options.TCP_KEEPINTERVAL));
                    assertEquals(3, a.option(Options.TCP_KEEPCOUNT));
                    assertEquals(2, a.option(Options.SO_LINGER));
                    assertTrue(a.option(Options.SO_RCVBUF) >= 96 * 1024, "SO_RCVBUF " + a.option(Options.SO_RCVBUF));
                    assertTrue(a.option(Options.SO_SNDBUF) >= 80 * 1024, "SO_SNDBUF " + a.option(Options.SO_SNDBUF));
                    // The client side was not touched: these are not the system's defaults.
                    assertEquals(false, c.option(Options.TCP_NODELAY));
                    assertTrue(c.option(Options.TCP_KEEPIDLE) != 99);
                    assertEquals(-1, c.option(Options.SO_LINGER));
                }
            }
        }
        try (Endpoint bare = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of(Loopback.V4, 0)).listen(1)) {
            // A connection option nobody set on a listener: nothing to report, and it says so.
            var unset = assertThrows(UnsupportedOperationException.class, () -> bare.option(Options.TCP_KEEPCOUNT));
            assertTrue(unset.getMessage().contains("TCP_KEEPCOUNT"), unset.getMessage());
        }
        Fds.assertBackTo(before);
    }
}
