package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.api.Deadline;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class ReadLineTest {

    private static List<String> lines(List<byte[]> chunks, int limit) throws IOException {
        ProtocolConnection c = Inputs.connection(new MemoryEndpoint(chunks));
        List<String> out = new ArrayList<>();
        byte[] line;
        while ((line = c.readLine(limit, Deadline.none(), "line")) != null) {
            out.add(new String(line, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void linesEndInCrLfOrLfAndABareCrStaysInTheLineAtEverySplit() throws IOException {
        byte[] input = ascii("a\r\nb\nc\rd\r\n\r\nlast\r\n");
        for (List<byte[]> split : Inputs.splits(input)) {
            assertEquals(List.of("a", "b", "c\rd", "", "last"), lines(split, 8), Inputs.describe(split));
        }
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneMoreByteFailsAtEverySplit() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("12345678\r\n"))) {
            assertEquals(List.of("12345678"), lines(split, 8), Inputs.describe(split));
        }
        for (List<byte[]> split : Inputs.splits(ascii("123456789\r\n"))) {
            MemoryEndpoint e = new MemoryEndpoint(split);
            ProtocolConnection c = Inputs.connection(e);
            LimitExceededException x = assertThrows(LimitExceededException.class, () -> c.readLine(8, Deadline.none(), "line"),
                    Inputs.describe(split));
            assertEquals(8, x.limit());
            assertFalse(e.isOpen(), "a limit closes the connection");
        }
        for (List<byte[]> split : Inputs.splits(ascii("12345678\r\r\n"))) {
            assertThrows(LimitExceededException.class, () -> lines(split, 8), Inputs.describe(split));
        }
    }

    @Test
    void aLineCutByTheEndOfStreamIsTruncatedAndACleanEndIsNull() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("ok\r\npart"))) {
            ProtocolConnection c = Inputs.connection(new MemoryEndpoint(split));
            assertArrayEquals(ascii("ok"), c.readLine(8, Deadline.none(), "line"));
            TruncatedTransferException x = assertThrows(TruncatedTransferException.class, () -> c.readLine(8, Deadline.none(), "line"));
            assertEquals(4, x.received());
        }
        ProtocolConnection c = Inputs.connection("");
        assertNull(c.readLine(8, Deadline.none(), "line"));
    }

    @Test
    void afterAFailureTheConnectionRefusesUse() {
        ProtocolConnection c = Inputs.connection("toolongline\r\n");
        assertThrows(LimitExceededException.class, () -> c.readLine(4, Deadline.none(), "line"));
        assertThrows(IllegalStateException.class, () -> c.readLine(4, Deadline.none(), "line"));
        assertThrows(IllegalStateException.class, () -> c.send(Command.of("QUIT")));
    }

    @Test
    void bytesBufferedAfterALineAreReadFirst() throws IOException {
        ProtocolConnection c = Inputs.connection("head\r\nbody-bytes");
        assertArrayEquals(ascii("head"), c.readLine(8, Deadline.none(), "line"));
        ByteBuffer b = ByteBuffer.allocate(64);
        while (c.read(b, Deadline.none()) > 0) {
            // until end of stream
        }
        assertEquals("body-bytes", new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void bufferedCountsWhatFollowedTheLineWithoutTouchingTheSocket() throws IOException {
        MemoryEndpoint e = MemoryEndpoint.of(ascii("234 go ahead\r\nINJECTED"), ascii("later"));
        ProtocolConnection c = Inputs.connection(e);
        assertEquals(0, c.buffered(), "nothing received yet");
        assertArrayEquals(ascii("234 go ahead"), c.readLine(32, Deadline.none(), "reply line"));
        int calls = e.recvCalls;
        assertEquals(8, c.buffered(), "the bytes behind the go-ahead in the same read");
        assertEquals(calls, e.recvCalls, "buffered() never receives");
        c.read(ByteBuffer.allocate(64), Deadline.none());
        assertEquals(0, c.buffered());
        c.close();
        assertThrows(IllegalStateException.class, c::buffered);
    }

    @Test
    void theOperationDeadlineCutsTheReadTimeoutShort() {
        ProtocolConnection c = Inputs.connection(MemoryEndpoint.of(), Inputs.options().withDeadline(java.time.Duration.ofMillis(50)));
        long readTimeout = Inputs.options().readTimeout().toNanos();
        assertTrue(c.readDeadline().remainingNanos() > readTimeout / 2, "no operation yet: the read timeout");
        c.beginOperation();
        assertTrue(c.readDeadline().remainingNanos() <= 50_000_000L, "inside an operation: its deadline");
        c.endOperation();
        assertTrue(c.readDeadline().remainingNanos() > readTimeout / 2);
        c.close();
    }
}
