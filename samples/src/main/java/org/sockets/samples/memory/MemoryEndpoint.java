package org.sockets.samples.memory;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>It keeps the whole {@link Endpoint} contract, as the library's transports do (the contract
 * suite runs over it): timeouts and deadlines, close from another thread waking blocked calls with
 * {@link AsynchronousCloseException}, an interrupt closing the endpoint with
 * {@link ClosedByInterruptException}, half-close, and typed errors for misuse.
 */
final class MemoryEndpoint implements Endpoint, ByteQueue.Owner {

    private static final Map<Integer, MemoryEndpoint> LISTENERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(40_000);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    private volatile State state = State.OPEN;
    private volatile int port;
    private volatile int peerPort;
    private volatile ByteQueue in;
    private volatile ByteQueue out;
    private volatile Duration timeout;

    /** A listener's queue of connections not yet accepted, under its own lock. */
    private final ReentrantLock backlogLock = new ReentrantLock();
    private final Condition backlogChanged = backlogLock.newCondition();
    private final ArrayDeque<MemoryEndpoint> backlog = new ArrayDeque<>();
    private int backlogLimit;

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
        backlogLimit = Math.max(1, n);
        if (LISTENERS.putIfAbsent(port, this) != null) {
            throw new BindException("memory port " + port + " is in use");
        }
        state = State.LISTENING;
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        require("accept", State.LISTENING);
        enter();
        Deadline deadline = Deadline.of(timeout());
        try {
            backlogLock.lockInterruptibly();
            try {
                while (backlog.isEmpty() && isOpen()) {
                    if (deadline.hasPassed()) {
                        throw deadline.timedOut("accept on " + this);
                    }
                    if (deadline.isBounded()) {
                        backlogChanged.awaitNanos(deadline.remainingNanos());
                    } else {
                        backlogChanged.await();
                    }
                }
                if (!isOpen()) {
                    throw new AsynchronousCloseException();
                }
                return backlog.poll();
            } finally {
                backlogLock.unlock();
            }
        } catch (InterruptedException e) {
            throw closedByInterrupt();
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
        if (!listener.offer(server)) {
            throw new ConnectException("Connection refused: backlog of memory port " + target + " is full");
        }
        in = down;
        out = up;
        peerPort = target;
        state = State.CONNECTED;
        return this;
    }

    /** Queues a new connection for {@link #accept()}; false if full or no longer listening. */
    private boolean offer(MemoryEndpoint conn) {
        backlogLock.lock();
        try {
            if (state != State.LISTENING || backlog.size() >= backlogLimit) {
                return false;
            }
            backlog.add(conn);
            backlogChanged.signalAll();
            return true;
        } finally {
            backlogLock.unlock();
        }
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, Deadline.of(timeout()));
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        return write("send", src, deadline, false);
    }

    /** One deadline for the whole call, from the endpoint's timeout, as the contract asks. */
    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        sendAll(src, Deadline.of(timeout()));
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        write("sendAll", src, deadline, true);
    }

    private int write(String op, ByteBuffer src, Deadline deadline, boolean all) throws IOException {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(deadline, "deadline");
        require(op, State.CONNECTED);
        enter();
        int total = 0;
        try {
            do {
                if (!src.hasRemaining()) {
                    return total;
                }
                int n = out.write(src, deadline, this, op + " on " + this);
                if (n < 0) {
                    throw deadline.timedOut(op + " on " + this);
                }
                total += n;
            } while (all);
            return total;
        } catch (ByteQueue.Woken w) {
            throw woken(w);
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, Deadline.of(timeout()));
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(deadline, "deadline");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("recv: the buffer is read-only");
        }
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        require("recv", State.CONNECTED);
        enter();
        try {
            int n = in.read(dst, deadline, this);
            if (n < 0) {
                throw deadline.timedOut("recv on " + this);
            }
            return n;
        } catch (ByteQueue.Woken w) {
            throw woken(w);
        }
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        require("shutdown", State.CONNECTED);
        if (how != Shutdown.READ) {
            out.closeWriter();
        }
        if (how != Shutdown.WRITE) {
            in.shutdownReader();
        }
    }

    /** As the JDK's interruptible channels: a call made by an interrupted thread closes the endpoint. */
    private void enter() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw closedByInterrupt();
        }
    }

    private IOException woken(ByteQueue.Woken w) {
        return w.interrupted ? closedByInterrupt() : new AsynchronousCloseException();
    }

    /** Closes this endpoint for an interrupt, leaving the thread's interrupt status set. */
    private ClosedByInterruptException closedByInterrupt() {
        close();
        Thread.currentThread().interrupt();
        return new ClosedByInterruptException();
    }

    @Override
    public Address localAddress() throws EndpointClosedException {
        require("localAddress", State.OPEN, State.BOUND, State.LISTENING, State.CONNECTED);
        return Address.of(LOOPBACK, port);
    }

    @Override
    public Address peerAddress() throws EndpointClosedException {
        require("peerAddress", State.CONNECTED);
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

    /** Closes the endpoint; calls blocked in it wake and throw {@link AsynchronousCloseException}. */
    @Override
    public void close() {
        State was;
        synchronized (this) {
            was = state;
            if (was == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            if (was == State.LISTENING) {
                LISTENERS.remove(port, this);
            }
        }
        if (was == State.CONNECTED) {
            out.closeWriter();
            in.closeReader();
            // Threads blocked in this endpoint's calls wait in these queues: wake them to see the close.
            in.wakeAll();
            out.wakeAll();
        }
        if (was == State.LISTENING) {
            backlogLock.lock();
            try {
                // Connections never accepted are closed, so their clients read end of stream.
                for (MemoryEndpoint c; (c = backlog.poll()) != null; ) {
                    c.close();
                }
                backlogChanged.signalAll();
            } finally {
                backlogLock.unlock();
            }
        }
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
        String needed = allowed.length == 1 ? ", not " + allowed[0].name().toLowerCase(Locale.ROOT) : "";
        throw new EndpointStateException(op + ": INET/STREAM memory endpoint is " + s.name().toLowerCase(Locale.ROOT) + needed);
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
        return "INET/STREAM memory endpoint (" + state.name().toLowerCase(Locale.ROOT) + ", port " + port + ")";
    }
}
