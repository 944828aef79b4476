package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class DotBlockTest {

    private static final String BODY = "Subject: x\r\n\r\n..leading dot\r\n...\r\n.\r\n";
    private static final String UNSTUFFED = "Subject: x\r\n\r\n.leading dot\r\n..\r\n";

    @Test
    void bytesAreUnstuffedAtEverySplit() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii(BODY + "+OK next\r\n"))) {
            ProtocolConnection c = Inputs.connection(new MemoryEndpoint(split));
            assertArrayEquals(ascii(UNSTUFFED), DotBlock.bytes(c), Inputs.describe(split));
            assertEquals("next", Replies.pop3(c).text(), "the next reply follows the block");
        }
    }

    @Test
    void theStreamGivesTheSameBytesAtEverySplit() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii(BODY + "+OK next\r\n"))) {
            ProtocolConnection c = Inputs.connection(new MemoryEndpoint(split));
            try (InputStream in = DotBlock.stream(c)) {
                assertArrayEquals(ascii(UNSTUFFED), in.readAllBytes(), Inputs.describe(split));
                assertEquals(-1, in.read());
            }
            assertEquals("next", Replies.pop3(c).text());
        }
    }

    @Test
    void closingTheStreamEarlyDrainsToTheDot() throws IOException {
        ProtocolConnection c = Inputs.connection(BODY + "+OK next\r\n");
        try (InputStream in = DotBlock.stream(c)) {
            assertEquals('S', in.read());
        }
        assertEquals("next", Replies.pop3(c).text());
    }

    @Test
    void listingLinesAreUnstuffed() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("TOP\r\n..dot\r\nUIDL\r\n.\r\n"))) {
            assertEquals(List.of("TOP", ".dot", "UIDL"), DotBlock.lines(Inputs.connection(new MemoryEndpoint(split))));
        }
        assertEquals(List.of(), DotBlock.lines(Inputs.connection(".\r\n")));
    }

    @Test
    void aBlockCutBeforeItsDotIsTruncatedNeverAShortSuccess() throws IOException {
        for (String cut : new String[] {"line one\r\nline two\r\n", "line one\r\nline t", "line one\r\n.", "line one\r\n.\r", ""}) {
            for (List<byte[]> split : Inputs.splits(ascii(cut))) {
                MemoryEndpoint e = new MemoryEndpoint(split);
                assertThrows(TruncatedTransferException.class, () -> DotBlock.bytes(Inputs.connection(e)), cut);
                assertFalse(e.isOpen());
                assertThrows(TruncatedTransferException.class, () -> {
                    try (InputStream in = DotBlock.stream(Inputs.connection(new MemoryEndpoint(split)))) {
                        in.readAllBytes();
                    }
                }, cut);
                assertThrows(TruncatedTransferException.class, () -> DotBlock.lines(Inputs.connection(new MemoryEndpoint(split))), cut);
            }
        }
        TruncatedTransferException x = assertThrows(TruncatedTransferException.class,
                () -> DotBlock.bytes(Inputs.connection("12345\r\n123\r\n")));
        assertEquals(12, x.received(), "the message says how much came");
    }

    @Test
    void aBodyCutInsideALineCountsTheWholeBodySoFar() throws IOException {
        // Found by the POP3 pilot: the count was the cut line's bytes alone (3), not the body's.
        String cut = "12345\r\n\r\n123";
        TruncatedTransferException inMemory = assertThrows(TruncatedTransferException.class,
                () -> DotBlock.bytes(Inputs.connection(cut)));
        assertEquals(12, inMemory.received(), inMemory.getMessage());
        TruncatedTransferException streamed = assertThrows(TruncatedTransferException.class,
                () -> DotBlock.stream(Inputs.connection(cut)).readAllBytes());
        assertEquals(12, streamed.received(), streamed.getMessage());
        assertTrue(streamed.getMessage().startsWith("dot-terminated body truncated"), streamed.getMessage());
    }

    @Test
    void inMemoryLimitsHold() throws IOException {
        ClientOptions o = Inputs.options().withLimits(Limits.defaults().withInMemoryBody(10).withBodyLine(6));
        assertThrows(LimitExceededException.class, () -> DotBlock.bytes(Inputs.connection(MemoryEndpoint.of(ascii("12345\r\n12345\r\n.\r\n")), o)));
        assertArrayEquals(ascii("12\r\n12\r\n"), DotBlock.bytes(Inputs.connection(MemoryEndpoint.of(ascii("12\r\n12\r\n.\r\n")), o)));
        assertThrows(LimitExceededException.class, () -> DotBlock.stream(Inputs.connection(MemoryEndpoint.of(ascii("1234567\r\n.\r\n")), o)).readAllBytes());
    }
}
