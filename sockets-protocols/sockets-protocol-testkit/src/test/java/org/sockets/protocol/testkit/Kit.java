package org.sockets.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.sockets.protocol.ClientOptions;
import org.sockets.testkit.TestCertificates;

/** Shared bits of the kit's tests. */
final class Kit {

    static final String USER = "alice";
    static final String PASSWORD = "hunter2-secret";

    private Kit() {
    }

    static ClientOptions options() throws IOException {
        return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5))
                .withTrustedCertificates(TestCertificates.get().caPem());
    }

    static ClientOptions withCredentials() throws IOException {
        return options().withCredentials(USER, PASSWORD::toCharArray);
    }

    /** A client context trusting the test CA (for the naive client's TLS). */
    static SSLContext trustingClient() throws IOException {
        try (InputStream in = Files.newInputStream(TestCertificates.get().caPem())) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
