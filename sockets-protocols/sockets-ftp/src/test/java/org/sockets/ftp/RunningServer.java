package org.sockets.ftp;

import java.io.IOException;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sockets.protocol.testkit.FtpServer;

/**
 * A real FTP server for one test class, registered as a static extension: started before the
 * class's first test, stopped after its last (a start that fails cleans up after itself).
 *
 * {@snippet :
 * @RegisterExtension
 * static final RunningServer server = new RunningServer(() -> FtpServer.vsftpd(false));
 * }
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    /** Starts a server: one of FtpServer's factories. */
    @FunctionalInterface
    interface Start {
        FtpServer start() throws IOException;
    }

    private final Start start;
    private FtpServer server;

    RunningServer(Start start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    /** {@return the running server} */
    FtpServer get() {
        if (server == null) {
            throw new IllegalStateException("the FTP server runs only while its test class does");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = start.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
