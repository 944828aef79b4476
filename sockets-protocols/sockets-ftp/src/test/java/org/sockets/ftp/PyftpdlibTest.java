package org.sockets.ftp;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against pyftpdlib (a user with a password). */
@ExtendWith(NoDescriptorLeaks.class)
class PyftpdlibTest extends Conformance {

    @RegisterExtension
    static final RunningServer server = new RunningServer(FtpServer::pyftpdlib);

    @Override
    FtpServer server() {
        return server.get();
    }
}
