package org.sockets.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.spi.ForwardingEndpoint;

/**
 * A user's own stream endpoint, as stingy as allowed: each recv and each send moves at most one
 * byte, so TLS meets every record split at every byte. Underneath, recv reads ahead from the
 * carrier into a buffer of its own (what a buffered user endpoint would do), which halves the
 * system calls of the contract suite's multi-megabyte cases; sends go out one byte per call.
 */
final class OneByteEndpoint extends ForwardingEndpoint {
    private final ByteBuffer ahead = ByteBuffer.allocate(65536).flip();
    private final Object aheadLock = new Object();

    OneByteEndpoint(Endpoint in) {
        super(in);
    }

    private static ByteBuffer one(ByteBuffer b) {
        return b.slice(b.position(), Math.min(1, b.remaining()));
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, null);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline d) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        synchronized (aheadLock) {
            if (ahead.hasRemaining()) {
                dst.put(ahead.get());
                return 1;
            }
        }
        // Only the one reader refills (TLS holds its read lock), outside aheadLock so close() can wake it.
        ByteBuffer fill = ByteBuffer.allocate(ahead.capacity());
        int n = d == null ? delegate().recv(fill) : delegate().recv(fill, d);
        if (n == 0) {
            return 0;
        }
        fill.flip();
        synchronized (aheadLock) {
            ahead.compact().put(fill).flip();
            dst.put(ahead.get());
        }
        return 1;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        ByteBuffer o = one(src);
        int n = delegate().send(o);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public int send(ByteBuffer src, Deadline d) throws IOException {
        ByteBuffer o = one(src);
        int n = delegate().send(o, d);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public Endpoint accept() throws IOException {
        return new OneByteEndpoint(delegate().accept());
    }
}
