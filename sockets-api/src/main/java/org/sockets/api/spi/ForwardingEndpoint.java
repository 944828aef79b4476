package org.sockets.api.spi;

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
 * The base of an endpoint that wraps another — TLS over a transport, a metering or buffering
 * layer, a test double — and hands every call to it, so a subclass overrides only the calls it
 * changes.
 *
 * <p>Forwarded: every method {@link Endpoint} leaves abstract, and the deadline forms
 * {@link #recv(ByteBuffer, Deadline)} and {@link #send(ByteBuffer, Deadline)}, which reach the
 * wrapped endpoint as deadline forms with the same {@link Deadline} (so one bound covers the
 * call, not the wrapped endpoint's timeout). The set-up calls ({@code bind}, {@code listen},
 * {@code connect}, {@code option(option, value)}, {@code timeout(Duration)}, {@code blocking})
 * return this wrapper, not the wrapped endpoint, so a chain of calls stays wrapped.
 * {@link #accept()} returns the wrapped endpoint's connection as it is: wrap it in an override if
 * accepted connections must be wrapped too.
 *
 * <p>Not forwarded: the other default methods of {@link Endpoint} ({@code sendAll},
 * {@code recv(int)}, the streams, the datagram and multicast calls) run the interface's own code
 * over this wrapper's calls, so a wrapper that changes {@code send} changes {@code sendAll} too.
 * A wrapper that leaves {@code send} alone over an endpoint whose own {@code sendAll} differs
 * (TLS bounds a whole {@code sendAll} by one deadline) overrides both {@code sendAll} forms to
 * forward them.
 *
 * <p>A subclass usually overrides {@code recv} and {@code send} (both forms each), perhaps
 * {@code close}, {@code shutdown} and {@code accept}; every forwarded call goes through
 * {@link #delegate()}, which a wrapper whose wrapped endpoint changes over its life overrides.
 * {@link #toString()} gives the class's simple name and the wrapped endpoint.
 *
 * {@snippet :
 * final class CountingEndpoint extends ForwardingEndpoint {
 *     long sent;
 *
 *     CountingEndpoint(Endpoint in) {
 *         super(in);
 *     }
 *
 *     @Override
 *     public int send(ByteBuffer src) throws IOException {
 *         int n = super.send(src);
 *         sent += n;
 *         return n;
 *     }
 *
 *     @Override
 *     public int send(ByteBuffer src, Deadline deadline) throws IOException {
 *         int n = super.send(src, deadline);
 *         sent += n;
 *         return n;
 *     }
 * }
 * }
 */
public abstract class ForwardingEndpoint implements Endpoint {

    private final Endpoint delegate;

    /**
     * Wraps an endpoint.
     *
     * @param delegate the endpoint every call goes to
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingEndpoint(Endpoint delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Returns the endpoint the calls go to; by default the one given to the constructor.
     *
     * @return the wrapped endpoint
     */
    protected Endpoint delegate() {
        return delegate;
    }

    @Override
    public Family family() {
        return delegate().family();
    }

    @Override
    public SocketType type() {
        return delegate().type();
    }

    @Override
    public Endpoint bind(Address local) throws IOException {
        delegate().bind(local);
        return this;
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        delegate().listen(backlog);
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        return delegate().accept();
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        delegate().connect(remote);
        return this;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return delegate().send(src);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        return delegate().send(src, deadline);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return delegate().recv(dst);
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        return delegate().recv(dst, deadline);
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        delegate().shutdown(how);
    }

    @Override
    public Address localAddress() throws IOException {
        return delegate().localAddress();
    }

    @Override
    public Address peerAddress() throws IOException {
        return delegate().peerAddress();
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        delegate().option(option, value);
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        return delegate().option(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return delegate().supportedOptions();
    }

    @Override
    public Endpoint timeout(Duration timeout) {
        delegate().timeout(timeout);
        return this;
    }

    @Override
    public Endpoint blocking() {
        delegate().blocking();
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return delegate().timeout();
    }

    @Override
    public boolean isOpen() {
        return delegate().isOpen();
    }

    @Override
    public void close() {
        delegate().close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate() + "]";
    }
}
