package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * The plain endpoint after TLS ended, serving first the plain bytes that arrived behind the
 * peer's {@code close_notify} in the same read (they are the peer's first plain bytes).
 */
final class UnwrappedEndpoint extends ForwardingEndpoint {

    private final ByteBuffer leftover;
    private final Object lock = new Object();

    UnwrappedEndpoint(Endpoint net, ByteBuffer leftover) {
        super(net);
        this.leftover = leftover;
    }

    private int drain(ByteBuffer dst) {
        synchronized (lock) {
            if (!leftover.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), leftover.remaining());
            if (n == 0) {
                throw new IllegalArgumentException("recv: the buffer has no space remaining");
            }
            ByteBuffer part = leftover.slice(leftover.position(), n);
            dst.put(part);
            leftover.position(leftover.position() + n);
            return n;
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        int n = drain(dst);
        return n >= 0 ? n : net.recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        int n = drain(dst);
        return n >= 0 ? n : net.recv(dst, deadline);
    }
}
