package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Resolver;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Proves Sockets.connect's Happy Eyeballs race (RFC 8305) with an injected resolver on loopback:
 * a stalled first address costs about one attempt delay, a refused one nothing; failures and
 * timeouts are reported per address; losers are closed; order and family rules hold.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HappyEyeballsTest {

    private static final String HOST = "dual.test";

    private static Resolver resolving(InetAddress... ips) {
        List<InetAddress> list = List.of(ips);
        return host -> {
            if (!host.equals(HOST)) {
                throw new UnknownHostException(host);
            }
            return list;
        };
    }

    private static Endpoint listener(InetAddress ip, int port) throws IOException {
        Endpoint l = Sockets.open(ip instanceof Inet6Address ? Family.INET6 : Family.INET, SocketType.STREAM);
        try {
            return l.bind(Address.of(ip, port)).listen(8);
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    /** A port where ::1 never answers and 127.0.0.1 accepts (retried if the v4 port is taken). */
    private record StallAndGood(Loopback.Stall stall, Endpoint good, int port) implements AutoCloseable {
        static StallAndGood open() throws IOException {
            for (int i = 0; ; i++) {
                Loopback.Stall stall = new Loopback.Stall(Loopback.V6);
                try {
                    return new StallAndGood(stall, listener(Loopback.V4, stall.address.port()), stall.address.port());
                } catch (BindException taken) {
                    stall.close();
                    if (i == 5) {
                        throw taken;
                    }
                }
            }
        }

        @Override
        public void close() {
            good.close();
            stall.close();
        }
    }

    /** A port on which nothing listens, on 127.0.0.1 nor on ::1 (a just-freed ephemeral port). */
    private static int closedPort() throws IOException {
        try (Endpoint e = Sockets.open(Family.INET6, SocketType.STREAM)) {
            return e.bind(Address.of(Loopback.V6, 0)).localAddress() instanceof Address.Ip ip ? ip.port() : -1;
        }
    }

    @ParameterizedTest(name = "with a timeout: {0}")
    @ValueSource(booleans = {true, false})
    void aStalledFirstAddressCostsOneAttemptDelay(boolean withTimeout) throws Exception {
        int before = Fds.count();
        Duration delay = Duration.ofMillis(300);
        try (StallAndGood s = StallAndGood.open()) {
            ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4)).withAttemptDelay(delay);
            if (withTimeout) {
                o = o.withTimeout(Duration.ofSeconds(20));
            }
            long t0 = System.nanoTime();
            try (Endpoint e = Sockets.connect(Address.of(HOST, s.port()), o);
                 Endpoint accepted = s.good().accept()) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertEquals(Address.of(Loopback.V4, s.port()), e.peerAddress());
                assertEquals(e.localAddress(), accepted.peerAddress());
                assertTrue(took.compareTo(delay) >= 0, "the second attempt started after " + took.toMillis() + " ms, before the delay");
                // The stalled attempt alone would take its whole 20 s timeout, or minutes of SYN retries.
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took.toMillis() + " ms");
                assertEquals(withTimeout ? Optional.of(Duration.ofSeconds(20)) : Optional.empty(), e.timeout(),
                        "the options' timeout stays on the endpoint");
            }
        }
        // The stalled ::1 attempt was closed, not left connecting.
        Fds.assertBackTo(before);
    }

    @Test
    void aRefusedFirstAddressStartsTheNextAtOnce() throws Exception {
        Duration delay = Duration.ofSeconds(20);
        try (Endpoint good = listener(Loopback.V4, 0)) {
            int port = ((Address.Ip) good.localAddress()).port();
            ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4)).withAttemptDelay(delay);
            long t0 = System.nanoTime();
            try (Endpoint e = Sockets.connect(Address.of(HOST, port), o);
                 Endpoint accepted = good.accept()) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertEquals(Address.of(Loopback.V4, port), e.peerAddress());
                assertEquals(e.localAddress(), accepted.peerAddress());
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "waited " + took.toMillis() + " ms: the refusal did not start the next attempt");
                assertEquals(Optional.empty(), e.timeout());
            }
        }
    }

    @Test
    void whenEveryAddressRefusesTheErrorListsEachWithItsCause() throws Exception {
        int port = closedPort();
        ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4));
        ConnectException e = assertThrows(ConnectException.class, () -> Sockets.connect(Address.of(HOST, port), o));
        String v6 = Address.of(Loopback.V6, port).toString();
        String v4 = Address.of(Loopback.V4, port).toString();
        assertTrue(e.getMessage().contains(HOST) && e.getMessage().contains(v6) && e.getMessage().contains(v4), e.getMessage());
        assertEquals(2, e.getSuppressed().length, () -> Arrays.toString(e.getSuppressed()));
        assertInstanceOf(ConnectException.class, e.getSuppressed()[0]);
        assertInstanceOf(ConnectException.class, e.getSuppressed()[1]);
        assertTrue(e.getSuppressed()[0].getMessage().contains(v6), e.getSuppressed()[0].getMessage());
        assertTrue(e.getSuppressed()[1].getMessage().contains(v4), e.getSuppressed()[1].getMessage());
    }

    @Test
    void whenEveryAttemptTimesOutTheErrorIsATimeout() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (Loopback.Stall v6 = new Loopback.Stall(Loopback.V6);
             Loopback.Stall v4 = new Loopback.Stall(Loopback.V4, v6.address.port())) {
            ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4))
                    .withAttemptDelay(Duration.ofMillis(100)).withTimeout(timeout);
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> Sockets.connect(Address.of(HOST, v6.address.port()), o));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(timeout) >= 0 && took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took.toMillis() + " ms");
            assertTrue(e.getMessage().contains(v6.address.toString()) && e.getMessage().contains(v4.address.toString()), e.getMessage());
            assertEquals(2, e.getSuppressed().length, () -> Arrays.toString(e.getSuppressed()));
            for (Throwable s : e.getSuppressed()) {
                assertInstanceOf(SocketTimeoutException.class, s);
            }
        }
    }

    @Test
    void whenBothConnectTheLoserIsClosed() throws Exception {
        try (StallAndGood s = StallAndGood.open()) {
            // Replace the stall by a second good listener on the same port, on ::1.
            s.stall().close();
            Endpoint good6 = listener(Loopback.V6, s.port());
            try (good6) {
                ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4))
                        .withAttemptDelay(Duration.ZERO);
                for (int i = 0; i < 5; i++) {
                    try (Endpoint e = Sockets.connect(Address.of(HOST, s.port()), o)) {
                        Address peer = e.peerAddress();
                        assertTrue(peer.equals(Address.of(Loopback.V6, s.port())) || peer.equals(Address.of(Loopback.V4, s.port())), peer.toString());
                        e.sendAll(new byte[] {42});
                    }
                }
            }
        }
    }

    @Test
    void attemptsAlternateFamiliesStartingWithTheResolversFirst() throws Exception {
        int port = closedPort();
        // Sequential here: each refusal starts the next attempt, so the causes come in attempt order.
        InetAddress any6 = InetAddress.ofLiteral("::"); // Linux connects :: to ::1
        InetAddress v4b = InetAddress.ofLiteral("127.0.0.2");
        InetAddress v4c = InetAddress.ofLiteral("127.0.0.3");
        assertEquals(List.of(Loopback.V6, Loopback.V4, any6, v4b, v4c),
                attemptOrder(port, Loopback.V6, any6, Loopback.V4, v4b, v4c));
        assertEquals(List.of(Loopback.V4, Loopback.V6, v4b, any6, v4c),
                attemptOrder(port, Loopback.V4, v4b, v4c, Loopback.V6, any6));
        assertEquals(List.of(Loopback.V4, v4b), attemptOrder(port, Loopback.V4, v4b));
    }

    private static List<InetAddress> attemptOrder(int port, InetAddress... resolved) {
        ConnectOptions o = ConnectOptions.defaults().withResolver(resolving(resolved)).withAttemptDelay(Duration.ofSeconds(20));
        ConnectException e = assertThrows(ConnectException.class, () -> Sockets.connect(Address.of(HOST, port), o));
        return Arrays.stream(e.getSuppressed()).map(s -> {
            for (InetAddress a : resolved) {
                if (s.getMessage().endsWith(": " + Address.of(a, port))) {
                    return a;
                }
            }
            throw new AssertionError("no address in " + s.getMessage());
        }).toList();
    }

    @Test
    void aFamilyRestrictionKeepsToThatFamily() throws Exception {
        try (StallAndGood s = StallAndGood.open()) {
            s.stall().close();
            Endpoint good6 = listener(Loopback.V6, s.port());
            try (good6) {
                ConnectOptions both = ConnectOptions.defaults().withResolver(resolving(Loopback.V6, Loopback.V4));
                try (Endpoint e = Sockets.connect(Address.of(HOST, s.port()), both.withFamily(Family.INET))) {
                    assertEquals(Family.INET, e.family());
                    assertEquals(Address.of(Loopback.V4, s.port()), e.peerAddress());
                }
                try (Endpoint e = Sockets.connect(Address.of(HOST, s.port()), both.withFamily(Family.INET6))) {
                    assertEquals(Family.INET6, e.family());
                    assertEquals(Address.of(Loopback.V6, s.port()), e.peerAddress());
                }
                ConnectOptions v4only = ConnectOptions.defaults().withResolver(resolving(Loopback.V4)).withFamily(Family.INET6);
                UnknownHostException none = assertThrows(UnknownHostException.class, () -> Sockets.connect(Address.of(HOST, s.port()), v4only));
                assertTrue(none.getMessage().contains(HOST), none.getMessage());
                assertThrows(IllegalArgumentException.class,
                        () -> Sockets.connect(Address.of(Loopback.V6, s.port()), both.withFamily(Family.INET)));
            }
        }
    }
}
