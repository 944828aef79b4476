package org.sockets.protocol.testkit;

import java.io.IOException;
import java.net.SocketOption;
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
 * An endpoint that forwards to another and fails the call its {@link FailingConnector} picks;
 * made by that connector.
 */
final class FailingEndpoint implements Endpoint {

    private final Endpoint e;
    private final FailingConnector counter;

    FailingEndpoint(Endpoint e, FailingConnector counter) {
        this.e = e;
        this.counter = counter;
    }

    private void io(String name) throws IOException {
        try {
            counter.call(name);
        } catch (InjectedFailureException x) {
            e.close();
            throw x;
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        io("recv");
        return e.recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        io("recv");
        return e.recv(dst, deadline);
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        io("send");
        return e.send(src);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        io("send");
        return e.send(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        io("send");
        e.sendAll(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        io("send");
        e.sendAll(src);
    }

    @Override
    public Family family() {
        return e.family();
    }

    @Override
    public SocketType type() {
        return e.type();
    }

    @Override
    public Endpoint bind(Address local) throws IOException {
        e.bind(local);
        return this;
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        e.listen(backlog);
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        return e.accept();
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        io("connect");
        e.connect(remote);
        return this;
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        e.shutdown(how);
    }

    @Override
    public Address localAddress() throws IOException {
        return e.localAddress();
    }

    @Override
    public Address peerAddress() throws IOException {
        return e.peerAddress();
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        e.option(option, value);
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        return e.option(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return e.supportedOptions();
    }

    @Override
    public Endpoint timeout(Duration timeout) {
        e.timeout(timeout);
        return this;
    }

    @Override
    public Endpoint blocking() {
        e.blocking();
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return e.timeout();
    }

    @Override
    public boolean isOpen() {
        return e.isOpen();
    }

    @Override
    public void close() {
        e.close();
    }

    @Override
    public String toString() {
        return "Failing[" + e + "]";
    }
}
