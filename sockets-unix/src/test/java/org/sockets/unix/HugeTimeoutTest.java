package org.sockets.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.Received;
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

    @BeforeAll
    static void startThePoller() throws IOException {
        // The process-wide epoll descriptor opens on first use and stays: not a per-test leak.
        UnixEndpoint.pair(SocketType.STREAM).close();
    }

    @AfterEach
    void clearDefault() {
        Sockets.clearDefaultTimeout();
    }

    private static String unique() {
        return "sockets-huge-timeout-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void everyBlockingCallWorksWithAHugeTimeout(Duration huge) throws Exception {
        try (Endpoint listener = Sockets.open(Family.UNIX, SocketType.STREAM)) {
            listener.bind(Address.abstractName(unique())).listen(4).timeout(huge);
            try (Endpoint client = Sockets.open(Family.UNIX, SocketType.STREAM).timeout(huge)) {
                client.connect(listener.localAddress());
                try (Endpoint conn = listener.accept().timeout(huge)) {
                    HugeTimeouts.exchange(client, conn);
                    assertEquals(Optional.of(huge), client.timeout(), "the timeout is still reported as given");
                }
            }
        }
        try (Endpoint a = Sockets.open(Family.UNIX, SocketType.DGRAM).timeout(huge);
             Endpoint b = Sockets.open(Family.UNIX, SocketType.DGRAM).timeout(huge)) {
            a.bind(Address.abstractName(unique()));
            b.bind(Address.abstractName(unique()));
            datagrams(a, b);
        }
    }

    @ParameterizedTest
    @MethodSource("org.sockets.contract.HugeTimeouts#huge")
    void aHugeDefaultTimeoutWorksOnEveryEndpoint(Duration huge) throws Exception {
        Sockets.defaultTimeout(huge);
        for (SocketType type : SocketType.values()) {
            try (EndpointPair p = Sockets.pair(Family.UNIX, type)) {
                assertEquals(Optional.of(huge), p.first().timeout());
                HugeTimeouts.exchange(p.first(), p.second());
            }
        }
    }

    /** sendTo / recvFrom between two bound datagram endpoints. */
    static void datagrams(Endpoint a, Endpoint b) throws Exception {
        assertEquals(2, a.sendTo(new byte[] {1, 2}, b.localAddress()));
        Received r = b.recvFrom(ByteBuffer.allocate(16));
        assertEquals(2, r.length());
        assertEquals(a.localAddress(), r.sender());
    }
}
