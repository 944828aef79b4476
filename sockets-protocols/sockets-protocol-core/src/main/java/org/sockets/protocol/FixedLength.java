package org.sockets.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.sockets.api.Deadline;

/**
 * Readers of data whose length the server announced: an HTTP {@code Content-Length} body, an IMAP
 * literal {@code {n}}, an NNTP or POP3 size. The length is a <em>claim</em>: nothing is allocated
 * for it up front (CVE-2013-1752's family, gh-119451, gh-119511); memory grows only with the bytes
 * that actually arrive, and a claim over the in-memory limit is refused before any is read. A
 * server that closes early causes a {@link TruncatedTransferException} saying how much came.
 */
public final class FixedLength {

    private FixedLength() {
    }

    /**
     * Reads {@code claimed} bytes into memory, the whole bounded by one read deadline.
     *
     * @param c       the connection, at the first byte of the data
     * @param claimed the length the server announced
     * @return the bytes
     * @throws LimitExceededException if {@code claimed} is over the in-memory body limit (nothing read)
     * @throws TruncatedTransferException if the server closed the connection before {@code claimed} bytes
     * @throws IOException on I/O failures or timeout
     */
    public static byte[] bytes(ProtocolConnection c, long claimed) throws IOException {
        check(claimed);
        int limit = c.limits().inMemoryBody();
        if (claimed > limit) {
            throw c.abandon(new LimitExceededException("announced length " + claimed + " of data held in memory", limit));
        }
        Deadline deadline = c.readDeadline();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(claimed, 8192));
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(claimed, 8192));
        long left = claimed;
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            int n = c.read(buf, deadline);
            if (n < 0) {
                throw c.abandon(new TruncatedTransferException("data of announced length " + claimed, claimed - left));
            }
            out.write(buf.array(), 0, n);
            left -= n;
        }
        c.logData(Direction.RECEIVED, claimed + " bytes of data");
        return out.toByteArray();
    }

    /**
     * The data as a stream of exactly {@code claimed} bytes; each read waits at most the read
     * timeout. Closing it early reads and drops the rest, so the connection stays in step; it does
     * not close the connection.
     *
     * @param c       the connection, at the first byte of the data
     * @param claimed the length the server announced
     * @return the stream
     */
    public static InputStream stream(ProtocolConnection c, long claimed) {
        Objects.requireNonNull(c, "c");
        check(claimed);
        return new InputStream() {
            private long left = claimed;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (left == 0) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                int n = c.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), c.readDeadline());
                if (n < 0) {
                    throw c.abandon(new TruncatedTransferException("data of announced length " + claimed, claimed - left));
                }
                left -= n;
                if (left == 0) {
                    c.logData(Direction.RECEIVED, claimed + " bytes of data");
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                byte[] skip = new byte[8192];
                while (left > 0 && c.isOpen() && read(skip, 0, skip.length) >= 0) {
                    // drain, so the next reply starts where it should
                }
                left = 0;
            }
        };
    }

    private static void check(long claimed) {
        if (claimed < 0) {
            throw new IllegalArgumentException("a length is at least 0, not " + claimed);
        }
    }
}
