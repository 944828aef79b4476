package org.sockets.http;

import java.io.IOException;
import java.io.InputStream;
import org.sockets.protocol.TransferProgress;

/** Response framing (RFC 9112 §6): which body an answer has, and the readers for each. */
final class Framing {

    private Framing() {
    }

    /** A response body: framed, counted, and ending its exchange when closed. */
    abstract static class Body extends InputStream {

        abstract Headers trailers();

        abstract void progress(TransferProgress progress, long total);

        /** Closes the connection because of {@code failure}, and returns it to throw. */
        abstract <E extends IOException> E fail(E failure);

        @Override
        public abstract void close();
    }
}
