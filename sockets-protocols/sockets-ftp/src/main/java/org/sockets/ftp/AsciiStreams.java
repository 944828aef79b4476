package org.sockets.ftp;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** TYPE A line ends: CRLF on the wire, LF for the caller (Python's retrlines / storlines). */
final class AsciiStreams {

    private AsciiStreams() {
    }

    /** Drops the CR of each CRLF; a lone CR stays. */
    static InputStream fromWire(InputStream wire) {
        return new FilterInputStream(wire) {
            private boolean crHeld; // a CR seen last, not yet handed on: is an LF next?
            private boolean ended;
            private int queued = -1; // one byte that did not fit a one-byte read

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (queued >= 0) {
                    b[off] = (byte) queued;
                    queued = -1;
                    return 1;
                }
                while (true) {
                    if (ended) {
                        return -1;
                    }
                    // A held CR may be handed on with the next byte: leave room for it.
                    int want = crHeld ? Math.max(1, len - 1) : len;
                    byte[] tmp = new byte[want];
                    int got = in.read(tmp, 0, want);
                    if (got < 0) {
                        ended = true;
                        if (crHeld) {
                            crHeld = false;
                            b[off] = '\r';
                            return 1;
                        }
                        return -1;
                    }
                    int n = 0;
                    for (int i = 0; i < got; i++) {
                        byte x = tmp[i];
                        if (crHeld) {
                            crHeld = false;
                            if (x != '\n') {
                                b[off + n++] = '\r';
                            }
                            if (x != '\r' && n == len) {
                                queued = x & 0xff; // only when len is 1
                                return n;
                            }
                        }
                        if (x == '\r') {
                            crHeld = true;
                        } else {
                            b[off + n++] = x;
                        }
                    }
                    if (n > 0) {
                        return n;
                    }
                }
            }
        };
    }

    /** Sends LF as CRLF; a CRLF already there is sent as it is. */
    static OutputStream toWire(OutputStream wire) {
        return new FilterOutputStream(wire) {
            private boolean lastCr;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] outBuf = new byte[len * 2];
                int n = 0;
                for (int i = off; i < off + len; i++) {
                    byte x = b[i];
                    if (x == '\n' && !lastCr) {
                        outBuf[n++] = '\r';
                    }
                    outBuf[n++] = x;
                    lastCr = x == '\r';
                }
                out.write(outBuf, 0, n);
            }
        };
    }
}
