package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.testkit.FailingConnector;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Must-show 2: a transfer broken by the failing Connector at about 40 % is resumed (REST), both
 * ways, against vsftpd; the SHA-256 of the result equals the original's.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ResumeTest {

    static final int SIZE = 4 << 20;
    static FtpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = FtpServer.vsftpd(false);
        Files.delete(Files.createTempFile("warm-up", ".tmp")); // the random devices, opened once per JVM
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static FtpClient connect(Connector connector) throws IOException {
        ClientOptions o = Servers.options(server).withConnector(connector);
        return FtpClient.builder(server.host()).port(server.port()).options(o).connect();
    }

    /** The call to fail so that about 40 % of the data calls of {@code kind} have been made. */
    static int callAt40Percent(List<String> calls, String kind) {
        int connects = 0;
        int before = 0;
        int after = 0;
        for (String c : calls) {
            if (c.equals("connect")) {
                connects++;
            } else if (c.equals(kind)) {
                if (connects < 2) {
                    before++;
                } else {
                    after++;
                }
            }
        }
        assertTrue(after > 20, "enough " + kind + " calls on the data connection to break one at 40 %: " + after);
        return before + (int) (after * 0.4);
    }

    @Test
    void aDownloadBrokenAt40PercentIsResumed(@TempDir Path tmp) throws IOException {
        byte[] original = Servers.random(SIZE, 21);
        Files.write(server.files().resolve("down.bin"), original);
        Path local = tmp.resolve("down.bin");
        FailingConnector probe = FailingConnector.counting(Connector.tcp());
        try (FtpClient ftp = connect(probe)) {
            ftp.download(server.path("down.bin"), local, (a, b) -> { });
        }
        Files.delete(local);
        int n = callAt40Percent(probe.callNames(), "recv");
        try (FtpClient ftp = connect(FailingConnector.failingNth(Connector.tcp(), "recv", n))) {
            FtpTransferException e = assertThrows(FtpTransferException.class, () -> ftp.download(server.path("down.bin"), local, (a, b) -> { }));
            assertEquals(Files.size(local), e.received(), "the partial file is what arrived");
        }
        long partial = Files.size(local);
        assertTrue(partial > SIZE / 10 && partial < SIZE * 9L / 10, "broken near 40 %: " + partial + " of " + SIZE);
        long[] last = {0, 0};
        try (FtpClient ftp = connect(Connector.tcp())) {
            long fetched = ftp.resumeDownload(server.path("down.bin"), local, (done, total) -> {
                last[0] = done;
                last[1] = total;
            });
            assertEquals(SIZE - partial, fetched);
        }
        assertEquals(SIZE, last[0], "progress counts from the restart offset");
        assertEquals(Servers.sha256(original), Servers.sha256(Files.readAllBytes(local)));
    }

    @Test
    void anUploadBrokenAt40PercentIsResumed(@TempDir Path tmp) throws IOException {
        byte[] original = Servers.random(SIZE, 22);
        Path local = tmp.resolve("up.bin");
        Files.write(local, original);
        FailingConnector probe = FailingConnector.counting(Connector.tcp());
        try (FtpClient ftp = connect(probe)) {
            ftp.upload(local, server.path("up.bin"), (a, b) -> { });
        }
        Files.delete(server.files().resolve("up.bin"));
        int n = callAt40Percent(probe.callNames(), "send");
        try (FtpClient ftp = connect(FailingConnector.failingNth(Connector.tcp(), "send", n))) {
            FtpTransferException e = assertThrows(FtpTransferException.class, () -> ftp.upload(local, server.path("up.bin"), (a, b) -> { }));
            assertTrue(e.received() > 0 && e.received() < SIZE, e.getMessage());
        }
        long partial = Files.size(server.files().resolve("up.bin"));
        assertTrue(partial > SIZE / 10 && partial < SIZE * 9L / 10, "broken near 40 %: " + partial + " of " + SIZE);
        try (FtpClient ftp = connect(Connector.tcp())) {
            assertEquals(SIZE - partial, ftp.resumeUpload(local, server.path("up.bin"), (a, b) -> { }));
        }
        assertEquals(Servers.sha256(original), Servers.sha256(Files.readAllBytes(server.files().resolve("up.bin"))));
    }
}
