package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.Fds;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * TCP's side of timeout mode: connect gives up after its timeout and closes the endpoint, the
 * process-wide default reaches opened and accepted endpoints, and an endpoint switches between
 * modes (on both kinds of thread). Timed recv, send, sendAll and accept are in the contract
 * suite (TcpContractTest).
 */
@ExtendWith(NoDescriptorLeaks.class)
class TimeoutTest {

    private static final Duration T = Duration.ofMillis(300);
    /** Generous: this machine is shared with other builds. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @AfterEach
    void clearDefault() {
        Sockets.clearDefaultTimeout();
    }

    /** Runs a call that must time out and checks how long it took. */
    private static SocketTimeoutException timesOut(Duration timeout, org.junit.jupiter.api.function.Executable call) {
        long t0 = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(timeout) >= 0, "gave up after " + took.toMillis() + " ms, before its timeout of " + timeout.toMillis() + " ms");
        assertTrue(took.compareTo(timeout.plus(SLACK)) < 0, "gave up after " + took.toMillis() + " ms for a timeout of " + timeout.toMillis() + " ms");
        return e;
    }

    @Test
    void connectTimesOutNamingTheAddressAndClosesTheEndpoint() throws Exception {
        try (Loopback.Stall stall = new Loopback.Stall(Loopback.V4);
             Endpoint e = Sockets.open(Family.INET, SocketType.STREAM)) {
            e.timeout(T);
            SocketTimeoutException ex = timesOut(T, () -> e.connect(stall.address));
            assertTrue(ex.getMessage().contains(stall.address.toString()), ex.getMessage());
            // As the JDK does after a failed connect: a half-open attempt cannot be reused.
            assertFalse(e.isOpen());
        }
    }

    @Test
    void theDefaultTimeoutAppliesToOpenedAndAcceptedEndpoints() throws Exception {
        int before = Fds.count();
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            assertEquals(Optional.empty(), listener.timeout());
            listener.bind(Address.of(Loopback.V4, 0)).listen(4);
            Sockets.defaultTimeout(T);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM);
                 Endpoint conn = accepting(listener, client)) {
                assertEquals(Optional.of(T), client.timeout(), "opened after the default was set");
                assertEquals(Optional.of(T), conn.timeout(), "accepted after the default was set");
                assertEquals(Optional.empty(), listener.timeout(), "opened before: unchanged");
                timesOut(T, () -> conn.recv(1));
                timesOut(T, () -> client.recv(1));
            }
            // The listener's own timeout does not pass to accepted endpoints; the default does.
            Sockets.clearDefaultTimeout();
            listener.timeout(Duration.ofSeconds(7));
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM);
                 Endpoint conn = accepting(listener, client)) {
                assertEquals(Optional.empty(), client.timeout());
                assertEquals(Optional.empty(), conn.timeout());
            }
            // Sockets.connect too: options without a timeout take the default.
            Sockets.defaultTimeout(Duration.ofSeconds(9));
            try (Endpoint client = Sockets.connect(listener.localAddress());
                 Endpoint conn = listener.accept()) {
                assertEquals(Optional.of(Duration.ofSeconds(9)), client.timeout());
                assertEquals(Optional.of(Duration.ofSeconds(9)), conn.timeout());
            }
        }
        Fds.assertBackTo(before);
    }

    private static Endpoint accepting(Endpoint listener, Endpoint client) throws Exception {
        client.connect(listener.localAddress());
        return listener.accept();
    }

    @Test
    void anEndpointSwitchesBetweenTimeoutAndBlockingMidLife() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            Endpoint c = p.client();
            assertEquals(Optional.empty(), c.timeout());
            c.timeout(T);
            assertEquals(Optional.of(T), c.timeout());
            timesOut(T, () -> c.recv(1));

            c.blocking();
            assertEquals(Optional.empty(), c.timeout());
            // Blocking again: a recv waits past the old timeout and gets the data.
            var waiting = Loopback.start(true, "blocking recv", () -> c.recv(4));
            Thread.sleep(T.multipliedBy(2).toMillis());
            assertFalse(waiting.result().isDone(), "a blocking recv returned (or timed out) with nothing sent");
            p.server().sendAll(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, waiting.get(Duration.ofSeconds(10)));
            c.sendAll(new byte[] {3});
            assertArrayEquals(new byte[] {3}, p.server().recv(4));

            Duration shorter = Duration.ofMillis(150);
            c.timeout(shorter);
            timesOut(shorter, () -> c.recv(1));
            p.server().sendAll(new byte[] {4});
            assertArrayEquals(new byte[] {4}, c.recv(4));
            c.blocking();
            p.server().sendAll(new byte[] {5});
            assertArrayEquals(new byte[] {5}, c.recv(4));
        }
    }

    /**
     * A platform thread waits on a selector of its own and a virtual thread on the shared one, so
     * an endpoint used by both is registered with both at once: the switch to blocking mode must
     * deregister it from both (a registered channel cannot block), and close must release its
     * socket (checked by {@link NoDescriptorLeaks}).
     */
    @Test
    void timedWaitsOnBothKindsOfThreadThenBlockingMode() throws Exception {
        try (Loopback.Pair p = Loopback.pair()) {
            Endpoint c = p.client();
            c.timeout(T);
            for (boolean virtual : new boolean[] {false, true, false}) {
                Loopback.start(virtual, "timed recv", () -> timesOut(T, () -> c.recv(1))).get(Duration.ofSeconds(30));
                var waiting = Loopback.start(virtual, "timed recv", () -> c.recv(4));
                Thread.sleep(50);
                p.server().sendAll(new byte[] {1});
                assertArrayEquals(new byte[] {1}, waiting.get(Duration.ofSeconds(10)), "virtual thread: " + virtual);
            }
            c.blocking();
            var blocked = Loopback.start(false, "blocking recv", () -> c.recv(4));
            Thread.sleep(T.multipliedBy(2).toMillis());
            assertFalse(blocked.result().isDone(), "a blocking recv returned (or timed out) with nothing sent");
            p.server().sendAll(new byte[] {2});
            assertArrayEquals(new byte[] {2}, blocked.get(Duration.ofSeconds(10)));
            c.timeout(T);
            Loopback.start(true, "timed recv", () -> timesOut(T, () -> c.recv(1))).get(Duration.ofSeconds(30));
            timesOut(T, () -> c.recv(1)); // this (platform) thread
        }
    }

    @Test
    void timeoutArgumentsAreChecked() throws Exception {
        try (Endpoint e = Sockets.open(Family.INET, SocketType.STREAM)) {
            assertThrows(IllegalArgumentException.class, () -> e.timeout(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> e.timeout(Duration.ofMillis(-1)));
            assertThrows(IllegalArgumentException.class, () -> Sockets.defaultTimeout(Duration.ZERO));
            assertEquals(Optional.empty(), e.timeout(), "a rejected timeout changes nothing");
        }
    }
}
