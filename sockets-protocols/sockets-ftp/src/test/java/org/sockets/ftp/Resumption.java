package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.sockets.testkit.TestCertificates;

/** How a test tells, on the client side, that a data connection resumed the control session. */
final class Resumption {

    private static final String TICKETS = "jdk.tls.client.enableSessionTicketExtension";

    private Resumption() {
    }

    /**
     * TLS 1.2: the resumed session is the control session (same ID). TLS 1.3: resumption by PSK
     * makes a new session object with a new ID, but the JDK carries the original's creation time
     * over (SSLSessionImpl's resumption constructor); a full handshake would have a new one.
     */
    static void assertResumed(SSLSession control, SSLSession data, String what) {
        assertNotNull(data, what + ": no protected data connection");
        assertEquals(control.getProtocol(), data.getProtocol(), what);
        if (control.getProtocol().equals("TLSv1.2")) {
            assertArrayEquals(control.getId(), data.getId(), what + ": the data session is the control session");
        } else {
            assertEquals(control.getCreationTime(), data.getCreationTime(), what + ": the data session resumed the control session");
        }
    }

    /**
     * A client context trusting the test CA whose client session cache is stateful for TLS 1.2
     * (no session_ticket extension): the JDK discards TLS 1.2 tickets whose lifetime exceeds
     * 7 days, and vsftpd with require_ssl_reuse announces 2^31-1 s, so only ID-based resumption
     * works with it. The JDK reads the property when a context is made, so it is set only for that.
     */
    static synchronized SSLContext statefulTls12Context() throws IOException {
        String before = System.getProperty(TICKETS);
        System.setProperty(TICKETS, "false");
        try (InputStream in = Files.newInputStream(TestCertificates.get().caPem())) {
            SSLContext c = SSLContext.getInstance("TLS");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            c.init(null, tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            if (before == null) {
                System.clearProperty(TICKETS);
            } else {
                System.setProperty(TICKETS, before);
            }
        }
    }
}
