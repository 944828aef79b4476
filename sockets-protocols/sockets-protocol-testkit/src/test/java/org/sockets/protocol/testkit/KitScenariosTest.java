package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.Command;
import org.sockets.protocol.DotBlock;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Reply;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.StatusReply;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.testkit.NoDescriptorLeaks;
import org.sockets.testkit.TestCertificates;

/**
 * Each kit scenario first breaks the naive reference client (so it tests what it claims), then
 * the core resists it over real loopback sockets.
 */
@ExtendWith(NoDescriptorLeaks.class)
class KitScenariosTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void certificatesAndOncePerProcessDescriptors() throws IOException {
        TestCertificates.get();
        try (HostileServer s = HostileServer.start(Script.of().send("+OK\r\n"))) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options());
            Replies.pop3(c);
            c.close();
            s.awaitResult(WAIT);
        }
    }

    private static ProtocolConnection connect(HostileServer s) throws IOException {
        return ProtocolConnection.open("pop3", s.address(), Kit.options());
    }

    @Test
    void anEndlessLineGrowsTheNaiveReaderAndHitsTheCoresLimit() throws IOException {
        Script endless = Script.of().sendRepeated("x", 16L << 20).close();
        try (HostileServer s = HostileServer.start(endless)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                assertEquals(16 << 20, naive.readLine().length(), "naive: a 16 MiB line in memory");
            }
            s.awaitResult(WAIT);
            try (ProtocolConnection c = connect(s)) {
                assertThrows(LimitExceededException.class, () -> Replies.pop3(c));
                assertFalse(c.isOpen());
            }
            s.awaitResult(WAIT);
        }
    }

    @Test
    void aHugeClaimedSizeIsAllocatedByTheNaiveClientAndNeverByTheCore() throws IOException {
        Script claim = Script.of().send("+OK 1500000000 octets\r\nSubject: small\r\n\r\nbody\r\n.\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(claim)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                assertThrows(OutOfMemoryError.class, naive::retrTrustingSize, "naive: allocates the claimed 1.5 GB (this JVM has 256 MiB)");
            }
            s.awaitResult(WAIT);
            try (ProtocolConnection c = connect(s)) {
                StatusReply status = Replies.pop3(c).expectOk("RETR");
                long claimed = Numbers.parse(status.text().split(" ")[0], Long.MAX_VALUE, "size");
                assertEquals(1_500_000_000L, claimed);
                assertArrayEquals("Subject: small\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), DotBlock.bytes(c));
            }
            s.awaitResult(WAIT);
        }
    }

    @Test
    void bytesAfterTheStartTlsGoAheadFoolTheNaiveClientAndAreRefusedByTheCore() throws IOException {
        Script injected = Script.of().send("+OK ready\r\n").expect("STLS")
                .send("+OK begin TLS\r\n+OK logged in as root\r\n").startTls().expectAnyLine().send("+OK real\r\n");
        try (HostileServer s = HostileServer.start(injected, HostileServer.testTlsContext())) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.readLine();
                naive.command("STLS");
                assertEquals("+OK begin TLS", naive.readLine());
                naive.startTlsKeepingTheOldReader(Kit.trustingClient());
                naive.command("NOOP");
                assertEquals("+OK logged in as root", naive.readLine(), "naive: the injected clear-text reply read as if under TLS");
            }
            s.awaitResult(WAIT);
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.withCredentials());
            Replies.pop3(c);
            c.send(Command.of("STLS"));
            Replies.pop3(c).expectOk("STLS");
            StartTlsException x = assertThrows(StartTlsException.class, c::startTls);
            assertTrue(x.getMessage().contains("sent 23 bytes in clear"), x.getMessage());
            HostileServer.Result r = s.awaitResult(WAIT);
            assertEquals("STLS\r\n", r.receivedText(), "nothing after the fault");
        }
    }

    @Test
    void aBlockCutBeforeItsDotIsAShortSuccessForTheNaiveClientAndTruncatedForTheCore() throws IOException {
        Script cut = Script.of().send("+OK\r\nline one\r\nline two\r\n").close();
        try (HostileServer s = HostileServer.start(cut)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.readLine();
                assertEquals(List.of("line one", "line two"), naive.readDotBlock(), "naive: a short success");
            }
            s.awaitResult(WAIT);
            try (ProtocolConnection c = connect(s)) {
                Replies.pop3(c);
                TruncatedTransferException x = assertThrows(TruncatedTransferException.class, () -> DotBlock.bytes(c));
                assertEquals(20, x.received());
            }
            s.awaitResult(WAIT);
        }
    }

    @Test
    void ftpFreeTextEndsTheNaiveReplyEarlyAndTheCoreReadsItWhole() throws IOException {
        Script ftp = Script.of().send("220-Welcome\r\n  free text, no code\r\n220 ready\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(ftp)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                assertNotEquals("220 ready", naive.ftpReply(), "naive: free text taken for the last line");
                assertEquals("220 ready", naive.readLine(), "naive: the real end is left for the next command");
            }
            s.awaitResult(WAIT);
            try (ProtocolConnection c = connect(s)) {
                assertEquals(new Reply(220, List.of("Welcome", "  free text, no code", "ready")), Replies.ftp(c));
            }
            s.awaitResult(WAIT);
        }
    }

    @Test
    void malformedStatusAndMixedSmtpCodesPassTheNaiveClientAndNotTheCore() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OKAY\r\n250-a\r\n550 b\r\n").awaitClose())) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                assertTrue(naive.readLine().startsWith("+OK"), "naive: +OKAY taken for +OK");
                assertEquals("550 b", naive.ftpReply(), "naive: a 250 reply ending in 550");
            }
            s.awaitResult(WAIT);
            try (ProtocolConnection c = connect(s)) {
                assertThrows(MalformedReplyException.class, () -> Replies.pop3(c));
            }
            s.awaitResult(WAIT);
        }
        try (HostileServer s = HostileServer.start(Script.of().send("250-a\r\n550 b\r\n").awaitClose())) {
            try (ProtocolConnection c = connect(s)) {
                assertThrows(MalformedReplyException.class, () -> Replies.smtp(c));
            }
            s.awaitResult(WAIT);
        }
    }

    @Test
    void anArgumentWithCrLfInjectsACommandThroughTheNaiveClientAndNotTheCore() throws IOException {
        Script server = Script.of().send("+OK\r\n").awaitClose();
        try (HostileServer s = HostileServer.start(server)) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.readLine();
                naive.command("RETR " + "1\r\nDELE 1");
            }
            assertTrue(s.awaitResult(WAIT).receivedText().contains("\r\nDELE 1\r\n"), "naive: DELE injected");
            try (ProtocolConnection c = connect(s)) {
                Replies.pop3(c);
                assertThrows(IllegalArgumentException.class, () -> c.send(Command.of("RETR", "1\r\nDELE 1")));
            }
            assertEquals("", s.awaitResult(WAIT).receivedText(), "not a byte written");
        }
    }

    /** CVE-2023-51764: a body with bare LF around a dot ends the message early on a lenient server. */
    @Test
    void bareLfDotSmugglesAMessageThroughTheNaiveClientAndNotTheCore() throws IOException {
        String body = "Subject: hi\r\n\r\nhello\n.\nMAIL FROM:<forged@x>\r\n";
        try (HostileServer s = HostileServer.start(Script.of().awaitClose())) {
            try (NaiveClient naive = new NaiveClient(s.port(), WAIT)) {
                naive.sendBody(body);
            }
            assertTrue(s.awaitResult(WAIT).receivedText().contains("\n.\n"), "naive: a bare <LF>.<LF> end marker sent");
            try (ProtocolConnection c = connect(s)) {
                try (OutputStream out = c.dotStuffedBody()) {
                    out.write(body.getBytes(StandardCharsets.US_ASCII));
                }
            }
            String wire = s.awaitResult(WAIT).receivedText();
            assertFalse(wire.replace("\r\n", "").contains("\n") || wire.replace("\r\n", "").contains("\r"), "no bare CR or LF");
            assertEquals(wire.length() - 3, wire.indexOf("\r\n.\r\n") + 2, "one end marker, at the end");
        }
    }
}
