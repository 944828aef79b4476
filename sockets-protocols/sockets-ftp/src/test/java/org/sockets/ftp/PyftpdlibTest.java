package org.sockets.ftp;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against pyftpdlib (a user with a password). */
@ExtendWith(NoDescriptorLeaks.class)
class PyftpdlibTest extends Conformance {

    static FtpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = FtpServer.pyftpdlib();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    FtpServer server() {
        return server;
    }
}
