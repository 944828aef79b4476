package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class RepliesTest {

    interface Reader<T> {
        T read(ProtocolConnection c) throws IOException;
    }

    /** Reads the input at every split; every split must give the same result, which is returned. */
    private static <T> T atEverySplit(String input, Reader<T> reader) throws IOException {
        T first = null;
        for (List<byte[]> split : Inputs.splits(ascii(input))) {
            T got = reader.read(Inputs.connection(new MemoryEndpoint(split)));
            if (first == null) {
                first = got;
            } else {
                assertEquals(first, got, Inputs.describe(split));
            }
        }
        return first;
    }

    private static <X extends Throwable> void failsAtEverySplit(Class<X> type, String input, Reader<?> reader) {
        for (List<byte[]> split : Inputs.splits(ascii(input))) {
            MemoryEndpoint e = new MemoryEndpoint(split);
            assertThrows(type, () -> reader.read(Inputs.connection(e)), Inputs.describe(split));
            assertFalse(e.isOpen(), "a broken reply closes the connection: " + Inputs.describe(split));
        }
    }

    @Test
    void ftpIntermediateLinesAreFreeTextAndOnlyTheCodeWithASpaceEnds() throws IOException {
        Reply r = atEverySplit("220-Welcome\r\n free text\r\n220-still\r\n123 not the end\r\n2200 nor this\r\n220 done\r\n", Replies::ftp);
        assertEquals(new Reply(220, List.of("Welcome", " free text", "still", "123 not the end", "2200 nor this", "done")), r);
        assertEquals(new Reply(220, List.of("ready")), atEverySplit("220 ready\r\n", Replies::ftp));
        assertEquals(new Reply(220, List.of("")), atEverySplit("220\r\n", Replies::ftp));
    }

    @Test
    void smtpEveryLineCarriesTheSameCode() throws IOException {
        assertEquals(new Reply(250, List.of("mail.example", "PIPELINING", "STARTTLS")),
                atEverySplit("250-mail.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n", Replies::smtp));
        failsAtEverySplit(MalformedReplyException.class, "250-a\r\n251 b\r\n", Replies::smtp);
        failsAtEverySplit(MalformedReplyException.class, "250-a\r\nfree text\r\n", Replies::smtp);
        failsAtEverySplit(MalformedReplyException.class, "250-a\r\n250+b\r\n", Replies::smtp);
    }

    @Test
    void codesAreThreeDigitsFrom100To599() {
        for (String bad : new String[] {"abc hello\r\n", "600 x\r\n", "099 x\r\n", "25 x\r\n", "250x\r\n", " 250 x\r\n", "+250 x\r\n", "\r\n"}) {
            assertThrows(MalformedReplyException.class, () -> Replies.ftp(Inputs.connection(bad)), bad);
            assertThrows(MalformedReplyException.class, () -> Replies.smtp(Inputs.connection(bad)), bad);
        }
    }

    @Test
    void aReplyCutByTheServerIsTruncated() {
        failsAtEverySplit(TruncatedTransferException.class, "220-one\r\nfree\r\n", Replies::ftp);
        failsAtEverySplit(TruncatedTransferException.class, "250-one\r\n250-two\r\n", Replies::smtp);
        failsAtEverySplit(TruncatedTransferException.class, "", Replies::pop3);
        failsAtEverySplit(TruncatedTransferException.class, "+OK no end", Replies::pop3);
    }

    @Test
    void numericStatusIsOneLine() throws IOException {
        assertEquals(new Reply(200, List.of("news ready")), atEverySplit("200 news ready\r\n", Replies::numeric));
        failsAtEverySplit(MalformedReplyException.class, "200-more\r\n", Replies::numeric);
    }

    @Test
    void pop3StatusIsOkErrOrContinuation() throws IOException {
        assertEquals(new StatusReply("+OK", "hello there"), atEverySplit("+OK hello there\r\n", Replies::pop3));
        assertEquals(new StatusReply("+OK", ""), atEverySplit("+OK\r\n", Replies::pop3));
        assertEquals(new StatusReply("-ERR", "no such message"), atEverySplit("-ERR no such message\r\n", Replies::pop3));
        assertEquals(new StatusReply("+", "ZGF0YQ=="), atEverySplit("+ ZGF0YQ==\r\n", Replies::pop3));
        failsAtEverySplit(MalformedReplyException.class, "+OKAY\r\n", Replies::pop3);
        failsAtEverySplit(MalformedReplyException.class, "OK\r\n", Replies::pop3);
        NegativeReplyException x = assertThrows(NegativeReplyException.class,
                () -> Replies.pop3(Inputs.connection("-ERR locked\r\n")).expectOk("STAT"));
        assertEquals("-ERR", x.code());
        assertEquals("locked", x.text());
    }

    @Test
    void aLongReplyLineOrReplyFailsAtTheLimit() {
        Limits small = Limits.defaults().withReplyLine(10).withMultiLineReply(30);
        ClientOptions o = Inputs.options().withLimits(small);
        assertThrows(LimitExceededException.class, () -> Replies.ftp(Inputs.connection(MemoryEndpoint.of(ascii("220 0123456789X\r\n")), o)));
        assertThrows(LimitExceededException.class, () -> Replies.ftp(Inputs.connection(MemoryEndpoint.of(
                ascii("220-a\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n220 end\r\n")), o)),
                "empty lines count their CRLF, so endless empty lines still end");
        assertThrows(LimitExceededException.class, () -> Replies.smtp(Inputs.connection(MemoryEndpoint.of(
                ascii("250-aaaaaaa\r\n250-bbbbbbb\r\n250-ccccccc\r\n250 d\r\n")), o)));
    }

    @Test
    void consecutiveRepliesShareTheBuffer() throws IOException {
        ProtocolConnection c = Inputs.connection("220 hi\r\n250-a\r\n250 b\r\n+OK x\r\n");
        assertEquals(220, Replies.ftp(c).code());
        Reply r = Replies.smtp(c);
        assertEquals(List.of("a", "b"), r.lines());
        assertTrue(Replies.pop3(c).isPositive());
    }

    @Test
    void expectTurnsANegativeCodeIntoAnException() throws IOException {
        NegativeReplyException x = assertThrows(NegativeReplyException.class,
                () -> Replies.ftp(Inputs.connection("550 no such file\r\n")).expect("RETR a", 200, 299));
        assertEquals("550", x.code());
        assertTrue(x.getMessage().contains("RETR a"));
        assertEquals(226, Replies.ftp(Inputs.connection("226 ok\r\n")).expect("RETR a", 200, 299).code());
    }
}
