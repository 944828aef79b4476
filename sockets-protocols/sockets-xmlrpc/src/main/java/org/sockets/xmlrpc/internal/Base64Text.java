package org.sockets.xmlrpc.internal;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.sockets.protocol.LimitExceededException;

/**
 * Decodes base64 text as the parser hands it over, a block at a time, so a value costs its
 * decoded bytes and one block, and an oversized one is refused before it is held. Whitespace
 * (Python wraps at 76 columns) is skipped; any other character outside the alphabet is an error.
 */
final class Base64Text {

    private static final int BLOCK = 4096;   // a multiple of 4: whole quantums

    private final int limit;
    private final byte[] block = new byte[BLOCK];
    private int filled;
    private boolean padded;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Base64Text(int limit) {
        this.limit = limit;
    }

    void add(char[] text, int start, int len) throws Bad, LimitExceededException {
        for (int i = start; i < start + len; i++) {
            char c = text[i];
            if (XmlRpcReader.isXmlSpace(c)) {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=')) {
                throw new Bad(String.format("U+%04X in a <base64>", (int) c));
            }
            if (padded && c != '=') {
                throw new Bad("base64 text after its padding");
            }
            padded = c == '=';
            block[filled++] = (byte) c;
            if (filled == BLOCK) {
                flush();
            }
        }
    }

    byte[] finish() throws Bad, LimitExceededException {
        flush();
        return out.toByteArray();
    }

    private void flush() throws Bad, LimitExceededException {
        if (filled == 0) {
            return;
        }
        if ((long) out.size() + decodedSize() > limit) {
            throw new LimitExceededException("base64 value (decoded bytes)", limit);
        }
        try {
            out.writeBytes(Base64.getDecoder().decode(filled == BLOCK ? block : java.util.Arrays.copyOf(block, filled)));
        } catch (IllegalArgumentException e) {
            throw new Bad("bad base64: " + e.getMessage());
        }
        filled = 0;
    }

    /** Base64 text that does not decode; the reader adds where it was. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** What the block decodes to, padded or not (a bad length is the decoder's to report). */
    private long decodedSize() {
        int padding = 0;
        for (int i = filled - 1; i >= 0 && i >= filled - 2 && block[i] == '='; i--) {
            padding++;
        }
        int rem = filled % 4;
        return filled / 4 * 3L + (rem == 0 ? 0 : rem - 1) - padding;
    }
}
