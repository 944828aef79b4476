package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.TlsMode;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * An implicit-TLS server silent after the ClientHello: the handshake is bounded by the read
 * timeout even when the connector hands over an endpoint without a timeout of its own (a user's
 * connector may), so a protocol client never waits without limit.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HandshakeBoundTest {

    private static final Duration T = Duration.ofMillis(500);

    /** The first TLS client in a JVM opens /dev/random and /dev/urandom for good: not a leak. */
    @BeforeAll
    static void oncePerProcess() throws IOException {
        ClientOptions o = ClientOptions.defaults().withReadTimeout(Duration.ofMillis(100)).withTlsMode(TlsMode.IMPLICIT);
        try (HostileServer s = HostileServer.start(Script.of().awaitClose())) {
            assertThrows(SocketTimeoutException.class, () -> ProtocolConnection.open("pop3", s.address(), o).close());
            s.awaitResult(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSilentServerTimesOutTheImplicitHandshakeWithinTheReadTimeout() throws IOException {
        Optional<Duration>[] endpointTimeout = new Optional[1];
        Connector noTimeout = (Address a, ConnectOptions o) -> {
            Endpoint e = Connector.tcp().connect(a, o).blocking();
            endpointTimeout[0] = e.timeout();
            return e;
        };
        ClientOptions o = ClientOptions.defaults().withReadTimeout(T).withConnector(noTimeout).withTlsMode(TlsMode.IMPLICIT);
        try (HostileServer s = HostileServer.start(Script.of().awaitClose())) {
            long start = System.nanoTime();
            // Without the bound the handshake waits forever; the test's own 60 s timeout would end it.
            assertThrows(SocketTimeoutException.class, () -> ProtocolConnection.open("pop3", s.address(), o).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Optional.empty(), endpointTimeout[0], "the connector's endpoint had no timeout");
            assertTrue(took.compareTo(T.multipliedBy(9).dividedBy(10)) >= 0, "gave up too early: " + took);
            // 2 T plus scheduling slack on a loaded 2-CPU machine: far below "never".
            assertTrue(took.compareTo(T.multipliedBy(2).plusMillis(500)) < 0, "gave up after " + took);
            s.awaitResult(Duration.ofSeconds(10));
        }
    }
}
