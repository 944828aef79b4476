package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class FixedLengthTest {

    @Test
    void exactlyTheClaimedBytesAreReadAtEverySplit() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("0123456789+OK next\r\n"))) {
            ProtocolConnection c = Inputs.connection(new MemoryEndpoint(split));
            assertArrayEquals(ascii("0123456789"), FixedLength.bytes(c, 10), Inputs.describe(split));
            assertEquals("next", Replies.pop3(c).text());
            ProtocolConnection d = Inputs.connection(new MemoryEndpoint(split));
            try (InputStream in = FixedLength.stream(d, 10)) {
                assertArrayEquals(ascii("0123456789"), in.readAllBytes(), Inputs.describe(split));
            }
            assertEquals("next", Replies.pop3(d).text());
        }
        assertArrayEquals(new byte[0], FixedLength.bytes(Inputs.connection(""), 0));
    }

    @Test
    void closingTheStreamEarlyDrainsTheRest() throws IOException {
        ProtocolConnection c = Inputs.connection("0123456789+OK next\r\n");
        try (InputStream in = FixedLength.stream(c, 10)) {
            assertEquals('0', in.read());
        }
        assertEquals("next", Replies.pop3(c).text());
    }

    @Test
    void aShortBodyIsTruncatedAndAnOversizedClaimIsRefusedBeforeReading() {
        MemoryEndpoint e = MemoryEndpoint.of(ascii("abc"));
        TruncatedTransferException x = assertThrows(TruncatedTransferException.class, () -> FixedLength.bytes(Inputs.connection(e), 10));
        assertEquals(3, x.received());
        assertFalse(e.isOpen());
        MemoryEndpoint f = MemoryEndpoint.of(ascii("abc"));
        ClientOptions small = Inputs.options().withLimits(Limits.defaults().withInMemoryBody(2));
        assertThrows(LimitExceededException.class, () -> FixedLength.bytes(Inputs.connection(f, small), 3));
        assertEquals(0, f.recvCalls, "refused before any read");
        assertThrows(IllegalArgumentException.class, () -> FixedLength.stream(Inputs.connection(""), -1));
    }
}
