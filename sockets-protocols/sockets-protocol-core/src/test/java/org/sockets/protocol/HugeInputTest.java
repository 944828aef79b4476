package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.sockets.api.Deadline;
import org.sockets.protocol.HeaderBlock.Folding;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A 1 GiB line, reply, header block or body fails after at most its limit plus one buffer read
 * from a counting source; the module's tests run with -Xmx256m (see the POM), so holding the
 * input would fail with OutOfMemoryError.
 */
@ExtendWith(NoDescriptorLeaks.class)
class HugeInputTest {

    private static final long GIB = 1L << 30;
    private static final Limits LIMITS = Limits.defaults();

    private static void failsWithin(long limit, MemoryEndpoint.Counting source, Class<? extends Throwable> type,
                                    ThrowingReader reader) {
        MemoryEndpoint e = new MemoryEndpoint(source);
        ProtocolConnection c = Inputs.connection(e);
        Executable run = () -> reader.read(c);
        assertThrows(type, run);
        long bound = limit + 2 + ProtocolConnection.BUFFER_SIZE;
        assertTrue(source.taken <= bound, "took " + source.taken + " bytes, more than limit + one buffer read (" + bound + ")");
        assertTrue(!e.isOpen(), "closed after the limit");
    }

    interface ThrowingReader {
        void read(ProtocolConnection c) throws Exception;
    }

    @Test
    void aGibibyteLineFailsAtTheReplyLineLimit() {
        failsWithin(LIMITS.replyLine(), new MemoryEndpoint.Counting(ascii("+OK "), ascii("x"), GIB),
                LimitExceededException.class, Replies::pop3);
        failsWithin(LIMITS.replyLine(), new MemoryEndpoint.Counting(ascii(""), ascii("x"), GIB),
                LimitExceededException.class, c -> c.readLine(LIMITS.replyLine(), Deadline.none(), "line"));
    }

    @Test
    void aGibibyteMultiLineReplyFailsAtItsLimit() {
        failsWithin(LIMITS.multiLineReply(), new MemoryEndpoint.Counting(ascii("220-x\r\n"), ascii("free text line\r\n"), GIB),
                LimitExceededException.class, Replies::ftp);
        failsWithin(LIMITS.multiLineReply(), new MemoryEndpoint.Counting(ascii(""), ascii("250-x\r\n"), GIB),
                LimitExceededException.class, Replies::smtp);
        failsWithin(LIMITS.multiLineReply(), new MemoryEndpoint.Counting(ascii(""), ascii("\r\n"), GIB),
                LimitExceededException.class, DotBlock::lines);
    }

    @Test
    void aGibibyteHeaderBlockFailsAtItsLimit() {
        failsWithin(LIMITS.headerBlock(), new MemoryEndpoint.Counting(ascii(""), ascii("X: " + "v".repeat(1000) + "\r\n"), GIB),
                LimitExceededException.class, c -> HeaderBlock.read(c, Folding.REFUSE));
        failsWithin(LIMITS.headerBlock(), new MemoryEndpoint.Counting(ascii("X: "), ascii("v"), GIB),
                LimitExceededException.class, c -> HeaderBlock.read(c, Folding.REFUSE));
    }

    @Test
    void aGibibyteBodyFailsAtTheInMemoryLimitAndAGibibyteBodyLineAtTheBodyLineLimit() {
        failsWithin(LIMITS.inMemoryBody() + LIMITS.bodyLine(), new MemoryEndpoint.Counting(ascii(""), ascii("body line\r\n"), GIB),
                LimitExceededException.class, DotBlock::bytes);
        failsWithin(LIMITS.bodyLine(), new MemoryEndpoint.Counting(ascii(""), ascii("y"), GIB),
                LimitExceededException.class, c -> {
                    try (InputStream in = DotBlock.stream(c)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                });
    }

    @Test
    void aStreamedBodyOfAGibibyteIsReadWithFlatMemory() throws Exception {
        long size = GIB / 4; // a quarter: enough to prove nothing is held, quick enough for every build
        MemoryEndpoint.Counting source = new MemoryEndpoint.Counting(ascii(""), ascii("0123456789abcdefghijklmnopqrstuvwxyz".repeat(28) + "\r\n"), size);
        ProtocolConnection c = Inputs.connection(new MemoryEndpoint(source));
        try (InputStream in = DotBlock.stream(c)) {
            byte[] buf = new byte[64 * 1024];
            assertThrows(TruncatedTransferException.class, () -> {
                while (in.read(buf) >= 0) {
                    // discard
                }
            }, "no terminating dot: truncated after the whole run");
        }
        assertTrue(source.taken == size);
    }
}
