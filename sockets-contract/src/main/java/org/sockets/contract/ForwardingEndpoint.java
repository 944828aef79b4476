package org.sockets.contract;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;

/**
 * The base of a test's endpoint wrapper: hands every call the {@link Endpoint} interface leaves
 * abstract, and the deadline forms of {@code recv} and {@code send}, to the wrapped endpoint,
 * returning this wrapper where the interface returns the endpoint. A subclass overrides only the
 * calls it changes. The other default methods ({@code sendAll} and the rest) are not forwarded:
 * they run the interface's own code over this wrapper's calls, so a wrapper that changes
 * {@code send} changes {@code sendAll} too; one that must forward them overrides them.
 * {@code accept} returns the wrapped endpoint's connection unwrapped, and {@code toString} is
 * {@link Object}'s.
 *
 * {@snippet :
 * final class CountingEndpoint extends ForwardingEndpoint {
 *     int sends;
 *
 *     CountingEndpoint(Endpoint in) {
 *         super(in);
 *     }
 *
 *     @Override
 *     public int send(ByteBuffer src) throws IOException {
 *         sends++;
 *         return super.send(src);
 *     }
 * }
 * }
 */
public abstract class ForwardingEndpoint implements Endpoint {

    /** The wrapped endpoint. */
    protected final Endpoint in;

    /**
     * Wraps an endpoint.
     *
     * @param in the endpoint every call goes to
     */
    protected ForwardingEndpoint(Endpoint in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return in.recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        return in.recv(dst, deadline);
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return in.send(src);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        return in.send(src, deadline);
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
        return in.accept();
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
