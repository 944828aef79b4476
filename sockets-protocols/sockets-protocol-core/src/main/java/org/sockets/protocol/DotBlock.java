package org.sockets.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sockets.api.Deadline;

/**
 * Readers of dot-terminated data (POP3 multi-line replies, NNTP articles and listings, RFC 1939
 * §3, RFC 3977 §3.1.1): lines up to a line holding only {@code "."}, a leading dot of any other
 * line removed (un-stuffing). A block the server cuts before its {@code "."} is a
 * {@link TruncatedTransferException} saying how much came, never a short success.
 *
 * <p>{@link #lines} and {@link #bytes} hold the block in memory, bounded whole by one read
 * deadline and by a size limit; {@link #stream} hands a body to the caller as it comes, bounded by
 * the idle time between reads and the body-line limit.
 */
public final class DotBlock {

    private DotBlock() {
    }

    /**
     * Reads a block of short lines into memory (a listing: CAPA, LIST, UIDL): each line within
     * the reply-line limit, the whole within the multi-line limit and one read deadline.
     *
     * @param c the connection, just after the status line that announced the block
     * @return the lines, un-stuffed, without line ends
     * @throws LimitExceededException past a limit
     * @throws TruncatedTransferException if the server closed the connection before the {@code "."}
     * @throws IOException on I/O failures or timeout
     */
    public static List<String> lines(ProtocolConnection c) throws IOException {
        Deadline deadline = c.readDeadline();
        int limit = c.limits().multiLineReply();
        List<String> lines = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] line = c.readLine(c.limits().replyLine(), deadline, "line of a dot-terminated listing");
            if (line == null) {
                throw c.abandon(new TruncatedTransferException("dot-terminated listing", total));
            }
            c.logReceived(line);
            if (isEnd(line)) {
                return lines;
            }
            total += line.length + 2L;
            if (total > limit) {
                throw c.abandon(new LimitExceededException("dot-terminated listing", limit));
            }
            lines.add(new String(line, unstuffFrom(line), line.length - unstuffFrom(line), StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads a body into memory (RETR into bytes): each line within the body-line limit, the whole
     * within the in-memory body limit and one read deadline.
     *
     * @param c the connection, just after the status line that announced the body
     * @return the body, un-stuffed, each line ending in CRLF
     * @throws LimitExceededException past a limit
     * @throws TruncatedTransferException if the server closed the connection before the {@code "."}
     * @throws IOException on I/O failures or timeout
     */
    public static byte[] bytes(ProtocolConnection c) throws IOException {
        Deadline deadline = c.readDeadline();
        int limit = c.limits().inMemoryBody();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line;
            try {
                line = c.readLine(c.limits().bodyLine(), deadline, "line of a dot-terminated body");
            } catch (TruncatedTransferException cut) {
                TruncatedTransferException e = new TruncatedTransferException("dot-terminated body", body.size() + cut.received());
                e.initCause(cut);
                throw e;
            }
            if (line == null) {
                throw c.abandon(new TruncatedTransferException("dot-terminated body", body.size()));
            }
            if (isEnd(line)) {
                c.logData(Direction.RECEIVED, body.size() + " bytes of data");
                return body.toByteArray();
            }
            int from = unstuffFrom(line);
            if ((long) body.size() + line.length - from + 2 > limit) {
                throw c.abandon(new LimitExceededException("dot-terminated body held in memory", limit));
            }
            body.write(line, from, line.length - from);
            body.write('\r');
            body.write('\n');
        }
    }

    /**
     * The body as a stream, un-stuffed, each line ending in CRLF; it ends (-1) at the
     * {@code "."}. Each read waits at most the read timeout; lines are held to the body-line
     * limit. Closing the stream before its end reads and drops the rest of the block, so the
     * connection is ready for the next command; it does not close the connection.
     *
     * @param c the connection, just after the status line that announced the body
     * @return the stream
     */
    public static InputStream stream(ProtocolConnection c) {
        Objects.requireNonNull(c, "c");
        return new DotInputStream(c);
    }

    static boolean isEnd(byte[] line) {
        return line.length == 1 && line[0] == '.';
    }

    static int unstuffFrom(byte[] line) {
        return line.length > 0 && line[0] == '.' ? 1 : 0;
    }

    private static final class DotInputStream extends InputStream {
        private final ProtocolConnection c;
        private byte[] line = new byte[0];
        private int pos;
        private boolean crlfDue;
        private int crlfPos;
        private boolean ended;
        private long received;

        DotInputStream(ProtocolConnection c) {
            this.c = c;
        }

        /** Makes bytes available; false at the end of the block. */
        private boolean more() throws IOException {
            while (!ended && pos == line.length && !(crlfDue && crlfPos < 2)) {
                byte[] next;
                try {
                    next = c.readBodyLine(c.limits().bodyLine(), "line of a dot-terminated body");
                } catch (TruncatedTransferException cut) {
                    // Cut inside a line: say how much of the body came, not just of that line.
                    TruncatedTransferException e = new TruncatedTransferException("dot-terminated body", received + cut.received());
                    e.initCause(cut);
                    throw e;
                }
                if (next == null) {
                    throw c.abandon(new TruncatedTransferException("dot-terminated body", received));
                }
                if (isEnd(next)) {
                    ended = true;
                    c.logData(Direction.RECEIVED, received + " bytes of data");
                    return false;
                }
                int from = unstuffFrom(next);
                line = next;
                pos = from;
                crlfDue = true;
                crlfPos = 0;
                received += next.length - from + 2L;
            }
            return !ended;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!more()) {
                return -1;
            }
            int n = 0;
            if (pos < line.length) {
                n = Math.min(len, line.length - pos);
                System.arraycopy(line, pos, b, off, n);
                pos += n;
            }
            while (n < len && pos == line.length && crlfDue && crlfPos < 2) {
                b[off + n++] = crlfPos++ == 0 ? (byte) '\r' : (byte) '\n';
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended && c.isOpen()) {
                byte[] skip = new byte[8192];
                while (read(skip, 0, skip.length) >= 0) {
                    // drain to the terminating dot so the connection stays in step
                }
            }
            ended = true;
        }
    }
}
