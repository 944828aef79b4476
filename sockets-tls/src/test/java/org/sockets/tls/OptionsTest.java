package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.tls.Fixtures.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.testkit.NoDescriptorLeaks;

/** TlsOptions: PEM loading and its errors, client authentication, ALPN, and what misuse gives. */
@ExtendWith(NoDescriptorLeaks.class)
class OptionsTest {

    @BeforeAll
    static void warm() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            p.client().sendAll(new byte[] {1});
            p.server().recv(1);
        }
    }

    @Test
    void pemErrorsNameTheFile() throws IOException {
        Path dir = Files.createTempDirectory("pem");
        try {
            Path missing = dir.resolve("missing.pem");
            assertThrows(NoSuchFileException.class, () -> TlsOptions.defaults().withTrustedCertificates(missing));
            Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
            IOException e = assertThrows(IOException.class, () -> TlsOptions.defaults().withTrustedCertificates(empty));
            assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
            Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
            e = assertThrows(IOException.class, () -> TlsOptions.defaults().withClientCertificate(certs().client().chainPem(), pkcs1));
            assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
            // a key that is not the certificate's
            e = assertThrows(IOException.class,
                    () -> TlsOptions.defaults().withServerCertificate(certs().good().chainPem(), certs().client().keyPem()));
            assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void toStringHidesTheKey() throws IOException {
        TlsOptions o = Fixtures.serverOptions(certs().good());
        assertTrue(o.toString().contains("privateKey=EC (hidden)"), o.toString());
        assertFalse(o.toString().contains(o.privateKey().getFormat() + "@"), o.toString());
    }

    @Test
    void misuseIsRefusedBeforeAnyByte() throws IOException {
        EndpointPair plain = Pairs.tcp();
        try (plain) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tls.server(plain.second(), TlsOptions.defaults()));
            assertTrue(e.getMessage().contains("withServerCertificate"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TlsOptions.defaults().withProtocols());
            assertThrows(IllegalArgumentException.class, () -> TlsOptions.defaults().withApplicationProtocols(""));
            assertThrows(IllegalArgumentException.class, () -> TlsOptions.defaults().withPeerHost(" "));
            assertEquals("::1", TlsOptions.defaults().withPeerHost("[::1]").peerHost());
        }
    }

    @Test
    void clientAuthenticationNeededWantedAndMissing() throws IOException {
        var trustCa = certs().caPem();
        // needed and presented
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp(),
                c -> withClientCert(c),
                s -> trusting(s, trustCa).withClientAuth(ClientAuth.NEED))) {
            p.client().sendAll(new byte[] {7});
            assertEquals(7, p.server().recv(1)[0]);
            assertEquals("CN=sockets test client",
                    ((java.security.cert.X509Certificate) p.server().session().getPeerCertificates()[0]).getSubjectX500Principal().getName());
        }
        // wanted and not presented: served anyway
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp(), c -> c, s -> trusting(s, trustCa).withClientAuth(ClientAuth.WANT))) {
            p.client().sendAll(new byte[] {8});
            assertEquals(8, p.server().recv(1)[0]);
        }
        // needed and not presented: the handshake fails on both sides
        IOException e = assertThrows(IOException.class,
                () -> Pairs.tls(Pairs.tcp(), c -> c, s -> trusting(s, trustCa).withClientAuth(ClientAuth.NEED)).close());
        assertTrue(e instanceof SSLHandshakeException || e.getCause() != null, e.toString());
    }

    private static TlsOptions withClientCert(TlsOptions o) {
        try {
            return o.withClientCertificate(certs().client().chainPem(), certs().client().keyPem());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TlsOptions trusting(TlsOptions o, Path ca) {
        try {
            return o.withTrustedCertificates(ca);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void alpnIsAgreedOrAbsent() throws IOException {
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp(), c -> c.withApplicationProtocols("h2", "http/1.1"),
                s -> s.withApplicationProtocols("http/1.1"))) {
            assertEquals(Optional.of("http/1.1"), p.client().applicationProtocol());
            assertEquals(Optional.of("http/1.1"), p.server().applicationProtocol());
        }
        try (Pairs.Tls2 p = Pairs.tls(Pairs.tcp())) {
            assertEquals(Optional.empty(), p.client().applicationProtocol());
        }
    }

    @Test
    void aGivenContextAndPemMaterialTogetherAreRefused() throws Exception {
        EndpointPair plain = Pairs.tcp();
        try (plain) {
            Endpoint c = plain.first();
            TlsOptions both = Fixtures.clientOptions("localhost").withSslContext(javax.net.ssl.SSLContext.getDefault());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tls.client(c, both));
            assertTrue(e.getMessage().contains("both an SSLContext and PEM"), e.getMessage());
            assertFalse(c.isOpen(), "a refused client closes what it was given");
            assertEquals(0, plain.second().recv(ByteBuffer.allocate(1)), "and sent nothing");
        }
        assertInstanceOf(TlsOptions.class, TlsOptions.defaults());
    }
}
