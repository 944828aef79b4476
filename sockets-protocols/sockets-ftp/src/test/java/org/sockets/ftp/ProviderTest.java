package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.testkit.FtpServer;
import org.sockets.protocol.testkit.HostileServer;
import org.sockets.protocol.testkit.Script;
import org.sockets.testkit.NoDescriptorLeaks;

/** {@code ftp://} URLs (RFC 1738) through {@link Protocols#open}, against vsftpd and pyftpdlib. */
@ExtendWith(NoDescriptorLeaks.class)
class ProviderTest {

    static FtpServer vsftpd;
    static FtpServer pyftpdlib;

    @BeforeAll
    static void start() throws IOException {
        vsftpd = FtpServer.vsftpd(false);
        pyftpdlib = FtpServer.pyftpdlib();
    }

    @AfterAll
    static void stop() {
        if (vsftpd != null) {
            vsftpd.close();
        }
        if (pyftpdlib != null) {
            pyftpdlib.close();
        }
    }

    static URI url(FtpServer s, String userAt, String path) {
        return URI.create("ftp://" + userAt + s.host() + ":" + s.port() + "/" + path);
    }

    @Test
    void aFileUrlStreamsTheFileAnonymously() throws IOException {
        byte[] content = Servers.random(200_000, 41);
        Files.createDirectories(vsftpd.files().resolve("a/b"));
        Files.write(vsftpd.files().resolve("a/b/c.bin"), content);
        try (Retrieval r = Protocols.open(url(vsftpd, "", "pub/a/b/c.bin;type=i"), Servers.options())) {
            assertEquals(content.length, r.length().orElseThrow());
            assertArrayEquals(content, r.body().readAllBytes());
        }
    }

    @Test
    void typeAHandsOverLfAndATrailingSlashLists() throws IOException {
        Files.createDirectories(vsftpd.files().resolve("t"));
        Files.writeString(vsftpd.files().resolve("t/x.txt"), "one\ntwo\n");
        try (Retrieval r = Protocols.open(url(vsftpd, "", "pub/t/x.txt;type=a"), Servers.options())) {
            assertEquals("one\ntwo\n", new String(r.body().readAllBytes(), StandardCharsets.US_ASCII));
        }
        try (Retrieval r = Protocols.open(url(vsftpd, "", "pub/t/"), Servers.options())) {
            String listing = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(listing.contains(" x.txt\r\n"), listing);
        }
        try (Retrieval r = Protocols.open(url(vsftpd, "", "pub/t;type=d"), Servers.options())) {
            assertEquals("t/x.txt\r\n", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aUserInTheUrlLogsInWithThePasswordFromTheOptions() throws IOException {
        Files.writeString(pyftpdlib.files().resolve("u.txt"), "for alice");
        ClientOptions o = Servers.options().withCredentials(FtpServer.USER, FtpServer.PASSWORD::toCharArray).withPlainTextCredentials();
        try (Retrieval r = Protocols.open(url(pyftpdlib, FtpServer.USER + "@", "u.txt"), o)) {
            assertEquals("for alice", new String(r.body().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anEncodedCrLfInThePathIsRefusedBeforeItIsSent() throws IOException {
        try (HostileServer s = HostileServer.start(Kit.login().awaitClose())) {
            URI evil = URI.create("ftp://127.0.0.1:" + s.port() + "/pub%0D%0ADELE%20x/f");
            assertThrows(IllegalArgumentException.class, () -> Protocols.open(evil, Kit.options()));
            assertEquals(Kit.LOGIN_LINES, s.awaitResult(Kit.WAIT).receivedText());
        }
        assertThrows(IllegalArgumentException.class, () -> Protocols.open(URI.create("ftp://127.0.0.1/f;type=x"), Kit.options()));
    }

    @Test
    void aTransferCutShortIsATruncatedTransferFromTheStream() throws IOException {
        Script script = Kit.epsv(Kit.login().expect("SIZE f").send("213 100\r\n")).expect("RETR f").send("150 here\r\n")
                .acceptData(Script.of().send("x".repeat(40)).close()).send("426 aborted\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(script)) {
            try (Retrieval r = Protocols.open(URI.create("ftp://127.0.0.1:" + s.port() + "/f"), Kit.options())) {
                org.sockets.protocol.TruncatedTransferException e =
                        assertThrows(org.sockets.protocol.TruncatedTransferException.class, () -> r.body().readAllBytes());
                assertEquals(40, e.received());
            }
            s.awaitResult(Kit.WAIT);
            s.awaitResult(Kit.WAIT);
        }
    }
}
