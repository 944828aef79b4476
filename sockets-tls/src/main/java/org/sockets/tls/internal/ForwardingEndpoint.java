package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;

/**
 * The base of the TLS endpoint and of an unwrapped one: {@link org.sockets.api.spi.ForwardingEndpoint}
 * with the transport in a field of its own, and {@code sendAll} forwarded too, since the transport's
 * own {@code sendAll} may do better than a loop of sends.
 */
abstract class ForwardingEndpoint extends org.sockets.api.spi.ForwardingEndpoint {

    protected final Endpoint net;

    ForwardingEndpoint(Endpoint net) {
        super(net);
        this.net = net;
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        net.sendAll(src);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        net.sendAll(src, deadline);
    }
}
