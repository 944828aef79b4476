package org.sockets.tls.internal;

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

/** An endpoint that hands every call to another: the base of the TLS endpoint and of an unwrapped one. */
abstract class ForwardingEndpoint implements Endpoint {

    protected final Endpoint net;

    ForwardingEndpoint(Endpoint net) {
        this.net = net;
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
    public Endpoint bind(Address local) throws IOException {
        net.bind(local);
        return this;
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        net.listen(backlog);
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        return net.accept();
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        net.connect(remote);
        return this;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return net.send(src);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        return net.send(src, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        net.sendAll(src);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        net.sendAll(src, deadline);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return net.recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        return net.recv(dst, deadline);
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
        return getClass().getSimpleName() + "[" + net + "]";
    }
}
