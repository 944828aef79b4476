package org.sockets.tcp;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.api.spi.EndpointSupport;
import org.sockets.api.spi.InetSupport;
import org.sockets.api.spi.ReadinessWait;

/**
 * A TCP endpoint on JDK channels.
 *
 * <p>Python's socket is one object that becomes a client or a server; the JDK has two channel
 * classes. A new endpoint holds a {@link SocketChannel}: {@code bind} binds it (so a port in use
 * fails at {@code bind}, as in Python, and port 0 gets its real number at once) and
 * {@code connect} uses it. {@code listen} replaces it by a {@link ServerSocketChannel} bound to
 * the same concrete address while the first socket still holds it (both with
 * {@code SO_REUSEADDR}, which Linux allows while neither listens), then closes the first: the
 * port is never free in between.
 *
 * <p>{@code SO_REUSEADDR} is on from {@code open}, as on the JDK's {@code ServerSocketChannel}
 * and Python's {@code create_server}: a server restarts at once on a port whose old connections
 * are in TIME_WAIT. A port another socket listens on still fails at {@code bind}. Set it false
 * before {@code bind} for Python's plain-socket behaviour; {@code option} reads what the socket
 * has at every stage.
 *
 * <p>Without a timeout the channel is in blocking mode and every call goes straight to the JDK
 * (no extra cost over raw NIO, and the JDK parks virtual threads itself). With a timeout the
 * channel is non-blocking and calls wait for readiness on a per-direction {@link ReadinessWait}
 * (created by the first timed call; they share one process-wide selector), with one deadline per
 * call (one for the whole of {@code sendAll}, as in Python 3.5+).
 *
 * <p>The mode belongs to the channel, not to a direction: the first call after a switch between
 * blocking and timeout mode waits for calls in progress in the other direction to end (a timed
 * one within its timeout; a blocking one until it returns, as the JDK's
 * {@code configureBlocking} does). {@link #close()} never waits for either. Set the timeout
 * before sharing an endpoint between a reader and a writer.
 */
final class TcpEndpoint implements Endpoint {

    private enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    /** Options a listening socket takes itself; the rest are applied to each accepted connection. */
    private static final Set<SocketOption<?>> LISTENER_OPTIONS = Set.of(
            Options.SO_REUSEADDR, Options.SO_REUSEPORT, Options.SO_RCVBUF);

    private final Family family;
    private final Object stateLock = new Object();
    /** Serializes switches between blocking and non-blocking mode. */
    private final Object modeLock = new Object();
    /** The directions' waiters; null until the first timed call (most endpoints never make one). */
    private volatile Waits waits;
    /** Options the caller set, replayed on the server channel and on accepted connections. */
    private final Map<SocketOption<?>, Object> optionsSet = new LinkedHashMap<>();

    private volatile State state;
    private volatile SocketChannel channel;
    private volatile ServerSocketChannel server;
    private volatile Duration timeout;
    private volatile Address.Ip peer;
    private volatile Map<SocketOption<?>, Object> inherited = Map.of();

    private TcpEndpoint(Family family, SocketChannel channel, State state) {
        this.family = family;
        this.channel = channel;
        this.state = state;
    }

    static TcpEndpoint open(Family family) throws IOException {
        SocketChannel ch = SocketChannel.open(InetSupport.protocolFamily(family));
        try {
            ch.setOption(Options.SO_REUSEADDR, true); // a server restarts at once: see the class doc
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TcpEndpoint(family, ch, State.OPEN);
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public SocketType type() {
        return SocketType.STREAM;
    }

    // ---------------------------------------------------------------- server and client set-up

    @Override
    public Endpoint bind(Address local) throws IOException {
        Objects.requireNonNull(local, "local");
        synchronized (stateLock) {
            requireState("bind", State.OPEN);
            InetSocketAddress jdk = InetSupport.toJdk(local, family, "bind");
            try {
                channel.bind(jdk);
            } catch (BindException e) {
                throw rethrow(new BindException(e.getMessage() + ": " + local), e);
            }
            state = State.BOUND;
        }
        return this;
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
        if (backlog < 0) {
            throw new IllegalArgumentException("listen: backlog must not be negative, not " + backlog);
        }
        synchronized (stateLock) {
            if (state == State.LISTENING) {
                return this; // Python allows listen() again; the JDK cannot change the backlog
            }
            requireState("listen", State.OPEN, State.BOUND);
            InetSocketAddress local = state == State.BOUND
                    ? (InetSocketAddress) channel.getLocalAddress()
                    : new InetSocketAddress(InetSupport.wildcard(family), 0);
            ServerSocketChannel ssc = ServerSocketChannel.open(InetSupport.protocolFamily(family));
            try {
                Map<SocketOption<?>, Object> forConnections = new LinkedHashMap<>();
                for (Map.Entry<SocketOption<?>, Object> e : optionsSet.entrySet()) {
                    if (LISTENER_OPTIONS.contains(e.getKey())) {
                        setRaw(ssc, e.getKey(), e.getValue());
                    } else {
                        forConnections.put(e.getKey(), e.getValue());
                    }
                }
                boolean reuse = !Boolean.FALSE.equals(optionsSet.get(Options.SO_REUSEADDR));
                if (state == State.BOUND) {
                    // Bind over our own bound socket (Linux allows it when both have SO_REUSEADDR
                    // and neither listens) so the port is never free between the two binds.
                    channel.setOption(Options.SO_REUSEADDR, true);
                    ssc.setOption(Options.SO_REUSEADDR, true);
                }
                try {
                    ssc.bind(local, Math.max(backlog, 1));
                } catch (BindException e) {
                    throw rethrow(new BindException(e.getMessage() + ": " + InetSupport.fromJdk(local)), e);
                }
                channel.close();
                if (!reuse) {
                    ssc.setOption(Options.SO_REUSEADDR, false); // what the caller set, read back by option()
                }
                inherited = Map.copyOf(forConnections);
            } catch (IOException | RuntimeException e) {
                channel.close();
                ssc.close();
                state = State.CLOSED;
                throw e;
            }
            server = ssc;
            channel = null;
            state = State.LISTENING;
        }
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        ServerSocketChannel ssc = server;
        if (ssc == null || state != State.LISTENING || !ssc.isOpen()) {
            requireState("accept", State.LISTENING);
            throw EndpointSupport.closed("accept", this); // closed by an interrupt
        }
        Duration t = timeout;
        SocketChannel accepted;
        try {
            if (t == null) {
                blockingMode(ssc);
                accepted = ssc.accept();
            } else {
                accepted = timedRead(ssc, SelectionKey.OP_ACCEPT, "accept on " + this, t, ssc::accept);
            }
        } catch (ClosedChannelException e) {
            throw closedDuring(e, ssc);
        }
        try {
            for (Map.Entry<SocketOption<?>, Object> e : inherited.entrySet()) {
                setRaw(accepted, e.getKey(), e.getValue());
            }
            TcpEndpoint conn = new TcpEndpoint(family, accepted, State.CONNECTED);
            conn.peer = InetSupport.fromJdk(accepted.getRemoteAddress());
            Sockets.defaultTimeout().ifPresent(conn::timeout);
            return conn;
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        SocketChannel sc;
        synchronized (stateLock) {
            requireState("connect", State.OPEN, State.BOUND);
            sc = channel;
        }
        InetSocketAddress jdk = InetSupport.toJdk(remote, family, "connect");
        Duration t = timeout;
        try {
            if (t == null) {
                blockingMode(sc);
                sc.connect(jdk);
            } else {
                nonBlockingMode(sc);
                long deadline = System.nanoTime() + t.toNanos();
                String what = "connect to " + remote + " from " + this;
                ReadinessWait writeWait = waits().write();
                writeWait.lock(deadline, what, t, this);
                try {
                    if (!sc.connect(jdk)) {
                        while (!sc.finishConnect()) {
                            writeWait.await(sc, SelectionKey.OP_CONNECT, deadline, what, t);
                        }
                    }
                } finally {
                    writeWait.lock().unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The JDK closes a channel whose connect failed; so does a timed-out attempt here,
            // since the half-open attempt cannot be reused (Python: "create a new socket").
            close();
            if (e instanceof ConnectException ce) {
                throw rethrow(new ConnectException(ce.getMessage() + ": " + remote), ce);
            }
            if (e instanceof NoRouteToHostException nr) {
                throw rethrow(new NoRouteToHostException(nr.getMessage() + ": " + remote), nr);
            }
            if (e.getClass() == SocketException.class) {
                // e.g. ENETUNREACH ("Network is unreachable", a TCP connect to a broadcast
                // address): the JDK's message does not say which address
                throw rethrow(new SocketException(e.getMessage() + ": " + remote), (SocketException) e);
            }
            if (e instanceof ClosedChannelException cce) {
                throw closedDuring(cce, sc);
            }
            throw e;
        }
        synchronized (stateLock) {
            peer = InetSupport.fromJdk(sc.getRemoteAddress());
            state = State.CONNECTED;
        }
        return this;
    }

    // ---------------------------------------------------------------- data

    @Override
    public int send(ByteBuffer src) throws IOException {
        SocketChannel sc = connected("send");
        Duration t = timeout;
        try {
            if (t == null) {
                blockingMode(sc);
                return sc.write(src);
            }
            long deadline = System.nanoTime() + t.toNanos();
            return timedWrite(sc, src, deadline, t, false);
        } catch (ClosedChannelException e) {
            throw closedDuring(e, sc);
        }
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        SocketChannel sc = connected("sendAll");
        Duration t = timeout;
        try {
            if (t == null) {
                blockingMode(sc);
                while (src.hasRemaining()) {
                    sc.write(src); // a close during a partial write fails the next one
                }
                return;
            }
            long deadline = System.nanoTime() + t.toNanos();
            timedWrite(sc, src, deadline, t, true);
        } catch (ClosedChannelException e) {
            throw closedDuring(e, sc);
        }
    }

    private int timedWrite(SocketChannel sc, ByteBuffer src, long deadline, Duration t, boolean all) throws IOException {
        nonBlockingMode(sc);
        String what = (all ? "sendAll" : "send") + " on " + this;
        ReadinessWait writeWait = waits().write();
        writeWait.lock(deadline, what, t, this);
        int total = 0;
        try {
            while (src.hasRemaining()) {
                int n = sc.write(src);
                total += n;
                if (n > 0 && !all) {
                    break;
                }
                if (src.hasRemaining()) {
                    writeWait.await(sc, SelectionKey.OP_WRITE, deadline, what, t);
                }
            }
            return total;
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        } finally {
            writeWait.lock().unlock();
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        SocketChannel sc = connected("recv");
        Duration t = timeout;
        int n;
        try {
            if (t == null) {
                blockingMode(sc);
                n = sc.read(dst);
            } else {
                n = timedRead(sc, SelectionKey.OP_READ, "recv on " + this, t, () -> {
                    int r = sc.read(dst);
                    return r == 0 ? null : r; // 0: nothing yet (dst has room: recv checked)
                });
            }
        } catch (ClosedChannelException e) {
            throw closedDuring(e, sc);
        }
        return Math.max(n, 0);
    }

    @Override
    public void shutdown(Shutdown how) throws IOException {
        SocketChannel sc = connected("shutdown");
        switch (how) {
            case READ -> sc.shutdownInput();
            case WRITE -> sc.shutdownOutput();
            case BOTH -> {
                sc.shutdownInput();
                sc.shutdownOutput();
            }
        }
    }

    // ---------------------------------------------------------------- addresses and options

    @Override
    public Address localAddress() throws IOException {
        NetworkChannel ch = liveChannel("localAddress");
        InetSocketAddress a = (InetSocketAddress) ch.getLocalAddress();
        // Python's getsockname on an unbound socket: the wildcard with port 0.
        return a == null ? Address.of(InetSupport.wildcard(family), 0) : InetSupport.fromJdk(a);
    }

    @Override
    public Address peerAddress() throws IOException {
        Address.Ip p = peer;
        if (p == null) {
            liveChannel("peerAddress");
            throw new EndpointStateException("peerAddress: " + this + " is not connected");
        }
        return p;
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        checkSupported(option);
        checkValue(option, value);
        synchronized (stateLock) {
            NetworkChannel ch = liveChannel("option " + option.name());
            if (ch instanceof ServerSocketChannel && !LISTENER_OPTIONS.contains(option)) {
                // A listener has no TCP_NODELAY etc. of its own: keep it for accepted connections.
                Map<SocketOption<?>, Object> m = new LinkedHashMap<>(inherited);
                m.put(option, value);
                inherited = Map.copyOf(m);
            } else {
                ch.setOption(option, value);
            }
            optionsSet.put(option, value);
        }
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option");
        checkSupported(option);
        NetworkChannel ch = liveChannel("option " + option.name());
        if (ch instanceof ServerSocketChannel && !LISTENER_OPTIONS.contains(option)) {
            Object v = inherited.get(option);
            if (v != null) {
                return option.type().cast(v);
            }
            throw new UnsupportedEndpointOperationException(option.name() + " is a connection option; " + this
                    + " is listening (set it here and accepted connections take it)");
        }
        return ch.getOption(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Supported.OPTIONS;
    }

    private void checkSupported(SocketOption<?> option) {
        if (!Supported.OPTIONS.contains(option)) {
            throw new UnsupportedEndpointOperationException("option " + option.name() + " is not supported on "
                    + family + "/STREAM (tcp) endpoints; supported: " + Supported.OPTIONS);
        }
    }

    /**
     * Linux's ranges for the keep-alive timers (include/net/tcp.h): checked here so a bad value
     * is an IllegalArgumentException naming it, not the kernel's bare EINVAL, and so a listener
     * refuses it at once rather than failing every accept.
     */
    private static void checkValue(SocketOption<?> option, Object value) {
        int max = option == Options.TCP_KEEPIDLE || option == Options.TCP_KEEPINTERVAL ? 32767
                : option == Options.TCP_KEEPCOUNT ? 127 : 0;
        if (max > 0 && ((Integer) value < 1 || (Integer) value > max)) {
            throw new IllegalArgumentException(option.name() + " must be 1 to " + max + ", not " + value);
        }
    }

    /** The options of a JDK socket channel on this platform, read once. */
    private static final class Supported {
        static final Set<SocketOption<?>> OPTIONS = load();

        private static Set<SocketOption<?>> load() {
            try (SocketChannel sc = SocketChannel.open()) {
                return Set.copyOf(new LinkedHashSet<>(sc.supportedOptions()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a socket to list TCP options", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setRaw(NetworkChannel ch, SocketOption<?> option, Object value) throws IOException {
        ch.setOption((SocketOption<Object>) option, value);
    }

    // ---------------------------------------------------------------- timeouts and modes

    @Override
    public Endpoint timeout(Duration t) {
        timeout = EndpointSupport.checkTimeout(t);
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

    /** One non-blocking attempt at a read-side call: {@code null} while it would block. */
    @FunctionalInterface
    private interface ReadAttempt<T> {
        T attempt() throws IOException;
    }

    /**
     * A timed accept or recv: takes the read turn, then repeats {@code attempt} until it returns
     * a result, waiting for {@code op} readiness in between, all within {@code t}. An interrupt
     * closes the endpoint, as it does in a blocking call.
     */
    private <T> T timedRead(SelectableChannel ch, int op, String what, Duration t, ReadAttempt<T> attempt) throws IOException {
        nonBlockingMode(ch);
        long deadline = System.nanoTime() + t.toNanos();
        ReadinessWait readWait = waits().read();
        readWait.lock(deadline, what, t, this);
        try {
            T result;
            while ((result = attempt.attempt()) == null) {
                readWait.await(ch, op, deadline, what, t);
            }
            return result;
        } catch (ClosedByInterruptException e) {
            close();
            throw e;
        } finally {
            readWait.lock().unlock();
        }
    }

    /** The read and the write direction's waiters. */
    private record Waits(ReadinessWait read, ReadinessWait write) {
    }

    /** The waiters, created on first use: they cost a little heap each, and most endpoints never wait with a timeout. */
    private Waits waits() {
        Waits w = waits;
        if (w == null) {
            synchronized (stateLock) {
                w = waits;
                if (w == null) {
                    w = new Waits(new ReadinessWait(), new ReadinessWait());
                    waits = w;
                }
            }
        }
        return w;
    }

    /**
     * Puts the channel back in blocking mode if a timeout was used before. The channel is
     * deregistered from the waiters' selectors (shared and private) first: a channel registered with a selector
     * cannot block. Timed calls still waiting (in another thread) finish first, within their
     * timeouts, as the JDK's {@code configureBlocking} waits for blocking calls in progress. Not
     * under {@link #stateLock}: {@link #close()} must never wait for a call in progress.
     */
    private void blockingMode(SelectableChannel ch) throws IOException {
        if (!ch.isBlocking()) { // checked here too: waits() would create the waiters
            ReadinessWait.blockingMode(ch, waits().read(), waits().write(), modeLock, this);
        }
    }

    /** Not under {@link #stateLock}: the JDK waits here for a blocking call in progress to end. */
    private void nonBlockingMode(SelectableChannel ch) throws IOException {
        ReadinessWait.nonBlockingMode(ch, modeLock);
    }

    // ---------------------------------------------------------------- life cycle

    @Override
    public boolean isOpen() {
        if (state == State.CLOSED) {
            return false;
        }
        SocketChannel sc = channel;
        ServerSocketChannel ssc = server;
        return (sc == null || sc.isOpen()) && (ssc == null || ssc.isOpen());
    }

    @Override
    public void close() {
        SocketChannel sc;
        ServerSocketChannel ssc;
        synchronized (stateLock) {
            if (state == State.CLOSED && (channel == null || !channel.isOpen()) && (server == null || !server.isOpen())) {
                return;
            }
            state = State.CLOSED;
            sc = channel;
            ssc = server;
        }
        // Channel close wakes threads blocked in the JDK; the waiters' wake-up covers timed waits.
        EndpointSupport.closeQuietly(sc);
        EndpointSupport.closeQuietly(ssc);
        Waits w = waits;
        if (w != null) {
            w.read().wakeup();
            w.write().wakeup();
            // Deregistering releases the socket: the JDK closes a registered channel's
            // descriptor only once its key leaves the selector.
            w.read().close();
            w.write().close();
        }
    }

    // ---------------------------------------------------------------- state checks and messages

    private SocketChannel connected(String op) throws IOException {
        SocketChannel sc = channel;
        State s = state;
        if (s == State.CONNECTED && sc != null && sc.isOpen()) {
            return sc;
        }
        if (s == State.CLOSED || (sc != null && !sc.isOpen())) {
            throw EndpointSupport.closed(op, this);
        }
        throw new EndpointStateException(op + ": " + this + " is not connected");
    }

    private NetworkChannel liveChannel(String op) throws ClosedChannelException {
        NetworkChannel ch = server != null ? server : channel;
        if (state == State.CLOSED || ch == null || !ch.isOpen()) {
            throw EndpointSupport.closed(op, this);
        }
        return ch;
    }

    private void requireState(String op, State... allowed) throws ClosedChannelException {
        State s = state;
        if (List.of(allowed).contains(s)) {
            return;
        }
        if (s == State.CLOSED) {
            throw EndpointSupport.closed(op, this);
        }
        throw EndpointSupport.wrongState(op, this, s, allowed);
    }

    /**
     * What a "closed" exception from the channel means during a call that began on an open
     * endpoint (one closed before fails earlier, with {@link EndpointClosedException}): another
     * thread closed it, which the contract reports as {@link AsynchronousCloseException} wherever
     * in the call it happened; or, the channel being open, a write after {@code shutdown(WRITE)},
     * which the JDK also reports as an asynchronous close and Python as EPIPE.
     */
    private IOException closedDuring(ClosedChannelException e, java.nio.channels.Channel ch) {
        if (e instanceof ClosedByInterruptException || e instanceof EndpointClosedException) {
            return e;
        }
        if (ch.isOpen()) {
            return rethrow(new SocketException("Broken pipe: " + this + " was shut down for writing"), e);
        }
        return e instanceof AsynchronousCloseException ? e : rethrow(new AsynchronousCloseException(), e);
    }

    private static <E extends IOException> E rethrow(E replacement, IOException cause) {
        replacement.initCause(cause);
        return replacement;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(family.name()).append("/STREAM endpoint");
        State s = state;
        try {
            switch (s) {
                case BOUND -> sb.append(" bound to ").append(InetSupport.fromJdk(channel.getLocalAddress()));
                case LISTENING -> sb.append(" listening on ").append(InetSupport.fromJdk(server.getLocalAddress()));
                case CONNECTED -> sb.append(" ").append(InetSupport.fromJdk(channel.getLocalAddress())).append(" -> ").append(peer);
                case OPEN -> sb.append(" (new)");
                case CLOSED -> sb.append(" (closed)");
            }
        } catch (IOException | RuntimeException e) {
            sb.append(" (").append(EndpointSupport.describe(s)).append(")");
        }
        return sb.toString();
    }
}
