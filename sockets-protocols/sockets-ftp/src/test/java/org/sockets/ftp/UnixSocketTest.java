package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.PeerProcess;
import org.sockets.testkit.Peers;

/**
 * The conformance suite with the control connection over a Unix socket (socat in front of
 * pyftpdlib): passive data connections go to the data host, 127.0.0.1, at the announced port;
 * active mode is refused before anything is sent.
 */
@ExtendWith(NoDescriptorLeaks.class)
class UnixSocketTest extends Conformance {

    static FtpServer server;
    static PeerProcess socat;
    static Path dir;
    static Path socket;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        server = FtpServer.pyftpdlib();
        dir = Files.createTempDirectory("ftp-unix");
        socket = dir.resolve("ftp.sock");
        socat = PeerProcess.start(Peers.program("socat").toString(), "UNIX-LISTEN:" + socket + ",fork",
                "TCP:127.0.0.1:" + server.port());
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(socket), "socat made " + socket + ": " + socat.seen());
        // The Unix transport's first use opens descriptors it keeps for the JVM's life: not a test's leak.
        try (FtpClient warm = FtpClient.builder("ftp.example").options(Servers.options(server).withConnector(Connector.unixPath(socket))).connect()) {
            warm.names(null);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (socat != null) {
            socat.close();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    @Override
    FtpServer server() {
        return server;
    }

    @Override
    FtpClientBuilder builder() {
        return FtpClient.builder("ftp.example").options(Servers.options(server).withConnector(Connector.unixPath(socket)));
    }

    @Test
    @Override
    void activeModeTransfersBothWays() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder().dataMode(DataMode.ACTIVE).connect());
        assertTrue(e.getMessage().contains("active mode needs an IP control connection"), e.getMessage());
    }

    @Test
    void theDataHostOptionIsWherePassiveDataGoes() throws IOException {
        try (FtpClient ftp = builder().dataHost("127.0.0.9").connect()) {
            // pyftpdlib listens on 127.0.0.1 only: nothing answers at 127.0.0.9.
            assertThrows(java.net.ConnectException.class, () -> ftp.names(null));
        }
    }
}
