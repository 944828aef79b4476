package org.sockets.http;

import java.io.IOException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;

/**
 * The endpoint under a connection's {@link org.sockets.protocol.ProtocolConnection}: it counts the
 * bytes received (so "no response byte arrived", the condition for a retry, is exact), and can wait
 * for the first byte of an answer with a short deadline without the connection treating the
 * timeout as fatal (the 100-continue wait): what that wait receives is served to the next read.
 */
final class Channel implements Endpoint {

    private final Endpoint net;
    private ByteBuffer early;
    private boolean earlyEnd;
    private long received;

    Channel(Endpoint net) {
        this.net = net;
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
            int n = net.recv(b, deadline);
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
        int n = net.recv(dst, deadline);
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

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        net.sendAll(src, deadline);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        return net.send(src, deadline);
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return net.send(src);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        net.sendAll(src);
    }

    @Override
    public Family family() {
        return net.family();
    }

    @Override
    public SocketType type() {
        return net.type();
    }

    @Override
    public Endpoint bind(Address local) {
        throw new IllegalStateException("an HTTP connection is already connected");
    }

    @Override
    public Endpoint listen(int backlog) {
        throw new IllegalStateException("an HTTP connection is already connected");
    }

    @Override
    public Endpoint accept() {
        throw new IllegalStateException("an HTTP connection is already connected");
    }

    @Override
    public Endpoint connect(Address remote) {
        throw new IllegalStateException("an HTTP connection is already connected");
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        net.shutdown(how);
    }

    @Override
    public Address localAddress() throws IOException {
        return net.localAddress();
    }

    @Override
    public Address peerAddress() throws IOException {
        return net.peerAddress();
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        net.option(option, value);
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        return net.option(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return net.supportedOptions();
    }

    @Override
    public Endpoint timeout(Duration timeout) {
        net.timeout(timeout);
        return this;
    }

    @Override
    public Endpoint blocking() {
        net.blocking();
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return net.timeout();
    }

    @Override
    public boolean isOpen() {
        return net.isOpen();
    }

    @Override
    public void close() {
        net.close();
    }

    @Override
    public String toString() {
        return "Channel[" + net + "]";
    }
}
