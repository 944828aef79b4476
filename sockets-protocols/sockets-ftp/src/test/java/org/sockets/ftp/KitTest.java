package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.PathEscapeException;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/** What real servers will not do, from the protocol kit's hostile server: one test per bad input. */
@ExtendWith(NoDescriptorLeaks.class)
class KitTest {

    /** The first temporary file of a JVM opens the random devices for good: not a leak of a test's. */
    @BeforeAll
    static void warmUp() throws IOException {
        Files.delete(Files.createTempFile("warm-up", ".tmp"));
    }

    @Test
    void crLfOrNulInAnyArgumentIsRefusedBeforeAnythingIsSent() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.login().awaitClose())) {
            try (FtpClient ftp = Kit.connect(s)) {
                for (String bad : List.of("a\rb", "a\nDELE x", "a\0b")) {
                    assertThrows(IllegalArgumentException.class, () -> ftp.changeDirectory(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.delete(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.rename("ok", bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.rename(bad, "ok"));
                    assertThrows(IllegalArgumentException.class, () -> ftp.size(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.retrieve(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.store(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.append(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.names(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.listLines(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.makeDirectory(bad));
                    assertThrows(IllegalArgumentException.class, () -> ftp.command("SITE", bad));
                }
            }
            assertEquals(Kit.LOGIN_LINES, s.awaitResult(Kit.WAIT).receivedText(), "nothing after the login was sent");
        }
    }

    @Test
    void anOverLongReplyLineFailsWithinTheLimit() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().sendRepeated("2", 10L << 20).awaitClose())) {
            assertThrows(LimitExceededException.class, () -> Kit.connect(s));
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void anEndlessMultiLineReplyFailsWithinTheLimit() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("220-hello\r\n").sendRepeated("more text\r\n", 100L << 20).awaitClose())) {
            assertThrows(LimitExceededException.class, () -> Kit.connect(s));
            s.awaitResult(Kit.WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"227 Entering Passive Mode (127,0,0,1,300,1)", "227 Entering Passive Mode (127,0,0,1,0,0)",
            "227 Entering Passive Mode (127,0,0,1)", "227 ok", "227 (999,0,0,1,4,1)"})
    void aMalformedOrOutOfRangePasvReplyIsRefused(String pasv) throws IOException {
        Script script = Kit.login().expect("EPSV").send("502 no EPSV\r\n").expect("PASV").send(pasv + "\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertThrows(MalformedReplyException.class, () -> ftp.retrieve("f"));
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"229 Entering Extended Passive Mode (|||0|)", "229 Entering Extended Passive Mode (|||70000|)",
            "229 Entering Extended Passive Mode (|||-5|)", "229 Entering Extended Passive Mode (|!|21|)", "229 ok"})
    void aMalformedOrOutOfRangeEpsvReplyIsRefused(String epsv) throws IOException {
        Script script = Kit.login().expect("EPSV").send(epsv + "\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertThrows(MalformedReplyException.class, () -> ftp.retrieve("f"));
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void aPasvReplyNamingAnotherHostIsIgnored() throws IOException {
        Script script = Kit.login().expect("EPSV").send("502 no EPSV\r\n").expect("PASV")
                .then("announce 127.0.0.3", s -> s.send("227 Entering Passive Mode (127,0,0,3," + s.dataPort() / 256 + "," + s.dataPort() % 256 + ")\r\n"))
                .expect("RETR f").send("150 here it comes\r\n")
                .acceptData(Script.of().send("payload").close())
                .send("226 done\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s); InputStream in = ftp.retrieve("f")) {
                // The kit listens on 127.0.0.1 only: the bytes arrive because the client used the control peer.
                assertEquals("payload", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void trustingThePasvHostIsAnExplicitChoice() throws IOException {
        Script script = Kit.login().expect("EPSV").send("502 no EPSV\r\n").expect("PASV")
                .then("announce 127.0.0.3", s -> s.send("227 Entering Passive Mode (127,0,0,3," + s.dataPort() / 256 + "," + s.dataPort() % 256 + ")\r\n"))
                .awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").trustPassiveHost(true))) {
                // Nothing listens on 127.0.0.3: the client went where the reply said.
                assertThrows(java.net.ConnectException.class, () -> ftp.retrieve("f"));
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void anActiveDataConnectionFromAnotherAddressIsRefused() throws IOException {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        Script script = Kit.login().expectMatching("EPRT \\|1\\|127\\.0\\.0\\.1\\|(\\d+)\\|").send("200 ok\r\n")
                .expect("RETR f").send("150 here it comes\r\n")
                .connectFrom(other, s -> new InetSocketAddress("127.0.0.1", Integer.parseInt(s.lastMatch().group(1))),
                        Script.of().send("forged contents").close())
                .awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").dataMode(DataMode.ACTIVE))) {
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> ftp.retrieve("f"));
                assertTrue(e.getMessage().contains("refused connections from [127.0.0.2]"), e.getMessage());
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void aServerThatNeverOpensTheDataConnectionTimesOut() throws IOException {
        Script script = Kit.login().expectMatching("EPRT .*").send("200 ok\r\n")
                .expect("RETR f").send("150 opening\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").dataMode(DataMode.ACTIVE))) {
                long start = System.nanoTime();
                assertThrows(SocketTimeoutException.class, () -> ftp.retrieve("f"));
                assertTrue(System.nanoTime() - start < 10_000_000_000L, "within the read timeout");
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"426 Connection closed; transfer aborted", "451 Local error in processing"})
    void aTransferEndedBy426Or451IsAnErrorWithTheByteCount(String verdict) throws IOException {
        Script script = Kit.epsv(Kit.login()).expect("RETR f").send("150 here\r\n")
                .acceptData(Script.of().send("x".repeat(1234)).close())
                .send(verdict + "\r\n").expect("NOOP").send("200 still here\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                InputStream in = ftp.retrieve("f");
                FtpTransferException e = assertThrows(FtpTransferException.class, in::readAllBytes);
                assertEquals(1234, e.received());
                assertEquals(verdict.substring(0, 3), Integer.toString(e.reply().orElseThrow().code()));
                assertTrue(e.getMessage().contains("1234 bytes"), e.getMessage());
                ftp.noop(); // the session goes on
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void aDataConnectionResetMidTransferIsAnErrorWithTheByteCount() throws IOException {
        Script script = Kit.epsv(Kit.login()).expect("RETR f").send("150 here\r\n")
                .acceptData(Script.of().send("y".repeat(5000)).delay(java.time.Duration.ofMillis(300)).reset())
                .send("426 reset\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                InputStream in = ftp.retrieve("f");
                byte[] buf = new byte[100_000];
                int got = 0;
                FtpTransferException e = null;
                try {
                    for (int n; (n = in.read(buf, got, buf.length - got)) > 0; ) {
                        got += n;
                    }
                } catch (FtpTransferException x) {
                    e = x;
                }
                assertTrue(e != null, "a reset is never a clean end");
                assertEquals(got, e.received(), "the count is what the caller got");
                assertTrue(e.getMessage().contains(got + " bytes"), e.getMessage());
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void a421AtTheGreetingAfterUserOrDuringATransferClosesTheSession() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("421 too many users\r\n").awaitClose())) {
            assertEquals(421, assertThrows(FtpReplyException.class, () -> Kit.connect(s)).replyCode());
            s.awaitResult(Kit.WAIT);
        }
        Script afterUser = Script.of().send("220 hi\r\n").expect("FEAT").send("500 no\r\n")
                .expect("USER anonymous").send("421 shutting down\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(afterUser)) {
            assertEquals(421, assertThrows(FtpReplyException.class, () -> Kit.connect(s)).replyCode());
            s.awaitResult(Kit.WAIT);
        }
        Script midTransfer = Kit.epsv(Kit.login()).expect("RETR f").send("150 here\r\n")
                .acceptData(Script.of().send("z".repeat(10)).close()).send("421 going down\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(midTransfer)) {
            try (FtpClient ftp = Kit.connect(s)) {
                InputStream in = ftp.retrieve("f");
                FtpTransferException e = assertThrows(FtpTransferException.class, in::readAllBytes);
                assertEquals(10, e.received());
                assertThrows(IllegalStateException.class, ftp::noop, "the session is closed");
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
        Script onNoop = Kit.login().expect("NOOP").send("421 idle too long\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(onNoop)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertEquals(421, assertThrows(FtpReplyException.class, ftp::noop).replyCode());
                assertThrows(IllegalStateException.class, ftp::noop);
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void aPwdReplyWithoutItsClosingQuoteIsMalformed() throws IOException {
        Script script = Kit.login().expect("PWD").send("257 \"/home/x is the directory\r\n")
                .expect("PWD").send("257 \"/a \"\"quoted\"\" dir\" is it\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertThrows(MalformedReplyException.class, ftp::workingDirectory);
                assertEquals("/a \"quoted\" dir", ftp.workingDirectory());
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "99999999999999999999", "9223372036854775808", "12a", "", " 1 2"})
    void aNegativeOverflowingOrNonNumericSizeIsMalformed(String size) throws IOException {
        Script script = Kit.login().expect("SIZE f").send("213 " + size + "\r\n").expect("SIZE g").send("213 42\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertThrows(MalformedReplyException.class, () -> ftp.size("f"));
                assertEquals(42, ftp.size("g"));
            }
            s.awaitResult(Kit.WAIT);
        }
    }

    @Test
    void aFolderDownloadRefusesNamesThatLeaveTheFolder(@TempDir Path folder) throws IOException {
        Script script = Kit.epsv(Kit.login()).expect("NLST d").send("150 names\r\n")
                .acceptData(Script.of().send("ok.txt\r\n../escape.txt\r\n").close())
                .send("226 done\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s)) {
                assertThrows(PathEscapeException.class, () -> ftp.downloadFolder("d", folder, (a, b) -> { }));
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "nothing was written");
        }
        assertTrue(Files.notExists(folder.resolveSibling("escape.txt")));
    }

    @Test
    void keepAliveNoopRepliesAreMatchedUpAroundTheTransferReply() throws IOException {
        byte[] data = Servers.random(200_000, 9);
        Script script = Kit.epsv(Kit.login()).expect("RETR f").send("150 here\r\n")
                .acceptData(Script.of().send(java.util.Arrays.copyOf(data, 100_000)).delay(java.time.Duration.ofMillis(400))
                        .send(java.util.Arrays.copyOfRange(data, 100_000, 200_000)).close())
                .expect("NOOP").send("200 noop\r\n")
                .send("226 done\r\n")
                .awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").keepAlive(java.time.Duration.ofMillis(200)))) {
                try (InputStream in = ftp.retrieve("f")) {
                    assertArrayEquals(data, in.readAllBytes());
                }
            }
            HostileServer.Result data1 = s.awaitResult(Kit.WAIT);
            HostileServer.Result control = s.awaitResult(Kit.WAIT);
            assertTrue(control.receivedText().contains("NOOP"), control.receivedText());
            assertEquals(1, control.receivedText().split("NOOP", -1).length - 1, "one NOOP in the 400 ms pause: " + control.receivedText());
            assertTrue(control.failure().isEmpty() && data1.failure().isEmpty(), control + " " + data1);
        }
    }

    @Test
    void anAccountIsSentWhenTheServerAsksAndARefusedLoginIsAnAuthenticationFailure() throws IOException {
        Script acct = Script.of().send("220 hi\r\n").expect("FEAT").send("502 no\r\n")
                .expect("USER anonymous").send("331 password\r\n").expect("PASS anonymous@").send("332 account please\r\n")
                .expect("ACCT billing").send("230 in\r\n").expect("TYPE I").send("200 ok\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(acct)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").account("billing"))) {
                assertTrue(ftp.features().lines().isEmpty(), "no FEAT: no features");
            }
            assertTrue(s.awaitResult(Kit.WAIT).failure().isEmpty());
        }
        Script refused = Script.of().send("220 hi\r\n").expect("FEAT").send("502 no\r\n")
                .expect("USER anonymous").send("331 password\r\n").expect("PASS anonymous@").send("530 not today\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(refused)) {
            org.sockets.protocol.AuthenticationFailedException e =
                    assertThrows(org.sockets.protocol.AuthenticationFailedException.class, () -> Kit.connect(s));
            assertEquals("530", e.code());
            s.awaitResult(Kit.WAIT);
        }
        assertThrows(IllegalArgumentException.class, () -> FtpClient.builder("h").account("a\r\nDELE x"));
    }

    @Test
    void withoutUtf8InFeatTheFallbackEncodingWritesAndReadsLatin1() throws IOException {
        byte[] pwd = {'2', '5', '7', ' ', '"', '/', 'c', 'a', 'f', (byte) 0xe9, '"', ' ', 'i', 's', ' ', 'i', 't', '\r', '\n'};
        Script script = Script.of().send("220 hi\r\n").expect("FEAT").send("211-Features:\r\n SIZE\r\n211 End\r\n")
                .expect("USER anonymous").send("230 in\r\n").expect("TYPE I").send("200 ok\r\n")
                .expectAnyLine().send("250 ok\r\n")
                .expect("PWD").send(pwd).awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (FtpClient ftp = Kit.connect(s, FtpClient.builder("127.0.0.1").fallbackEncoding(StandardCharsets.ISO_8859_1))) {
                assertThrows(IllegalArgumentException.class, () -> ftp.changeDirectory("\u20ac"), "no euro sign in Latin-1");
                ftp.changeDirectory("caf\u00e9");
                assertEquals("/caf\u00e9", ftp.workingDirectory());
            }
            byte[] got = s.awaitResult(Kit.WAIT).received();
            byte[] cwd = {'C', 'W', 'D', ' ', 'c', 'a', 'f', (byte) 0xe9, '\r', '\n'};
            assertTrue(indexOf(got, cwd) >= 0, "CWD in ISO-8859-1: " + java.util.HexFormat.of().formatHex(got));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
