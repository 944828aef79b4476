package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.samples.memory.MemoryTransportProvider;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A timeout too long for the clock means no limit on the in-memory sample transport too (issue
 * #10, bug 3): {@code accept}, {@code send} and {@code recv} threw
 * {@code ArithmeticException: long overflow} computing their deadline.
 */
@ExtendWith(NoDescriptorLeaks.class)
class MemoryHugeTimeoutTest {

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
        Sockets.defaultTimeout(huge); // Sockets.open applies it
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME);
             Endpoint client = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            listener.bind(Address.any(0)).listen(1);
            client.connect(listener.localAddress());
            try (Endpoint conn = listener.accept().timeout(huge)) {
                client.sendAll(new byte[] {1, 2});
                assertArrayEquals(new byte[] {1, 2}, conn.recv(16));
                assertEquals(1, conn.send(new byte[] {3}));
                assertArrayEquals(new byte[] {3}, client.recv(16));
                CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(200);
                        conn.sendAll(new byte[] {4});
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                assertArrayEquals(new byte[] {4}, client.recv(16));
                late.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
