package org.sockets.ftp;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against a second vsftpd listening on ::1: EPSV and EPRT with IPv6 addresses. */
@ExtendWith(NoDescriptorLeaks.class)
class VsftpdIpv6Test extends Conformance {

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> FtpServer.vsftpd(true));

    @Override
    FtpServer server() {
        return server.get();
    }
}
