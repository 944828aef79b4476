package org.sockets.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.sockets.protocol.LimitExceededException;

/** Lines of a listing from its data stream, CRLF or LF ended, each and all bounded. */
final class LineReader {

    private final InputStream in;
    private final int lineLimit;
    private final long totalLimit;
    private final String what;
    private final java.nio.charset.Charset charset;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int end;
    private long total;

    LineReader(InputStream in, int lineLimit, long totalLimit, String what, java.nio.charset.Charset charset) {
        this.charset = charset;
        this.in = in;
        this.lineLimit = lineLimit;
        this.totalLimit = totalLimit;
        this.what = what;
    }

    /** The next line without its end, or null at the end of the data (a last line without LF counts). */
    String next() throws IOException {
        byte[] acc = new byte[128];
        int len = 0;
        while (true) {
            if (pos == end) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return len == 0 ? null : text(acc, len, charset);
                }
                pos = 0;
                end = n;
                total += n;
                if (total > totalLimit) {
                    throw new LimitExceededException(what + " listing (held in memory)", totalLimit);
                }
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return text(acc, len, charset);
            }
            if (len == lineLimit + 1) {
                throw new LimitExceededException(what + " listing line", lineLimit);
            }
            if (len == acc.length) {
                acc = Arrays.copyOf(acc, Math.min(acc.length * 2, lineLimit + 1));
            }
            acc[len++] = b;
        }
    }

    private static String text(byte[] acc, int len, java.nio.charset.Charset charset) {
        if (len > 0 && acc[len - 1] == '\r') {
            len--;
        }
        return new String(acc, 0, len, charset);
    }
}
