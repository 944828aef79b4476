package org.sockets.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.HeaderBlock.Folding;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Jazzer targets, one per reader and one for the command writer and the dot-stuffer. `mvn test`
 * replays the seeds in {@code src/test/resources/org/sockets/protocol/FuzzTargetsTestInputs/<target>/}
 * (taken from the kit's dialogues); {@code bin/fuzz TARGET SECONDS} fuzzes one target.
 *
 * <p>Each target asserts what must hold for every input: a reader returns or fails with an
 * {@link IOException} (never another exception), takes no more than the input holds, and closes
 * the connection when it fails; a command is refused or is one CRLF-terminated line.
 */
@ExtendWith(NoDescriptorLeaks.class)
class FuzzTargetsTest {

    /** Small limits, so the fuzzer reaches them with short inputs. */
    private static final ClientOptions SMALL = Inputs.options().withLimits(new Limits(64, 128, 512, 512, 8, 1024));

    /** The input split into chunks at points the fuzzer picks, then served as a connection. */
    private static ProtocolConnection connection(FuzzedDataProvider data, MemoryEndpoint[] endpoint) {
        List<byte[]> chunks = new ArrayList<>();
        int pieces = data.consumeInt(1, 8);
        for (int i = 0; i < pieces - 1 && data.remainingBytes() > 0; i++) {
            chunks.add(data.consumeBytes(data.consumeInt(1, 64)));
        }
        chunks.add(data.consumeRemainingAsBytes());
        endpoint[0] = new MemoryEndpoint(chunks);
        return Inputs.connection(endpoint[0], SMALL);
    }

    interface Reader {
        Object read(ProtocolConnection c) throws IOException;
    }

    private static void readerHolds(FuzzedDataProvider data, Reader reader) {
        MemoryEndpoint[] e = new MemoryEndpoint[1];
        ProtocolConnection c = connection(data, e);
        try {
            reader.read(c);
        } catch (IOException expected) {
            assertTrue(!e[0].isOpen(), "a reader that fails closes the connection: " + expected);
        }
        c.close();
    }

    @FuzzTest
    void ftpReply(FuzzedDataProvider data) {
        readerHolds(data, Replies::ftp);
    }

    @FuzzTest
    void smtpReply(FuzzedDataProvider data) {
        readerHolds(data, Replies::smtp);
    }

    @FuzzTest
    void statusLine(FuzzedDataProvider data) {
        boolean pop3 = data.consumeBoolean();
        readerHolds(data, pop3 ? Replies::pop3 : Replies::numeric);
    }

    @FuzzTest
    void dotBlock(FuzzedDataProvider data) {
        int how = data.consumeInt(0, 2);
        readerHolds(data, switch (how) {
            case 0 -> DotBlock::bytes;
            case 1 -> DotBlock::lines;
            default -> c -> {
                try (InputStream in = DotBlock.stream(c)) {
                    return in.readAllBytes();
                }
            };
        });
    }

    @FuzzTest
    void headerBlock(FuzzedDataProvider data) {
        Folding folding = data.consumeBoolean() ? Folding.REFUSE : Folding.UNFOLD;
        readerHolds(data, c -> HeaderBlock.read(c, folding));
    }

    @FuzzTest
    void fixedLength(FuzzedDataProvider data) {
        long claimed = data.consumeLong(0, 4096);
        boolean stream = data.consumeBoolean();
        readerHolds(data, c -> {
            if (!stream) {
                return FixedLength.bytes(c, claimed);
            }
            try (InputStream in = FixedLength.stream(c, claimed)) {
                return in.readAllBytes();
            }
        });
    }

    @FuzzTest
    void commandWriter(FuzzedDataProvider data) throws IOException {
        String verb = data.consumeString(16);
        List<String> args = new ArrayList<>();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeString(32));
        }
        MemoryEndpoint e = MemoryEndpoint.of();
        ProtocolConnection c = Inputs.connection(e);
        try {
            c.send(Command.of(verb, args.toArray(String[]::new)));
        } catch (IllegalArgumentException refused) {
            assertEquals(0, e.sent.size(), "refused before any byte");
            return;
        }
        byte[] wire = e.sent.toByteArray();
        assertTrue(wire.length >= 3 && wire[wire.length - 2] == '\r' && wire[wire.length - 1] == '\n');
        for (int i = 0; i < wire.length - 2; i++) {
            assertTrue(wire[i] != '\r' && wire[i] != '\n' && wire[i] != 0, "one line, no CR/LF/NUL inside");
        }
        String line = Command.of(verb, args.toArray(String[]::new)).toString();
        assertEquals(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                new String(wire, 0, wire.length - 2, StandardCharsets.UTF_8));
    }

    @FuzzTest
    void dotStuffing(byte[] body) throws IOException {
        byte[] wire = DotStuffingOutputStream.encode(body);
        String w = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(w.equals(".\r\n") || w.endsWith("\r\n.\r\n"));
        assertEquals(w.equals(".\r\n") ? 0 : w.length() - 3, w.equals(".\r\n") ? 0 : w.indexOf("\r\n.\r\n") + 2,
                "the only end marker is the last");
        for (int i = 0; i < wire.length; i++) {
            assertTrue(wire[i] != '\r' || wire[i + 1] == '\n', "no bare CR");
            assertTrue(wire[i] != '\n' || (i > 0 && wire[i - 1] == '\r'), "no bare LF");
        }
    }
}
