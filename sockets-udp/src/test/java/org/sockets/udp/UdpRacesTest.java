package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.udp.Udp.bound;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.testkit.NoDescriptorLeaks;

/** Races between a call in progress and close, a mode switch or an interrupt, found in review. */
@ExtendWith(NoDescriptorLeaks.class)
class UdpRacesTest {

    private interface Call {
        Object run() throws Exception;
    }

    private static CompletableFuture<Object> inThread(Call call) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(call.run());
            } catch (Throwable e) {
                f.complete(e);
            }
        });
        return f;
    }

    /**
     * A blocked receive holds the JDK's read lock; a timed send from another thread switches the
     * channel to non-blocking mode, which the JDK makes wait for that lock. close() must not wait
     * behind that switch: it is what ends the receive.
     */
    @Test
    void closeIsNotHeldUpByAModeSwitchWaitingForABlockedReceive() throws Exception {
        try (Endpoint peer = bound(Family.INET)) {
            Endpoint a = bound(Family.INET).blocking();
            var receive = inThread(() -> a.recvFrom(64));
            Thread.sleep(200); // the receive blocks in the kernel
            var send = inThread(() -> {
                a.timeout(Duration.ofSeconds(1));
                return a.sendTo(new byte[] {1}, peer.localAddress());
            });
            Thread.sleep(200); // the send waits in configureBlocking(false) for the receive
            var close = inThread(() -> {
                a.close();
                return "closed";
            });
            try {
                close.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // let the threads go so the test ends: a datagram ends the receive, then the rest
                peer.sendTo(new byte[] {2}, a.localAddress());
                close.get(5, TimeUnit.SECONDS);
                throw new AssertionError("close() waited for a receive in progress (behind a mode switch)");
            } finally {
                send.get(5, TimeUnit.SECONDS);
            }
            assertInstanceOf(AsynchronousCloseException.class, receive.get(5, TimeUnit.SECONDS));
            assertFalse(a.isOpen());
        }
    }

    /** An interrupt before a timed receive, as before a blocking one, closes the endpoint. */
    @Test
    void anInterruptBeforeATimedReceiveClosesTheEndpoint() throws Exception {
        Endpoint a = bound(Family.INET); // timed
        try {
            var outcome = inThread(() -> {
                Thread.currentThread().interrupt();
                return a.recvFrom(64);
            });
            assertInstanceOf(ClosedByInterruptException.class, outcome.get(5, TimeUnit.SECONDS));
            assertFalse(a.isOpen(), "the interrupt closes the endpoint");
        } finally {
            a.close();
        }
    }

    /**
     * A timed receive in progress while another thread switches the endpoint to blocking mode and
     * sends: the receive goes on and gets its datagram, rather than failing with an
     * InterruptedIOException for a switch that was not its own.
     */
    @Test
    void aSwitchToBlockingByAnotherThreadDoesNotCutATimedReceiveShort() throws Exception {
        try (Endpoint a = bound(Family.INET); Endpoint peer = bound(Family.INET)) {
            a.timeout(Duration.ofSeconds(10));
            var receive = inThread(() -> a.recvFrom(64).data());
            Thread.sleep(200); // the receive waits for readiness
            var send = inThread(() -> {
                a.blocking();
                return a.sendTo(new byte[] {7}, peer.localAddress());
            });
            Thread.sleep(200);
            peer.sendTo(new byte[] {5}, a.localAddress());
            Object got = receive.get(10, TimeUnit.SECONDS);
            assertInstanceOf(byte[].class, got, "the timed receive failed: " + got);
            assertArrayEquals(new byte[] {5}, (byte[]) got);
            assertTrue(send.get(10, TimeUnit.SECONDS) instanceof Integer n && n == 1, "send: " + send.join());
            assertArrayEquals(new byte[] {7}, peer.recvFrom(64).data());
        }
    }

    /**
     * A timed receive that started while the endpoint was open, and is switching the channel to
     * non-blocking mode (waiting, in the JDK, for a blocking receive in progress) when close()
     * comes: it reports an asynchronous close, as every other call in progress does, not a bare
     * ClosedChannelException.
     */
    @Test
    void aReceiveClosedDuringItsModeSwitchReportsAnAsynchronousClose() throws Exception {
        Endpoint a = bound(Family.INET).blocking();
        var blocked = inThread(() -> a.recvFrom(64));
        Thread.sleep(200); // blocks in the kernel, holding the JDK's read lock
        var timed = inThread(() -> {
            a.timeout(Duration.ofSeconds(5));
            return a.recvFrom(64);
        });
        Thread.sleep(200); // waits in configureBlocking(false) for the blocked receive
        a.close();
        assertInstanceOf(AsynchronousCloseException.class, blocked.get(5, TimeUnit.SECONDS));
        Object outcome = timed.get(5, TimeUnit.SECONDS);
        assertInstanceOf(AsynchronousCloseException.class, outcome, "the timed receive: " + outcome);
    }
}
