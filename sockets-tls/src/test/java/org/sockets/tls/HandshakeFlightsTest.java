package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.spi.ForwardingEndpoint;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Each side's handshake flight leaves in one transport send, not one per record the engine wraps
 * (docs/decisions/2026-12-06-tls-performance.md): with TCP_NODELAY every send is a segment and a
 * wake-up of the peer. One exception: a TLS 1.3 server sends its ServerHello on its own first.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HandshakeFlightsTest {

    /** Counts the transport sends a TLS endpoint makes. */
    private static final class CountingSends extends ForwardingEndpoint {
        final AtomicInteger sends = new AtomicInteger();

        CountingSends(Endpoint in) {
            super(in);
        }

        @Override
        public int send(ByteBuffer src) throws IOException {
            sends.incrementAndGet();
            return delegate().send(src);
        }

        @Override
        public int send(ByteBuffer src, Deadline d) throws IOException {
            sends.incrementAndGet();
            return delegate().send(src, d);
        }

        @Override
        public void sendAll(ByteBuffer src) throws IOException {
            sends.incrementAndGet();
            delegate().sendAll(src);
        }

        @Override
        public void sendAll(ByteBuffer src, Deadline d) throws IOException {
            sends.incrementAndGet();
            delegate().sendAll(src, d);
        }
    }

    /** The JVM's first handshake opens the random devices for good; not this test's descriptors. */
    @BeforeAll
    static void warm() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().sendAll(ByteBuffer.wrap(new byte[] {1}));
            p.server().recv(ByteBuffer.allocate(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void eachFlightIsOneSend(String protocol) throws IOException {
        var plain = Pairs.tcp();
        CountingSends client = new CountingSends(plain.first());
        CountingSends server = new CountingSends(plain.second());
        try (Pairs.Tls2 p = Pairs.tls(new EndpointPair(client, server),
                o -> o.withProtocols(protocol), o -> o.withProtocols(protocol))) {
            assertEquals(protocol, p.client().session().getProtocol());
            // Client: ClientHello; then its second flight (TLS 1.3: ChangeCipherSpec, Finished —
            // the ChangeCipherSpec held back although the server's ServerHello came alone;
            // TLS 1.2: ClientKeyExchange, ChangeCipherSpec, Finished).
            assertEquals(2, client.sends.get(), "client sends during the handshake");
            // Server, TLS 1.3: the ServerHello alone (the client starts its key agreement on it
            // while the server wraps the rest), the rest of its flight to Finished, then a
            // NewSessionTicket. TLS 1.2: ServerHello to ServerHelloDone, then ChangeCipherSpec
            // and Finished.
            assertEquals(protocol.equals("TLSv1.3") ? 3 : 2, server.sends.get(), "server sends during the handshake");
            p.client().sendAll(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ByteBuffer got = ByteBuffer.allocate(3);
            while (got.hasRemaining()) {
                p.server().recv(got);
            }
            assertArrayEquals(new byte[] {1, 2, 3}, got.array());
        }
    }
}
