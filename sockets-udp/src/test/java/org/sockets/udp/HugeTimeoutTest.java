package org.sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Received;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.HugeTimeouts;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A timeout too long for the clock means no limit (issue #10, bug 3): every blocking call works,
 * with a datagram already waiting and with one that comes later, where each threw
 * {@code ArithmeticException: long overflow} computing its deadline.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HugeTimeoutTest {

    @AfterEach
    void clearDefault() {
        Sockets.clearDefaultTimeout();
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void everyBlockingCallWorksWithAHugeTimeout(Duration huge) throws Exception {
        try (Endpoint a = Udp.bound(Family.INET).timeout(huge); Endpoint b = Udp.bound(Family.INET).timeout(huge)) {
            exchange(a, b);
            assertEquals(Optional.of(huge), a.timeout(), "the timeout is still reported as given");
        }
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void aHugeDefaultTimeoutWorksOnEveryEndpoint(Duration huge) throws Exception {
        Sockets.defaultTimeout(huge);
        try (Endpoint a = Sockets.open(Family.INET, SocketType.DGRAM); Endpoint b = Sockets.open(Family.INET, SocketType.DGRAM)) {
            assertEquals(Optional.of(huge), a.timeout());
            a.bind(Address.of(Udp.loopback(Family.INET), 0));
            b.bind(Address.of(Udp.loopback(Family.INET), 0));
            exchange(a, b);
        }
    }

    /** sendTo / recvFrom, then connect / send / recv, then a datagram 200 ms after the call began. */
    static void exchange(Endpoint a, Endpoint b) throws Exception {
        assertEquals(2, a.sendTo(new byte[] {1, 2}, b.localAddress()));
        Received r = b.recvFrom(ByteBuffer.allocate(16));
        assertEquals(2, r.length());
        assertEquals(a.localAddress(), r.sender());
        a.connect(b.localAddress());
        b.connect(a.localAddress());
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
