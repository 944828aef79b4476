package org.sockets.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.http.HttpStatusException;
import org.sockets.protocol.ClientOptions;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance class over TCP, plus what only a URL changes. */
@ExtendWith(NoDescriptorLeaks.class)
class PythonTcpTest extends PythonConformance {

    @Override
    PythonServer startServer() throws IOException {
        return PythonServer.start("tcp");
    }

    @Override
    XmlRpcClient.Builder builder() {
        return XmlRpcClient.builder(URI.create("http://127.0.0.1:" + server.where + "/RPC2"))
                .options(ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)));
    }

    @Test
    void emptyPathMeansRpc2() throws IOException {
        try (XmlRpcClient c = XmlRpcClient.builder(URI.create("http://127.0.0.1:" + server.where)).build()) {
            assertEquals(URI.create("http://127.0.0.1:" + server.where + "/RPC2"), c.url());
            assertEquals(5, c.call("add", 2, 3));
        }
    }

    @Test
    void aPathTheServerDoesNotServeIsAnHttpError() throws IOException {
        try (XmlRpcClient c = XmlRpcClient.builder(URI.create("http://127.0.0.1:" + server.where + "/elsewhere")).build()) {
            HttpStatusException e = assertThrows(HttpStatusException.class, () -> c.call("add", 2, 3));
            assertEquals(404, e.status());
        }
    }
}
