package org.sockets.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.protocol.testkit.CompressionBombs;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * The decoder in memory, its input cut into pieces of every size from 1 byte up: gzip with every
 * optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC) and several members, trailing bytes,
 * a truncated trailer.
 */
@ExtendWith(NoDescriptorLeaks.class)
class DecodingStreamTest {

    /** Gives at most {@code piece} bytes per read, and counts them. */
    static final class Pieces extends FilterInputStream {
        final int piece;
        long count;

        Pieces(byte[] b, int piece) {
            super(new java.io.ByteArrayInputStream(b));
            this.piece = piece;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, piece));
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    static byte[] decode(byte[] coded, String coding, int piece) throws IOException {
        Pieces in = new Pieces(coded, piece);
        try (InputStream d = Decoding.open(in, () -> in.count, Headers.of().with("Content-Encoding", coding), ContentDecoding.on())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[7];
            for (int n; (n = d.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** A gzip member with every optional header field set (RFC 1952 §2.3). */
    static byte[] fullHeaderMember(byte[] content) throws IOException {
        byte[] plain = CompressionBombs.gzip(content); // 10-byte header, deflate, 8-byte trailer
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        out.write(new byte[] {3, 0, 'a', 'b', 'c'});              // FEXTRA, 3 bytes
        out.write("name.txt\0".getBytes(StandardCharsets.US_ASCII)); // FNAME
        out.write("a comment\0".getBytes(StandardCharsets.US_ASCII)); // FCOMMENT
        out.write(new byte[] {0, 0});                              // FHCRC (not checked, as gzip(1) does not)
        out.write(plain, 10, plain.length - 10);
        return out.toByteArray();
    }

    @Test
    void everyHeaderFieldAndSeveralMembersAtEveryPieceSize() throws IOException {
        byte[] a = "first member\n".repeat(40).getBytes(StandardCharsets.UTF_8);
        byte[] b = "second member\n".repeat(3).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream coded = new ByteArrayOutputStream();
        coded.write(fullHeaderMember(a));
        coded.write(CompressionBombs.gzip(b));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(a);
        expected.write(b);
        byte[] all = coded.toByteArray();
        for (int piece = 1; piece <= all.length; piece += piece < 64 ? 1 : 97) {
            assertArrayEquals(expected.toByteArray(), decode(all, "gzip", piece), "pieces of " + piece);
        }
    }

    @Test
    void theJdksOwnGzipDecodes() throws IOException {
        byte[] content = "jdk\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 512, true)) {
            for (int i = 0; i < content.length; i += 100) {
                gz.write(content, i, Math.min(100, content.length - i));
                gz.flush(); // sync-flush blocks in the middle of the stream
            }
        }
        assertArrayEquals(content, decode(out.toByteArray(), "gzip", 3));
    }

    @Test
    void trailingBytesAndACutTrailerAreErrors() {
        byte[] gz = CompressionBombs.gzip("x".repeat(100).getBytes(StandardCharsets.US_ASCII));
        byte[] trailing = java.util.Arrays.copyOf(gz, gz.length + 3);
        assertThrows(MalformedReplyException.class, () -> decode(trailing, "gzip", 5));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 3);
        assertThrows(TruncatedTransferException.class, () -> decode(cut, "gzip", 5));
    }

    @Test
    void anEmptyBodyIsEmptyContent() throws IOException {
        assertEquals(0, decode(new byte[0], "gzip", 1).length);
        assertEquals(0, decode(new byte[0], "deflate", 1).length);
    }
}
