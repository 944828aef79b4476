package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * A command in another charset than UTF-8, and an FTP reply read in it: what an FTP server
 * without {@code UTF8} in its FEAT (RFC 2640) expects, ISO-8859-1 paths.
 */
@ExtendWith(NoDescriptorLeaks.class)
class EncodedCommandTest {

    @Test
    void aCommandEncodedInIso88591IsWrittenInIt() throws IOException {
        MemoryEndpoint e = MemoryEndpoint.of();
        ProtocolConnection c = Inputs.connection(e);
        Command cwd = Command.of("CWD", "caf\u00e9").encodedIn(StandardCharsets.ISO_8859_1);
        c.send(cwd);
        assertArrayEquals(new byte[] {'C', 'W', 'D', ' ', 'c', 'a', 'f', (byte) 0xe9, '\r', '\n'}, e.sent.toByteArray());
        assertEquals(StandardCharsets.ISO_8859_1, cwd.charset());
        assertEquals(StandardCharsets.UTF_8, Command.of("CWD", "caf\u00e9").charset());
        assertNotEquals(Command.of("CWD", "caf\u00e9"), cwd);
        c.send(Command.of("CWD", "caf\u00e9"));
        assertEquals(10 + 11, e.sent.size(), "UTF-8 by default: two bytes for the \u00e9");
    }

    @Test
    void textTheCharsetCannotEncodeIsRefusedNotReplaced() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Command.of("RETR", "\u20ac.txt").encodedIn(StandardCharsets.ISO_8859_1));
        assertEquals(true, x.getMessage().contains("ISO-8859-1"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Command.none().encodedIn(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anFtpReplyIsReadInTheCharsetGiven() throws IOException {
        byte[] reply = {'2', '5', '7', ' ', '"', '/', 'c', 'a', 'f', (byte) 0xe9, '"', '\r', '\n'};
        ProtocolConnection c = Inputs.connection(MemoryEndpoint.of(reply));
        assertEquals("\"/caf\u00e9\"", Replies.ftp(c, StandardCharsets.ISO_8859_1).text());
        ProtocolConnection utf8 = Inputs.connection(MemoryEndpoint.of(reply));
        assertEquals("\"/caf\ufffd\"", Replies.ftp(utf8).text(), "the same bytes as UTF-8 are not the name");
    }
}
