package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;
import org.sockets.tls.TlsTruncationException;
import org.sockets.tls.TlsVerificationException;

/**
 * FTPS against the protocol kit's hostile server: the TLS policy fails closed (no USER, no PASS
 * on the wire) when AUTH TLS is refused, when bytes follow the 234, when the server says 230 before
 * TLS; a data certificate for another host is refused; a data connection that ends without
 * close_notify counts only with 226 and the announced size.
 */
@ExtendWith(NoDescriptorLeaks.class)
class FtpsKitTest {

    static final String PASSWORD = "kit-secret-pw";

    /** The first temporary file of a JVM opens the random devices for good: not a leak of a test's. */
    @BeforeAll
    static void warmUp() throws IOException {
        Files.delete(Files.createTempFile("warm-up", ".tmp"));
        HostileServer.testTlsContext();
        TestCertificates.get();
    }

    /** Credentials without the plain-text opt-in: TLS is required (AUTH TLS). */
    static ClientOptions options() throws IOException {
        return Kit.options().withCredentials("alice", PASSWORD::toCharArray).withTrustedCertificates(TestCertificates.get().caPem());
    }

    static FtpClient connect(HostileServer s) throws IOException {
        return FtpClient.builder("127.0.0.1").port(s.port()).options(options()).connect();
    }

    static void assertNoCredentials(String received) {
        assertFalse(received.contains("USER"), received);
        assertFalse(received.contains("PASS"), received);
        assertFalse(received.contains(PASSWORD), received);
    }

    @Test
    void authTlsRefusedFailsClosed() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("220 kit\r\n").expect("AUTH TLS").send("534 no TLS here\r\n").awaitClose())) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> connect(s));
            assertTrue(e.getMessage().contains("534"), e.getMessage());
            HostileServer.Result r = s.awaitResult(Kit.WAIT);
            assertEquals("AUTH TLS\r\n", r.receivedText());
        }
    }

    @Test
    void bytesAfterTheGoAheadFailClosed() throws IOException {
        Script script = Script.of().send("220 kit\r\n").expect("AUTH TLS")
                .send("234 go ahead\r\n230 injected: you are logged in\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script, HostileServer.testTlsContext())) {
            StartTlsException e = assertThrows(StartTlsException.class, () -> connect(s));
            assertTrue(e.getMessage().contains("after its 234"), e.getMessage());
            String received = s.awaitResult(Kit.WAIT).receivedText();
            assertEquals("AUTH TLS\r\n", received, "no handshake, nothing else");
        }
    }

    @Test
    void a230GreetingBeforeAuthFailsClosed() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("230 logged in already\r\n").awaitClose())) {
            assertThrows(StartTlsException.class, () -> connect(s));
            assertEquals("", s.awaitResult(Kit.WAIT).receivedText());
        }
    }

    @Test
    void a230AnswerToAuthTlsFailsClosed() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("220 kit\r\n").expect("AUTH TLS").send("230 sure, you are in\r\n").awaitClose())) {
            assertThrows(StartTlsException.class, () -> connect(s));
            String received = s.awaitResult(Kit.WAIT).receivedText();
            assertEquals("AUTH TLS\r\n", received);
            assertNoCredentials(received);
        }
    }

    /** AUTH TLS, login, PBSZ/PROT, then {@code EPSV} and {@code cmd} answered with {@code preliminary}. */
    static Script upToTransfer(String cmd, String preliminary) {
        Script login = Script.of().send("220 kit\r\n").expect("AUTH TLS").send("234 go ahead\r\n").startTls()
                .expect("FEAT").send("500 no FEAT\r\n")
                .expect("USER alice").send("331 password please\r\n")
                .expect("PASS " + PASSWORD).send("230 in\r\n")
                .expect("TYPE I").send("200 binary\r\n")
                .expect("PBSZ 0").send("200 ok\r\n")
                .expect("PROT P").send("200 private\r\n");
        return Kit.epsv(login).expect(cmd).send(preliminary + "\r\n");
    }

    @Test
    void aDataCertificateForAnotherHostIsRefused() throws IOException {
        SSLContext wrongHost = HostileServer.tlsContext(TestCertificates.get().wrongHost());
        Script script = upToTransfer("RETR f.bin", "150 here it comes")
                .acceptData(Script.of().startTls(wrongHost).send("data").close())
                .awaitClose();
        try (HostileServer s = HostileServer.start(script, HostileServer.testTlsContext())) {
            try (FtpClient ftp = connect(s)) {
                FtpTransferException e = assertThrows(FtpTransferException.class, () -> ftp.retrieve("f.bin"));
                TlsVerificationException v = assertInstanceOf(TlsVerificationException.class, e.getCause(), e.toString());
                assertEquals(TlsVerificationException.Reason.HOST_NAME, v.reason());
                assertThrows(IllegalStateException.class, ftp::noop, "the session was closed");
            }
            HostileServer.Result data = s.awaitResult(Kit.WAIT);
            assertEquals("", data.receivedText(), "nothing reached the data connection");
            String control = s.awaitResult(Kit.WAIT).receivedText();
            assertTrue(control.endsWith("RETR f.bin\r\n"), control);
        }
    }

    /** A download whose data connection ends without close_notify, then the server's {@code verdict}. */
    static Script cutDownload(String preliminary, byte[] data, String verdict) {
        return upToTransfer("RETR f.bin", preliminary)
                .acceptData(Script.of().startTls().send(data).close())
                .send(verdict + "\r\n").expect("QUIT").send("221 bye\r\n").awaitClose();
    }

    @Test
    void anEndWithoutCloseNotifyCountsWith226AndTheAnnouncedSize() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        try (HostileServer s = HostileServer.start(cutDownload("150 f.bin (10 bytes)", data, "226 done"), HostileServer.testTlsContext())) {
            try (FtpClient ftp = connect(s)) {
                try (InputStream in = ftp.retrieve("f.bin")) {
                    assertArrayEquals(data, in.readAllBytes());
                }
                ftp.quit();
            }
        }
    }

    @Test
    void anEndWithoutCloseNotifyShortOfTheAnnouncedSizeIsAnError() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        try (HostileServer s = HostileServer.start(cutDownload("150 f.bin (20 bytes)", data, "226 done"), HostileServer.testTlsContext())) {
            try (FtpClient ftp = connect(s)) {
                FtpTransferException e = assertThrows(FtpTransferException.class, () -> {
                    try (InputStream in = ftp.retrieve("f.bin")) {
                        in.readAllBytes();
                    }
                });
                assertEquals(10, e.received(), e.toString());
                assertInstanceOf(TlsTruncationException.class, e.getCause(), e.toString());
            }
        }
    }

    @Test
    void anEndWithoutCloseNotifyWithoutA226IsAnError() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        try (HostileServer s = HostileServer.start(cutDownload("150 f.bin", data, "426 connection closed; transfer aborted"),
                HostileServer.testTlsContext())) {
            try (FtpClient ftp = connect(s)) {
                FtpTransferException e = assertThrows(FtpTransferException.class, () -> {
                    try (InputStream in = ftp.retrieve("f.bin")) {
                        in.readAllBytes();
                    }
                });
                assertEquals(10, e.received(), e.toString());
                assertEquals(426, e.reply().orElseThrow().code());
            }
        }
    }

    @Test
    void cccWithoutTlsIsMisuseBeforeConnecting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FtpClient.builder("127.0.0.1").port(9).options(Kit.options()).clearCommandChannel(true).connect());
        assertTrue(e.getMessage().contains("TLS mode"), e.getMessage());
    }
}
