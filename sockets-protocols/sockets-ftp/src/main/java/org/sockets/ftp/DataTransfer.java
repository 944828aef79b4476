package org.sockets.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.protocol.Direction;
import org.sockets.protocol.Reply;
import org.sockets.protocol.TransferProgress;

/**
 * One RETR / STOR / APPE / STOU in flight: the data endpoint and its byte count. Complete only
 * when the data connection ended cleanly and the server said 226 or 250; anything else is an
 * {@link FtpTransferException} with the count. Closing early aborts (ABOR) and leaves the
 * session usable.
 */
final class DataTransfer {

    private final Control control;
    private final Endpoint data;
    private final String what;
    private final long offset;
    private final long total;
    private final TransferProgress progress;
    private final String preliminary;
    private long count;
    private boolean finished;

    DataTransfer(Control control, Endpoint data, String what, long offset, long total, TransferProgress progress, String preliminary) {
        this.preliminary = preliminary;
        this.control = control;
        this.data = data;
        this.what = what;
        this.offset = offset;
        this.total = total;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The text of the server's 1xx reply (STOU names the file there). */
    String preliminary() {
        return preliminary;
    }

    boolean isFinished() {
        return finished;
    }

    long count() {
        return count;
    }

    /** Reads data bytes; at the data connection's end, waits for the server's verdict. */
    int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        control.keepAlive();
        int n;
        try {
            n = data.recv(ByteBuffer.wrap(b, off, len), deadline());
        } catch (IOException e) {
            throw fail(e);
        }
        if (n <= 0) {
            complete();
            return -1;
        }
        count += n;
        progress.progress(offset + count, total);
        return n;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException(what + " is finished; open a new transfer");
        }
        control.keepAlive();
        try {
            data.sendAll(ByteBuffer.wrap(b, off, len), deadline());
        } catch (IOException e) {
            throw fail(e);
        }
        count += len;
        progress.progress(offset + count, total);
    }

    private Deadline deadline() {
        return control.connection().readDeadline();
    }

    /** The data connection ended (download) or the caller is done (upload): close it, read the verdict. */
    void complete() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        data.close();
        boolean upload = what.startsWith("STOR") || what.startsWith("APPE") || what.startsWith("STOU");
        control.connection().logData(upload ? Direction.SENT : Direction.RECEIVED, count + " bytes of data, " + what);
        Reply r;
        try {
            r = control.transferReply(what);
        } catch (FtpReplyException closing) {
            control.ended(this); // a 421: the session is gone, and the transfer with it
            throw new FtpTransferException(what + " (the server said " + closing.replyCode() + " " + closing.text() + ")",
                    count, closing.reply(), closing);
        } catch (IOException | RuntimeException e) {
            control.ended(this);
            throw e;
        }
        control.ended(this);
        if (r.code() != 226 && r.code() != 250) {
            throw new FtpTransferException(what + " (the server said " + r.code() + " " + r.text() + ")", count, r, null);
        }
        progress.progress(offset + count, total);
    }

    /** The data connection failed: close it, hear what the server says, report the count. */
    private FtpTransferException fail(IOException e) {
        finished = true;
        data.close();
        Reply r = null;
        try {
            r = control.transferReply(what);
        } catch (IOException | RuntimeException ignored) {
            // the control connection went too; the data failure is what counts
        }
        control.ended(this);
        return new FtpTransferException(what + " (data connection failed: " + e + (r == null ? "" : "; the server said "
                + r.code() + " " + r.text()) + ")", count, r, e);
    }

    /** Closing before the end: ABOR, then bring the control connection back in step. */
    void abort() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        data.close();
        try {
            control.abortTransfer(what);
        } finally {
            control.ended(this);
        }
    }

    /** The session is closing: drop the data connection, say nothing to the server. */
    void closeQuietly() {
        finished = true;
        data.close();
    }

    /** The caller's view of a download. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n;
                do {
                    n = DataTransfer.this.read(one, 0, 1);
                } while (n == 0);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                return DataTransfer.this.read(b, off, len);
            }

            /** Before the end: aborts the transfer (ABOR); after it, nothing more to do. */
            @Override
            public void close() throws IOException {
                abort();
            }
        };
    }

    /** The caller's view of an upload: closing it ends the file and waits for 226. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                DataTransfer.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                DataTransfer.this.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                complete();
            }
        };
    }
}
