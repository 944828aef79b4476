package org.sockets.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

/** The conformance class over https: Python's server wrapped in its ssl module, host name verified. */
@ExtendWith(NoDescriptorLeaks.class)
class PythonTlsTest extends PythonConformance {

    @Override
    PythonServer startServer() throws IOException {
        TestCertificates.Identity id = TestCertificates.get().good();
        return PythonServer.start("tls", id.chainPem().toString(), id.keyPem().toString());
    }

    @Override
    XmlRpcClient.Builder builder() throws IOException {
        return XmlRpcClient.builder(URI.create("https://localhost:" + server.where + "/RPC2"))
                .options(ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                        .withTrustedCertificates(TestCertificates.get().caPem()));
    }
}
