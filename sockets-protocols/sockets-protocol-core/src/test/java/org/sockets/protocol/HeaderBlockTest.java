package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.HeaderBlock.Folding;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class HeaderBlockTest {

    @Test
    void fieldsAreReadAtEverySplit() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("Host: a.example\r\nX-Y:  b c \t\r\nEmpty:\r\n\r\nbody"))) {
            ProtocolConnection c = Inputs.connection(new MemoryEndpoint(split));
            assertEquals(List.of(new HeaderField("Host", "a.example"), new HeaderField("X-Y", "b c"), new HeaderField("Empty", "")),
                    HeaderBlock.read(c, Folding.REFUSE), Inputs.describe(split));
        }
    }

    @Test
    void obsFoldIsRefusedForHttpAndUnfoldedForMail() throws IOException {
        for (List<byte[]> split : Inputs.splits(ascii("A: b\r\n c\r\n\r\n"))) {
            MemoryEndpoint e = new MemoryEndpoint(split);
            assertThrows(MalformedReplyException.class, () -> HeaderBlock.read(Inputs.connection(e), Folding.REFUSE));
            assertFalse(e.isOpen());
            assertEquals(List.of(new HeaderField("A", "b c")),
                    HeaderBlock.read(Inputs.connection(new MemoryEndpoint(split)), Folding.UNFOLD));
        }
        assertThrows(MalformedReplyException.class, () -> HeaderBlock.read(Inputs.connection(" lead\r\n\r\n"), Folding.UNFOLD));
    }

    @Test
    void badFieldLinesAreRefused() {
        for (String bad : new String[] {"A : b\r\n\r\n", ": b\r\n\r\n", "A\r\n\r\n", "A b: c\r\n\r\n", "A: b\0c\r\n\r\n",
                "A: b\u007f\r\n\r\n", "A: b\rc\r\n\r\n", "(A): b\r\n\r\n"}) {
            assertThrows(MalformedReplyException.class, () -> HeaderBlock.read(Inputs.connection(bad), Folding.UNFOLD),
                    Printable.escape(bad));
        }
    }

    @Test
    void fieldCountAndBlockSizeAreLimited() throws IOException {
        StringBuilder hundred = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.append("F").append(i).append(": v\r\n");
        }
        assertEquals(100, HeaderBlock.read(Inputs.connection(hundred + "\r\n"), Folding.REFUSE).size());
        LimitExceededException x = assertThrows(LimitExceededException.class,
                () -> HeaderBlock.read(Inputs.connection(hundred + "F100: v\r\n\r\n"), Folding.REFUSE));
        assertEquals(100, x.limit());

        ClientOptions small = Inputs.options().withLimits(Limits.defaults().withHeaderBlock(20, 100));
        assertEquals(1, HeaderBlock.read(Inputs.connection(MemoryEndpoint.of(ascii("A: 1234567890123\r\n\r\n")), small), Folding.REFUSE).size());
        assertThrows(LimitExceededException.class,
                () -> HeaderBlock.read(Inputs.connection(MemoryEndpoint.of(ascii("A: 12345678901234\r\n\r\n")), small), Folding.REFUSE));
        assertThrows(LimitExceededException.class,
                () -> HeaderBlock.read(Inputs.connection(MemoryEndpoint.of(ascii("A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n")), small), Folding.REFUSE));
    }

    @Test
    void aBlockCutBeforeItsEmptyLineIsTruncated() {
        for (List<byte[]> split : Inputs.splits(ascii("A: b\r\nC: d\r\n"))) {
            assertThrows(TruncatedTransferException.class,
                    () -> HeaderBlock.read(Inputs.connection(new MemoryEndpoint(split)), Folding.REFUSE));
        }
    }
}
