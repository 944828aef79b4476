package org.sockets.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.spi.ForwardingEndpoint;

/**
 * The endpoint under a connection's {@link org.sockets.protocol.ProtocolConnection}: it counts the
 * bytes received (so "no response byte arrived", the condition for a retry, is exact), and can wait
 * for the first byte of an answer with a short deadline without the connection treating the
 * timeout as fatal (the 100-continue wait): what that wait receives is served to the next read.
 */
class Channel extends ForwardingEndpoint {

    private ByteBuffer early;
    private boolean earlyEnd;
    private long received;

    Channel(Endpoint net) {
        super(net);
    }

    /** A channel over {@code net}; over TLS it is itself a TlsEndpoint, so the core sees the connection as secure. */
    static Channel over(Endpoint net) {
        return net instanceof org.sockets.tls.TlsEndpoint tls ? new TlsChannel(tls) : new Channel(net);
    }

    /** Bytes received since the channel was made. */
    long received() {
        return received;
    }

    /**
     * Waits until {@code deadline} for a byte (or the end of stream) from the peer.
     *
     * @return true if something arrived, false if the deadline passed first
     */
    boolean awaitReadable(Deadline deadline) throws IOException {
        if (early != null || earlyEnd) {
            return true;
        }
        ByteBuffer b = ByteBuffer.allocate(2048);
        try {
            int n = delegate().recv(b, deadline);
            if (n <= 0) {
                earlyEnd = true;
            } else {
                received += n;
                early = b.flip();
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        if (early != null) {
            return fromEarly(dst);
        }
        if (earlyEnd) {
            return 0;
        }
        int n = delegate().recv(dst, deadline);
        if (n > 0) {
            received += n;
        }
        return n;
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, Deadline.none());
    }

    private int fromEarly(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), early.remaining());
        dst.put(dst.position(), early, early.position(), n);
        dst.position(dst.position() + n);
        early.position(early.position() + n);
        if (!early.hasRemaining()) {
            early = null;
        }
        return n;
    }

    // Forwarded, not the loop of sends the base builds: over TLS one deadline bounds a whole sendAll.
    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        delegate().sendAll(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        delegate().sendAll(src);
    }

    @Override
    public Endpoint bind(Address local) {
        throw connected();
    }

    @Override
    public Endpoint listen(int backlog) {
        throw connected();
    }

    @Override
    public Endpoint accept() {
        throw connected();
    }

    @Override
    public Endpoint connect(Address remote) {
        throw connected();
    }

    private static IllegalStateException connected() {
        return new IllegalStateException("an HTTP connection is already connected");
    }

    @Override
    public String toString() {
        return "Channel[" + delegate() + "]";
    }
}
