package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A timeout too long for the clock means no limit (issue #10, bug 3): every blocking call works,
 * with data already waiting and with data that comes later, where each threw
 * {@code ArithmeticException: long overflow} computing its deadline.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HugeTimeoutTest {

    /** Past nanoTime's range (the first two overflow toNanos; the third overflows nanoTime() + it). */
    static Stream<Duration> huge() {
        return Stream.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365L * 200));
    }

    @AfterEach
    void clearDefault() {
        Sockets.clearDefaultTimeout();
    }

    @ParameterizedTest
    @MethodSource("huge")
    void everyBlockingCallWorksWithAHugeTimeout(Duration huge) throws Exception {
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(4).timeout(huge);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM).timeout(huge)) {
                client.connect(listener.localAddress());
                try (Endpoint conn = listener.accept().timeout(huge)) {
                    exchange(client, conn);
                    assertEquals(Optional.of(huge), client.timeout(), "the timeout is still reported as given");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("huge")
    void aHugeDefaultTimeoutWorksOnEveryEndpoint(Duration huge) throws Exception {
        Sockets.defaultTimeout(huge);
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(4);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
                 Endpoint conn = listener.accept()) {
                assertEquals(Optional.of(huge), conn.timeout());
                exchange(client, conn);
            }
            try (Endpoint viaOptions = Sockets.connect(listener.localAddress(),
                    ConnectOptions.defaults().withTimeout(huge).withAttemptDelay(huge));
                 Endpoint conn = listener.accept()) {
                exchange(viaOptions, conn);
            }
        }
    }

    /** Data already there, then data that comes 200 ms after the call began, both ways. */
    static void exchange(Endpoint a, Endpoint b) throws Exception {
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
