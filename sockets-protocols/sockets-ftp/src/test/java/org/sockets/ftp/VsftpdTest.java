package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.testkit.NoDescriptorLeaks;

/** The conformance suite against vsftpd 3.0.3 (anonymous, IPv4), plus TYPE A, which it converts. */
@ExtendWith(NoDescriptorLeaks.class)
class VsftpdTest extends Conformance {

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> FtpServer.vsftpd(false));

    @Override
    FtpServer server() {
        return server.get();
    }

    @Test
    void typeASendsCrlfAndHandsTheCallerLf() throws IOException {
        String text = "line one\nline two\n\nlast line\n";
        try (FtpClient ftp = connect()) {
            ftp.transferType(TransferType.ASCII);
            try (OutputStream out = ftp.store(server().path("text.txt"))) {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
            }
            // vsftpd's ascii_upload_enable turned our CRLF back into LF on disk.
            assertEquals(text, Files.readString(server().files().resolve("text.txt")));
            try (InputStream in = ftp.retrieve(server().path("text.txt"))) {
                assertArrayEquals(text.getBytes(StandardCharsets.US_ASCII), in.readAllBytes(), "LF round trip");
            }
            ftp.transferType(TransferType.BINARY);
            try (InputStream in = ftp.retrieve(server().path("text.txt"))) {
                assertEquals(text, new String(in.readAllBytes(), StandardCharsets.US_ASCII), "binary: the file as it is");
            }
        }
    }
}
