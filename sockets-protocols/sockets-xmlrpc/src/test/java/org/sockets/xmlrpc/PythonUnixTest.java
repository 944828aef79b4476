package org.sockets.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance class over the Python server's own Unix socket listener. */
@ExtendWith(NoDescriptorLeaks.class)
class PythonUnixTest extends PythonConformance {

    private Path dir;

    @Override
    PythonServer startServer() throws IOException {
        dir = Files.createTempDirectory("xmlrpc-unix");
        return PythonServer.start("unix", dir.resolve("rpc.sock").toString());
    }

    @Override
    XmlRpcClient.Builder builder() {
        return XmlRpcClient.builder(URI.create("http://localhost/RPC2"))
                .options(ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)))
                .unixSocket(Path.of(server.where));
    }

    @AfterAll
    void removeSocket() throws IOException {
        Files.deleteIfExists(dir.resolve("rpc.sock"));
        Files.deleteIfExists(dir);
    }
}
