package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sockets.api.Endpoint;

/**
 * What the transports' {@code HugeTimeoutTest}s share (issue #10, bug 3: a timeout too long for
 * the clock threw {@code ArithmeticException: long overflow} computing its deadline): the huge
 * timeouts, and a stream exchange through every blocking call. Each transport keeps its own test,
 * since how it makes endpoints with such a timeout (listener, pair, default) is its own.
 *
 * {@snippet :
 * @ParameterizedTest
 * @MethodSource("org.sockets.contract.HugeTimeouts#huge")
 * void everyBlockingCallWorksWithAHugeTimeout(Duration huge) throws Exception {
 *     // ... a connected client and conn, each with timeout(huge)
 *     HugeTimeouts.exchange(client, conn);
 * }
 * }
 */
public final class HugeTimeouts {

    private HugeTimeouts() {
    }

    /**
     * Timeouts past nanoTime's range: the first two overflow {@code toNanos}; the third overflows
     * {@code nanoTime()} plus it.
     *
     * @return the three durations
     */
    public static Stream<Duration> huge() {
        return Stream.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365L * 200));
    }

    /**
     * Data already there, then data that comes 200 ms after the call began, both ways, over two
     * connected stream endpoints.
     *
     * @param a one end
     * @param b the other
     * @throws Exception on any failure
     */
    public static void exchange(Endpoint a, Endpoint b) throws Exception {
        a.sendAll(new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, b.recv(16));
        assertEquals(1, b.send(new byte[] {3}));
        assertArrayEquals(new byte[] {3}, a.recv(16));
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
                b.sendAll(new byte[] {4});
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertArrayEquals(new byte[] {4}, a.recv(16));
        late.get(30, TimeUnit.SECONDS);
    }
}
