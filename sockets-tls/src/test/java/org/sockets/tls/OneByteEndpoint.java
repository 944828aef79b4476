package org.sockets.tls;

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

/** A user's own stream endpoint, as slow as allowed: each recv and send moves at most one byte. */
final class OneByteEndpoint implements Endpoint {
    private final Endpoint in;

    OneByteEndpoint(Endpoint in) {
        this.in = in;
    }

    private static ByteBuffer one(ByteBuffer b) {
        return b.slice(b.position(), Math.min(1, b.remaining()));
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        ByteBuffer o = one(dst);
        int n = in.recv(o);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public int recv(ByteBuffer dst, Deadline d) throws IOException {
        ByteBuffer o = one(dst);
        int n = in.recv(o, d);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        ByteBuffer o = one(src);
        int n = in.send(o);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public int send(ByteBuffer src, Deadline d) throws IOException {
        ByteBuffer o = one(src);
        int n = in.send(o, d);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public Family family() {
        return in.family();
    }

    @Override
    public SocketType type() {
        return in.type();
    }

    @Override
    public Endpoint bind(Address local) throws IOException {
        in.bind(local);
        return this;
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        in.listen(backlog);
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        return new OneByteEndpoint(in.accept());
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        in.connect(remote);
        return this;
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        in.shutdown(how);
    }

    @Override
    public Address localAddress() throws IOException {
        return in.localAddress();
    }

    @Override
    public Address peerAddress() throws IOException {
        return in.peerAddress();
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        in.option(option, value);
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        return in.option(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return in.supportedOptions();
    }

    @Override
    public Endpoint timeout(Duration timeout) {
        in.timeout(timeout);
        return this;
    }

    @Override
    public Endpoint blocking() {
        in.blocking();
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return in.timeout();
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() {
        in.close();
    }
}
