package org.sockets.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.FixedLength;
import org.sockets.protocol.HeaderBlock;
import org.sockets.protocol.HeaderField;
import org.sockets.protocol.LimitExceededException;
import org.sockets.protocol.Limits;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Python's unbounded reads, as kit dialogues over loopback (this JVM has 256 MiB): an endless
 * line, a huge HTTP Content-Length, a huge IMAP literal. Each asserts the exception, that the
 * client sent nothing after the fault, and (the extension) the descriptor count.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ClaimedSizeCveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void oncePerProcess() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OK\r\n"))) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options());
            Replies.pop3(c);
            c.close();
            s.awaitResult(WAIT);
        }
    }

    /** CVE-2013-1752: ftplib, poplib, imaplib, nntplib and smtplib read a line without a limit. */
    @Test
    void cve_2013_1752_anEndlessLineStopsAtTheLimit() throws IOException {
        try (HostileServer s = HostileServer.start(Script.of().send("+OK ").sendRepeated("A", 1L << 30))) {
            ProtocolConnection c = ProtocolConnection.open("pop3", s.address(), Kit.options());
            LimitExceededException x = assertThrows(LimitExceededException.class, () -> Replies.pop3(c));
            assertEquals(8192, x.limit());
            assertFalse(c.isOpen());
            assertEquals("", s.awaitResult(WAIT).receivedText(), "nothing sent after the fault");
            assertTrue(s.notes().toString().contains("client went away"), "the server did not get to send its GiB: " + s.notes());
        }
    }

    /** gh-119451: http.client allocated the whole Content-Length a server claimed. */
    @Test
    void gh_119451_aClaimedContentLengthIsNeverAllocated() throws IOException {
        Script http = Script.of().expect("GET / HTTP/1.1").expect("Host: localhost").expect("")
                .send("HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\nonly this").close();
        ClientOptions roomy = Kit.options().withLimits(Limits.defaults().withInMemoryBody(Integer.MAX_VALUE));
        try (HostileServer s = HostileServer.start(http)) {
            ProtocolConnection c = ProtocolConnection.open("http", s.address(), roomy);
            c.send(Command.line("GET / HTTP/1.1"));
            c.send(Command.line("Host: localhost"));
            c.sendBlankLine();
            byte[] status = c.readLine(c.limits().replyLine(), c.readDeadline(), "status line");
            assertEquals("HTTP/1.1 200 OK", new String(status, StandardCharsets.US_ASCII));
            List<HeaderField> headers = HeaderBlock.read(c, HeaderBlock.Folding.REFUSE);
            long length = Numbers.parse(headers.getFirst().value(), Long.MAX_VALUE, "Content-Length");
            TruncatedTransferException x = assertThrows(TruncatedTransferException.class, () -> FixedLength.bytes(c, length),
                    "memory grows with what arrives: 2 GB claimed, 256 MiB heap");
            assertEquals(9, x.received());
            assertEquals("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", s.awaitResult(WAIT).receivedText(), "nothing after the fault");
        }
        try (HostileServer s = HostileServer.start(Script.of().send("HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\nx").awaitClose())) {
            ProtocolConnection c = ProtocolConnection.open("http", s.address(), Kit.options());
            c.readLine(100, c.readDeadline(), "status");
            HeaderBlock.read(c, HeaderBlock.Folding.REFUSE);
            LimitExceededException x = assertThrows(LimitExceededException.class, () -> FixedLength.bytes(c, 2_000_000_000L),
                    "over the in-memory limit: refused before reading");
            assertEquals(16 << 20, x.limit());
            s.awaitResult(WAIT);
        }
    }

    /** gh-119511: imaplib allocated the size of a literal {n} the server claimed. */
    @Test
    void gh_119511_aClaimedLiteralIsNeverAllocated() throws IOException {
        Script imap = Script.of().send("* OK ready\r\n").expect("a1 FETCH 1 BODY[]")
                .send("* 1 FETCH (BODY[] {2147483000}\r\nshort literal").close();
        ClientOptions roomy = Kit.options().withLimits(Limits.defaults().withInMemoryBody(Integer.MAX_VALUE));
        try (HostileServer s = HostileServer.start(imap)) {
            ProtocolConnection c = ProtocolConnection.open("imap", s.address(), roomy);
            c.readLine(100, c.readDeadline(), "greeting");
            c.send(Command.of("a1 FETCH", "1", "BODY[]"));
            String line = new String(c.readLine(c.limits().replyLine(), c.readDeadline(), "response"), StandardCharsets.US_ASCII);
            long claimed = Numbers.parse(line.substring(line.lastIndexOf('{') + 1, line.length() - 1), Long.MAX_VALUE, "literal size");
            try (InputStream literal = FixedLength.stream(c, claimed)) {
                byte[] got = new byte[64];
                int n = literal.read(got);
                assertArrayEquals("short literal".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(got, n));
                TruncatedTransferException x = assertThrows(TruncatedTransferException.class, () -> literal.read(got));
                assertEquals(13, x.received());
            }
            assertFalse(c.isOpen());
            assertEquals("a1 FETCH 1 BODY[]\r\n", s.awaitResult(WAIT).receivedText());
        }
    }
}
