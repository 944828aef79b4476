package org.sockets.protocol.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.spi.ForwardingEndpoint;

/**
 * An endpoint that forwards to another and fails the call its {@link FailingConnector} picks;
 * made by that connector.
 */
final class FailingEndpoint extends ForwardingEndpoint {

    private final FailingConnector counter;

    FailingEndpoint(Endpoint e, FailingConnector counter) {
        super(e);
        this.counter = counter;
    }

    private void io(String name) throws IOException {
        try {
            counter.call(name);
        } catch (InjectedFailureException x) {
            delegate().close();
            throw x;
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        io("recv");
        return delegate().recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        io("recv");
        return delegate().recv(dst, deadline);
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        io("send");
        return delegate().send(src);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        io("send");
        return delegate().send(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        io("send");
        delegate().sendAll(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        io("send");
        delegate().sendAll(src);
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        io("connect");
        delegate().connect(remote);
        return this;
    }

    @Override
    public String toString() {
        return "Failing[" + delegate() + "]";
    }
}
