package org.sockets.xmlrpc.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.sockets.protocol.LimitExceededException;

/**
 * Counts what the parser reads and fails once more than the document limit came. Keeps the first
 * failure (its own or the body's: a timeout, a truncated body), because the parser wraps it in
 * an {@code XMLStreamException} and the caller must see the real one.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private IOException failure;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The first I/O failure seen, or null. */
    IOException failure() {
        return failure;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            // One byte past the limit tells a document of exactly the limit from a longer one.
            n = in.read(b, off, (int) Math.min(len, limit - count + 1));
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                failure = new LimitExceededException("XML-RPC response document (bytes)", limit);
                throw failure;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count too: read them.
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would read bytes twice and count them once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
