package org.sockets.samples.memory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.UnsupportedEndpointOperationException;

/**
 * An in-memory stream endpoint. Ports live in one JVM-wide table; connections are two
 * {@link ByteQueue}s. Addresses are reported as 127.0.0.1 with the port.
 */
final class MemoryEndpoint implements Endpoint {

    private static final Map<Integer, MemoryEndpoint> LISTENERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(40_000);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    private volatile State state = State.OPEN;
    private volatile int port;
    private volatile int peerPort;
    private volatile ByteQueue in;
    private volatile ByteQueue out;
    private volatile BlockingQueue<MemoryEndpoint> backlog;
    private volatile Duration timeout;

    @Override
    public Family family() {
        return Family.INET;
    }

    @Override
    public SocketType type() {
        return SocketType.STREAM;
    }

    @Override
    public synchronized Endpoint bind(Address local) throws IOException {
        require("bind", State.OPEN);
        int p = portOf(local);
        port = p == 0 ? NEXT_PORT.getAndIncrement() : p;
        state = State.BOUND;
        return this;
    }

    @Override
    public synchronized Endpoint listen(int n) throws IOException {
        if (state == State.OPEN) {
            bind(Address.any(0));
        }
        require("listen", State.BOUND);
        backlog = new ArrayBlockingQueue<>(Math.max(1, n));
        if (LISTENERS.putIfAbsent(port, this) != null) {
            throw new java.net.BindException("memory port " + port + " is in use");
        }
        state = State.LISTENING;
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        require("accept", State.LISTENING);
        try {
            Deadline d = Deadline.of(timeout());
            MemoryEndpoint conn = d.isBounded() ? backlog.poll(d.remainingNanos(), TimeUnit.NANOSECONDS) : backlog.take();
            if (conn == null) {
                throw d.timedOut("accept on " + this);
            }
            if (state == State.CLOSED) {
                throw new EndpointClosedException("accept: memory port " + port + " closed");
            }
            return conn;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("accept interrupted");
        }
    }

    @Override
    public synchronized Endpoint connect(Address remote) throws IOException {
        require("connect", State.OPEN, State.BOUND);
        int target = portOf(remote);
        MemoryEndpoint listener = LISTENERS.get(target);
        if (listener == null) {
            throw new ConnectException("Connection refused: nothing listens on memory port " + target);
        }
        if (state == State.OPEN) {
            port = NEXT_PORT.getAndIncrement();
        }
        MemoryEndpoint server = new MemoryEndpoint();
        ByteQueue up = new ByteQueue();
        ByteQueue down = new ByteQueue();
        server.in = up;
        server.out = down;
        server.port = target;
        server.peerPort = port;
        server.state = State.CONNECTED;
        in = down;
        out = up;
        peerPort = target;
        if (!listener.backlog.offer(server)) {
            throw new ConnectException("Connection refused: backlog of memory port " + target + " is full");
        }
        state = State.CONNECTED;
        return this;
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, Deadline.of(timeout()));
    }

    /** The deadline replaces the timeout for this call; waiting for the queue's lock counts against it. */
    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        require("send", State.CONNECTED);
        return src.hasRemaining() ? out.write(src, deadline, sendWhat) : 0;
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        sendAll(src, Deadline.of(timeout())); // one deadline for the whole call, as the contract says
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        require("sendAll", State.CONNECTED);
        while (src.hasRemaining()) {
            out.write(src, deadline, sendAllWhat);
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, Deadline.of(timeout()));
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        require("recv", State.CONNECTED);
        return in.read(dst, deadline, recvWhat);
    }

    private final Supplier<String> sendWhat = () -> "send on " + this;
    private final Supplier<String> recvWhat = () -> "recv on " + this;
    private final Supplier<String> sendAllWhat = () -> "sendAll on " + this;

    @Override
    public void shutdown(Shutdown how) throws IOException {
        require("shutdown", State.CONNECTED);
        if (how != Shutdown.READ) {
            out.closeWriter();
        }
        if (how != Shutdown.WRITE) {
            in.closeReader();
        }
    }

    @Override
    public Address localAddress() {
        return Address.of(LOOPBACK, port);
    }

    @Override
    public Address peerAddress() {
        if (state != State.CONNECTED) {
            throw new EndpointStateException("peerAddress: memory endpoint is not connected");
        }
        return Address.of(LOOPBACK, peerPort);
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) {
        throw new UnsupportedEndpointOperationException("the memory transport has no socket options (" + option.name() + ")");
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        throw new UnsupportedEndpointOperationException("the memory transport has no socket options (" + option.name() + ")");
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public Endpoint timeout(Duration t) {
        if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + t);
        }
        timeout = t;
        return this;
    }

    @Override
    public Endpoint blocking() {
        timeout = null;
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public boolean isOpen() {
        return state != State.CLOSED;
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.LISTENING) {
            LISTENERS.remove(port, this);
        }
        if (state == State.CONNECTED) {
            out.closeWriter();
            in.closeReader();
        }
        state = State.CLOSED;
    }

    private void require(String op, State... allowed) throws EndpointClosedException {
        State s = state;
        for (State a : allowed) {
            if (s == a) {
                return;
            }
        }
        if (s == State.CLOSED) {
            throw new EndpointClosedException(op + ": memory endpoint is closed");
        }
        throw new EndpointStateException(op + ": INET/STREAM memory endpoint is " + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static int portOf(Address a) {
        return switch (Objects.requireNonNull(a, "address")) {
            case Address.Ip ip -> ip.port();
            case Address.Any any -> any.port();
            case Address.Host h -> h.port();
            default -> throw new IllegalArgumentException("the memory transport takes internet addresses, not " + a);
        };
    }

    @Override
    public String toString() {
        return "INET/STREAM memory endpoint (" + state.name().toLowerCase(java.util.Locale.ROOT) + ", port " + port + ")";
    }
}
