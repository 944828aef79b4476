package org.sockets.samples;


import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.contract.HugeTimeouts;
import org.sockets.samples.memory.MemoryTransportProvider;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A timeout too long for the clock means no limit on the in-memory sample transport too (issue
 * #10, bug 3): {@code accept}, {@code send} and {@code recv} threw
 * {@code ArithmeticException: long overflow} computing their deadline.
 */
@ExtendWith(NoDescriptorLeaks.class)
class MemoryHugeTimeoutTest {

    @AfterEach
    void clearDefault() {
        Sockets.clearDefaultTimeout();
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void everyBlockingCallWorksWithAHugeTimeout(Duration huge) throws Exception {
        Sockets.defaultTimeout(huge); // Sockets.open applies it
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME);
             Endpoint client = Sockets.open(Family.INET, SocketType.STREAM, MemoryTransportProvider.NAME)) {
            listener.bind(Address.any(0)).listen(1);
            client.connect(listener.localAddress());
            try (Endpoint conn = listener.accept().timeout(huge)) {
                HugeTimeouts.exchange(client, conn);
            }
        }
    }
}
