package org.sockets.ftp;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against a second vsftpd listening on ::1: EPSV and EPRT with IPv6 addresses. */
@ExtendWith(NoDescriptorLeaks.class)
class VsftpdIpv6Test extends Conformance {

    static FtpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = FtpServer.vsftpd(true);
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
