package org.sockets.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.tls.Fixtures.WAIT;
import static org.sockets.tls.Fixtures.certs;
import static org.sockets.tls.Fixtures.clientOptions;
import static org.sockets.tls.Fixtures.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Endpoint;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.tls.TlsVerificationException.Reason;

/**
 * Must show 1: verification outcomes against Python's ssl (OpenSSL) servers that differ only in
 * their certificate, each failure with its reason.
 */
@ExtendWith(NoDescriptorLeaks.class)
class VerificationTest {

    static Fixtures.PyServer good;
    static Fixtures.PyServer goodV6;
    static Fixtures.PyServer wrongHost;
    static Fixtures.PyServer untrusted;
    static Fixtures.PyServer expired;
    static Fixtures.PyServer notYetValid;
    static Fixtures.PyServer ipOnly;
    static Fixtures.PyServer ipOnlyV6;

    @BeforeAll
    static void start() throws IOException {
        var c = certs();
        good = Fixtures.pythonServer(c.good());
        goodV6 = Fixtures.pythonServer(c.good(), "--family", "6");
        wrongHost = Fixtures.pythonServer(c.wrongHost());
        untrusted = Fixtures.pythonServer(c.untrusted());
        expired = Fixtures.pythonServer(c.expired());
        notYetValid = Fixtures.pythonServer(c.notYetValid());
        ipOnly = Fixtures.pythonServer(c.ipOnly());
        ipOnlyV6 = Fixtures.pythonServer(c.ipOnly(), "--family", "6");
        // The first handshake loads the JDK's TLS classes and opens what it keeps (entropy, ...).
        try (TlsEndpoint t = Tls.client(tcp(good.port()), clientOptions("localhost"))) {
            t.sendAll("warm".getBytes(StandardCharsets.US_ASCII));
            t.recv(4);
        }
    }

    @AfterAll
    static void stop() {
        for (var s : new Fixtures.PyServer[] {good, goodV6, wrongHost, untrusted, expired, notYetValid, ipOnly, ipOnlyV6}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static void echo(TlsEndpoint t) throws IOException {
        byte[] msg = "ping over tls".getBytes(StandardCharsets.US_ASCII);
        t.sendAll(msg);
        byte[] got = new byte[msg.length];
        int n = 0;
        while (n < got.length) {
            byte[] part = t.recv(got.length - n);
            assertTrue(part.length > 0, "end of stream after " + n + " bytes");
            System.arraycopy(part, 0, got, n, part.length);
            n += part.length;
        }
        assertArrayEquals(msg, got);
    }

    private static Reason failure(Fixtures.PyServer server, String host) {
        String ip = host.contains(":") || server == goodV6 || server == ipOnlyV6 ? "::1" : "127.0.0.1";
        Endpoint e;
        try {
            e = tcp(ip, server.port());
        } catch (IOException x) {
            throw new AssertionError(x);
        }
        TlsVerificationException ex = assertThrows(TlsVerificationException.class, () -> Tls.client(e, clientOptions(host)));
        assertFalse(e.isOpen(), "a failed client handshake closes the transport");
        assertTrue(ex.getCause() instanceof javax.net.ssl.SSLHandshakeException, "the JDK's exception is the cause: " + ex.getCause());
        return ex.reason();
    }

    @Test
    void goodCertificateForLocalhostSendsSniAndEchoes() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp(good.port()), clientOptions("localhost"))) {
            echo(t);
            assertTrue(t.session().getProtocol().startsWith("TLSv1."));
        }
        good.process().awaitLine(l -> l.equals("SNI localhost"), WAIT);
    }

    @Test
    void wrongHostIsHostName() {
        assertEquals(Reason.HOST_NAME, failure(wrongHost, "localhost"));
    }

    @Test
    void untrustedAuthorityIsUntrusted() {
        assertEquals(Reason.UNTRUSTED, failure(untrusted, "localhost"));
    }

    @Test
    void expiredIsExpired() {
        assertEquals(Reason.EXPIRED, failure(expired, "localhost"));
    }

    @Test
    void notYetValidIsNotYetValid() {
        assertEquals(Reason.NOT_YET_VALID, failure(notYetValid, "localhost"));
    }

    @Test
    void ipSanMatchesIpv4AndIpv6LiteralsWithoutSni() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp("127.0.0.1", ipOnly.port()), clientOptions("127.0.0.1"))) {
            echo(t);
        }
        ipOnly.process().awaitLine(l -> l.equals("SNI None"), WAIT);
        try (TlsEndpoint t = Tls.client(tcp("::1", ipOnlyV6.port()), clientOptions("::1"))) {
            echo(t);
        }
        ipOnlyV6.process().awaitLine(l -> l.equals("SNI None"), WAIT);
        assertEquals(Reason.HOST_NAME, failure(ipOnly, "localhost"), "IP SANs do not name localhost");
    }

    @Test
    void goodCertificateOverIpv6ForLocalhost() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp("::1", goodV6.port()), clientOptions("localhost"))) {
            echo(t);
        }
    }

    @Test
    void disablingHostNameVerificationAcceptsWrongHostButNotAnUntrustedAuthority() throws IOException {
        try (TlsEndpoint t = Tls.client(tcp(wrongHost.port()),
                clientOptions("localhost").withHostNameVerificationDisabledInsecurely())) {
            echo(t);
        }
        Endpoint e = tcp(untrusted.port());
        TlsVerificationException ex = assertThrows(TlsVerificationException.class,
                () -> Tls.client(e, clientOptions("localhost").withHostNameVerificationDisabledInsecurely()));
        assertEquals(Reason.UNTRUSTED, ex.reason());
    }

    @Test
    void aClientWithoutPeerHostIsRefusedBeforeAnyByte() throws IOException {
        Endpoint e = tcp(good.port());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Tls.client(e, TlsOptions.defaults().withTrustedCertificates(certs().caPem())));
        assertTrue(ex.getMessage().contains("withPeerHost"), ex.getMessage());
        assertFalse(e.isOpen());
    }
}
