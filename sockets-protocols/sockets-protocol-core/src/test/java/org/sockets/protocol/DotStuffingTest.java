package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sockets.protocol.Inputs.ascii;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

@ExtendWith(NoDescriptorLeaks.class)
class DotStuffingTest {

    private static String encode(String body) {
        return new String(DotStuffingOutputStream.encode(ascii(body)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void dotsAreDoubledAndTheBodyEnds() {
        assertEquals("a\r\n..b\r\n.\r\n", encode("a\r\n.b\r\n"));
        assertEquals(".\r\n", encode(""));
        assertEquals("..\r\n.\r\n", encode("."));
        assertEquals("no end\r\n.\r\n", encode("no end"));
        assertEquals("a.b\r\n.\r\n", encode("a.b"));
    }

    /** CVE-2023-51764 (SMTP smuggling): bare CR and LF become CRLF first, so no lenient end marker survives. */
    @Test
    void cve_2023_51764_bareCrAndLfBecomeCrLfBeforeStuffing() {
        assertEquals("a\r\nb\r\n.\r\n", encode("a\nb"));
        assertEquals("a\r\nb\r\n.\r\n", encode("a\rb"));
        assertEquals("a\r\n.\r\n", encode("a\r"));
        assertEquals("a\r\n..\r\nMAIL FROM:<x>\r\n.\r\n", encode("a\n.\nMAIL FROM:<x>"));
        assertEquals("a\r\n..\r\nMAIL FROM:<x>\r\n.\r\n", encode("a\r.\rMAIL FROM:<x>"));
        assertEquals("a\r\n..\r\nMAIL FROM:<x>\r\n.\r\n", encode("a\r\n.\nMAIL FROM:<x>"));
        assertEquals("a\r\n..\r\nMAIL FROM:<x>\r\n.\r\n", encode("a\n.\r\nMAIL FROM:<x>"));
        assertEquals("a\r\n\r\n..\r\n.\r\n", encode("a\r\r\n.\r\n"));
    }

    /** Every body over {a, ., CR, LF} up to 7 bytes: one end marker, at the end, and it reads back. */
    @Test
    void everySmallBodyHasExactlyOneEndAndReadsBack() throws IOException {
        byte[] alphabet = {'a', '.', '\r', '\n'};
        int checked = 0;
        for (int len = 0; len <= 7; len++) {
            int combos = 1 << (2 * len);
            for (int k = 0; k < combos; k++) {
                byte[] body = new byte[len];
                for (int i = 0; i < len; i++) {
                    body[i] = alphabet[(k >> (2 * i)) & 3];
                }
                byte[] wire = DotStuffingOutputStream.encode(body);
                String w = new String(wire, StandardCharsets.ISO_8859_1);
                String why = "body " + Printable.escape(body);
                assertTrue(w.endsWith("\r\n.\r\n") || w.equals(".\r\n"), why);
                int end = w.equals(".\r\n") ? 0 : w.indexOf("\r\n.\r\n") + 2;
                assertEquals(w.length() - 3, end, "the first end marker is the last: " + why);
                for (int i = 0; i < wire.length; i++) {
                    if (wire[i] == '\r') {
                        assertEquals('\n', wire[i + 1], "no bare CR: " + why);
                    }
                    if (wire[i] == '\n') {
                        assertEquals('\r', wire[i - 1], "no bare LF: " + why);
                    }
                }
                byte[] back = DotBlock.bytes(Inputs.connection(MemoryEndpoint.of(wire)));
                assertArrayEquals(ascii(normalized(new String(body, StandardCharsets.ISO_8859_1))), back, why);
                checked++;
            }
        }
        assertEquals(21845, checked);
    }

    /** The body with every line end made CRLF and a final CRLF added if missing. */
    private static String normalized(String s) {
        String n = s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        return n.isEmpty() || n.endsWith("\r\n") ? n : n + "\r\n";
    }

    @Test
    void theStreamWritesTheSameBytesWhateverTheWriteSizes() throws IOException {
        byte[] body = ascii(".start\r\nmid\r.\rx\n.\n\r\nend.\r");
        byte[] expected = DotStuffingOutputStream.encode(body);
        for (List<byte[]> split : Inputs.splits(body)) {
            MemoryEndpoint e = MemoryEndpoint.of();
            ProtocolConnection c = Inputs.connection(e);
            try (OutputStream out = c.dotStuffedBody()) {
                for (byte[] chunk : split) {
                    out.write(chunk);
                }
            }
            assertArrayEquals(expected, e.sent.toByteArray(), Inputs.describe(split));
        }
        byte[] big = new byte[100_000];
        java.util.Arrays.fill(big, (byte) '.');
        assertEquals(100_000 + 1 + 2 + 3, DotStuffingOutputStream.encode(big).length);
    }
}
