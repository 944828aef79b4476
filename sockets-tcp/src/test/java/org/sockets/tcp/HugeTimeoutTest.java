package org.sockets.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
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
import org.sockets.contract.HugeTimeouts;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A timeout too long for the clock means no limit (issue #10, bug 3): every blocking call works,
 * with data already waiting and with data that comes later, where each threw
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
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(4).timeout(huge);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM).timeout(huge)) {
                client.connect(listener.localAddress());
                try (Endpoint conn = listener.accept().timeout(huge)) {
                    HugeTimeouts.exchange(client, conn);
                    assertEquals(Optional.of(huge), client.timeout(), "the timeout is still reported as given");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void aHugeDefaultTimeoutWorksOnEveryEndpoint(Duration huge) throws Exception {
        Sockets.defaultTimeout(huge);
        try (Endpoint listener = Sockets.open(Family.INET, SocketType.STREAM)) {
            listener.bind(Address.of(Loopback.V4, 0)).listen(4);
            try (Endpoint client = Sockets.open(Family.INET, SocketType.STREAM).connect(listener.localAddress());
                 Endpoint conn = listener.accept()) {
                assertEquals(Optional.of(huge), conn.timeout());
                HugeTimeouts.exchange(client, conn);
            }
            try (Endpoint viaOptions = Sockets.connect(listener.localAddress(),
                    ConnectOptions.defaults().withTimeout(huge).withAttemptDelay(huge));
                 Endpoint conn = listener.accept()) {
                HugeTimeouts.exchange(viaOptions, conn);
            }
        }
    }
}
