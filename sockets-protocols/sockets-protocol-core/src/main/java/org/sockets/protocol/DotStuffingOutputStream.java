package org.sockets.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a message body in dot-stuffed form (RFC 5321 §4.5.2, RFC 3977 §3.1.1): bare CR and bare
 * LF become CRLF first, so the only line end the server sees is CRLF and no {@code <LF>.<LF>} or
 * {@code <CR>.<CR>} can end the body early on a lenient server (SMTP smuggling, CVE-2023-51764);
 * a dot at the start of a line is doubled; {@link #close()} ends the body with {@code CRLF.CRLF}.
 * Get one from {@link ProtocolConnection#dotStuffedBody()}; {@link #encode(byte[])} does the same
 * in memory.
 */
public final class DotStuffingOutputStream extends OutputStream {

    private final ProtocolConnection connection;
    private final OutputStream sink;
    private final byte[] out = new byte[8192];
    private int used;
    private boolean lineStart = true;
    private boolean pendingCr;
    private long bytesIn;
    private boolean closed;

    DotStuffingOutputStream(ProtocolConnection connection) {
        this.connection = connection;
        this.sink = null;
    }

    private DotStuffingOutputStream(OutputStream sink) {
        this.connection = null;
        this.sink = sink;
    }

    /**
     * The dot-stuffed form of a whole body, terminator included.
     *
     * @param body the body, any line ends
     * @return the bytes to send after {@code DATA}
     */
    public static byte[] encode(byte[] body) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(body.length + body.length / 32 + 8);
        try (DotStuffingOutputStream s = new DotStuffingOutputStream(b)) {
            s.write(body);
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return b.toByteArray();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("dot-stuffed body already ended");
        }
        bytesIn += len;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                crlf();
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\r') {
                pendingCr = true;
            } else if (c == '\n') {
                crlf();
            } else {
                if (lineStart && c == '.') {
                    put((byte) '.');
                }
                put(c);
                lineStart = false;
            }
        }
    }

    private void crlf() throws IOException {
        put((byte) '\r');
        put((byte) '\n');
        lineStart = true;
    }

    private void put(byte c) throws IOException {
        if (used == out.length) {
            flushBuffer();
        }
        out[used++] = c;
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            if (connection != null) {
                connection.writeData(out, 0, used);
            } else {
                sink.write(out, 0, used);
            }
            used = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
    }

    /**
     * Ends the body: a CRLF if the last line had none, then {@code .CRLF}. Does not close the
     * connection. Safe to call twice.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (pendingCr) {
            pendingCr = false;
            crlf();
        }
        if (!lineStart) {
            crlf();
        }
        put((byte) '.');
        put((byte) '\r');
        put((byte) '\n');
        flushBuffer();
        if (connection != null) {
            connection.logData(Direction.SENT, bytesIn + " bytes of data, dot-stuffed");
        }
    }
}
