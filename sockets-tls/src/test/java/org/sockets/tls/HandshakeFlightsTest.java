package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.spi.ForwardingEndpoint;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

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
            // Server, TLS 1.3: the ServerHello (with the compatibility ChangeCipherSpec behind
            // it), sent from within the engine's task before it signs, so the client starts its
            // key agreement meanwhile; the rest of its flight to Finished; then a NewSessionTicket. TLS 1.2: ServerHello to ServerHelloDone, then ChangeCipherSpec
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

    /**
     * A TLS 1.3 server's ServerHello leaves while its engine is still making the rest of the
     * flight: before the engine picks its certificate, and so before it signs (EarlyHello). The
     * client can start its key agreement meanwhile, as against an {@code SSLServerSocket}.
     */
    @Test
    void serverHelloLeavesBeforeTheServerPicksItsCertificate() throws Exception {
        var plain = Pairs.tcp();
        CountingSends server = new CountingSends(plain.second());
        AtomicInteger sendsWhenPicking = new AtomicInteger(-1);
        SSLContext context = pickingContext(() -> sendsWhenPicking.compareAndSet(-1, server.sends.get()));
        try (Pairs.Tls2 p = Pairs.tls(new EndpointPair(plain.first(), server), o -> o.withProtocols("TLSv1.3"),
                o -> TlsOptions.defaults().withSslContext(context).withProtocols("TLSv1.3"))) {
            assertEquals("TLSv1.3", p.server().session().getProtocol());
            assertEquals(1, sendsWhenPicking.get(), "server sends made when its engine picked the certificate");
            assertEquals(3, server.sends.get(), "server sends during the handshake");
            p.server().sendAll(ByteBuffer.wrap(new byte[] {7}));
            ByteBuffer got = ByteBuffer.allocate(1);
            p.client().recv(got);
            assertEquals(7, got.get(0));
        }
    }

    /** A server context whose key manager runs {@code onPick} each time the engine picks a certificate. */
    private static SSLContext pickingContext(Runnable onPick) throws GeneralSecurityException, IOException {
        TestCertificates.Identity id = Fixtures.certs().good();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(id.pkcs12())) {
            ks.load(in, id.password());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, id.password());
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        X509ExtendedKeyManager picking = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                onPick.run();
                return km.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return km.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return km.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return km.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return km.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return km.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return km.getPrivateKey(alias);
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {picking}, null, null);
        return context;
    }
}
