package org.sockets.pop3;

import java.io.IOException;
import java.io.InputStream;
import org.sockets.protocol.ProtocolConnection;

/** A streamed body: ends the operation and frees the session when read to its end or closed. */
final class Pop3Body extends InputStream {
    private final InputStream in;
    private final String what;
    private final ProtocolConnection c;
    private boolean done;

    Pop3Body(InputStream in, String what, ProtocolConnection c) {
        this.in = in;
        this.what = what;
        this.c = c;
    }

    boolean done() {
        return done || !c.isOpen();
    }

    String what() {
        return what;
    }

    @Override
    public int read() throws IOException {
        return finish(in.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return finish(in.read(b, off, len));
    }

    private int finish(int n) {
        if (n < 0 && !done) {
            done = true;
            c.endOperation();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            try {
                in.close();
            } finally {
                done = true;
                c.endOperation();
            }
        }
    }
}
