package org.sockets.http;

import java.io.IOException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.testkit.EchoSites;

/** Shared pieces of the tests against nginx's echo sites ({@link EchoSites}). */
final class Sites {

    private Sites() {
    }

    /**
     * Client options trusting the sites' CA, after one https GET with them: the TLS provider is
     * made once per process, so it is warmed up before any test counts descriptors.
     */
    static ClientOptions trusting(EchoSites sites) throws IOException {
        ClientOptions tls = ClientOptions.defaults().withTrustedCertificates(sites.caPem());
        try (Http1Client client = Http1Client.create(tls); Response r = client.get(sites.tls("/echo"))) {
            r.bytes();
        }
        return tls;
    }
}
