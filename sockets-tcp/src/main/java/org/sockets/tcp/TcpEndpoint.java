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
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.api.internal.EndpointWaits;
import org.sockets.api.internal.InetSupport;
import org.sockets.api.internal.ReadinessWait;
import org.sockets.api.spi.EndpointSupport;

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
 * <p>Every blocking call has one {@link Deadline}: the caller's, for the deadline forms, or the
 * endpoint's timeout from the start of the call (one for the whole of {@code sendAll}, as in
 * Python 3.5+); a timeout too long for the clock is no limit. Each call holds its direction's
 * turn ({@link ReadinessWait.Turn}) for its whole length, waiting for it within its deadline.
 * Until the first bounded call the channel is in blocking mode and calls go straight to the JDK
 * (no extra cost over raw NIO, and the JDK parks virtual threads itself). The first bounded call
 * makes it non-blocking for good (see {@link EndpointWaits}): calls then wait
 * for readiness on the direction's {@link ReadinessWait} (the waits share one process-wide
 * selector), without limit for an unbounded call. That first switch takes both directions'
 * turns, so it waits (within its deadline) for an unbounded call in progress in the other
 * direction. {@link #close()} never waits for a call.
 */
final class TcpEndpoint implements Endpoint {

    private enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    private final Family family;
    private final Object stateLock = new Object();
    /** The directions' turns and waits, and the channel's mode: see {@link EndpointWaits}. */
    private final EndpointWaits waits = new EndpointWaits(this);
    /** Options the caller set, replayed on the server channel and on accepted connections. */
    private final Map<SocketOption<?>, Object> optionsSet = new LinkedHashMap<>();

    private volatile State state;
    private volatile SocketChannel channel;
    private volatile ServerSocketChannel server;
    private volatile Duration timeout;
    private volatile Address.Ip peer;
    /** This side's address once connected (the JDK keeps it too, but not after close). */
    private volatile Address.Ip local;
    /** How this endpoint read just before close(), for the messages of calls that the close ends. */
    private volatile String shownBeforeClose;
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
                throw InetSupport.withCause(new BindException(e.getMessage() + ": " + local), e);
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
                    if (TcpOptions.LISTENER_OPTIONS.contains(e.getKey())) {
                        TcpOptions.setRaw(ssc, e.getKey(), e.getValue());
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
                    throw InetSupport.withCause(new BindException(e.getMessage() + ": " + InetSupport.fromJdk(local)), e);
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
        Deadline d = callDeadline();
        SocketChannel accepted;
        try (ReadinessWait.Turn t = waits.readTurn(ssc, d, acceptWhat)) {
            accepted = t.retry(ssc, SelectionKey.OP_ACCEPT, d, acceptWhat, null, ACCEPT);
        } catch (ClosedByInterruptException e) {
            throw EndpointSupport.withContext(e, acceptWhat.get()); // the endpoint is closed
        } catch (ClosedChannelException e) {
            throw EndpointSupport.withContext(closedDuring(e, ssc), acceptWhat.get());
        } catch (IOException e) {
            throw EndpointSupport.withContext(e, acceptWhat.get());
        }
        try {
            for (Map.Entry<SocketOption<?>, Object> e : inherited.entrySet()) {
                TcpOptions.setRaw(accepted, e.getKey(), e.getValue());
            }
            TcpEndpoint conn = new TcpEndpoint(family, accepted, State.CONNECTED);
            conn.peer = InetSupport.fromJdk(accepted.getRemoteAddress());
            conn.local = InetSupport.fromJdk(accepted.getLocalAddress());
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
        Deadline d = callDeadline();
        Supplier<String> what = () -> "connect to " + remote + " from " + this;
        try (ReadinessWait.Turn t = waits.writeTurn(sc, d, what)) {
            // Blocking mode (unbounded, and fixed while this holds the write turn) connects or throws.
            if (!sc.connect(jdk)) {
                t.retryCount(sc, SelectionKey.OP_CONNECT, d, what, null, FINISH_CONNECT);
            }
        } catch (IOException | RuntimeException e) {
            // The JDK closes a channel whose connect failed; so does a timed-out attempt here,
            // since the half-open attempt cannot be reused (Python: "create a new socket").
            close();
            if (e instanceof ConnectException ce) {
                throw InetSupport.withCause(new ConnectException(ce.getMessage() + ": " + remote), ce);
            }
            if (e instanceof NoRouteToHostException nr) {
                throw InetSupport.withCause(new NoRouteToHostException(nr.getMessage() + ": " + remote), nr);
            }
            if (e.getClass() == SocketException.class) {
                // e.g. ENETUNREACH ("Network is unreachable", a TCP connect to a broadcast
                // address): the JDK's message does not say which address
                throw InetSupport.withCause(new SocketException(e.getMessage() + ": " + remote), (SocketException) e);
            }
            if (e instanceof ClosedChannelException cce) {
                throw EndpointSupport.withContext(closedDuring(cce, sc), what.get());
            }
            if (e instanceof IOException io) {
                throw EndpointSupport.withContext(io, what.get());
            }
            throw e;
        }
        synchronized (stateLock) {
            peer = InetSupport.fromJdk(sc.getRemoteAddress());
            local = InetSupport.fromJdk(sc.getLocalAddress());
            state = State.CONNECTED;
        }
        return this;
    }

    // ---------------------------------------------------------------- data

    @Override
    public int send(ByteBuffer src) throws IOException {
        return write(connected("send"), src, callDeadline(), false);
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        return write(connected("send"), src, deadline, false);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        write(connected("sendAll"), src, callDeadline(), true);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        write(connected("sendAll"), src, deadline, true);
    }

    /** A send or (with {@code all}) a sendAll, the whole call within {@code d}. */
    private int write(SocketChannel sc, ByteBuffer src, Deadline d, boolean all) throws IOException {
        Objects.requireNonNull(src, "src");
        Supplier<String> what = all ? sendAllWhat : sendWhat;
        try (ReadinessWait.Turn t = waits.writeTurn(sc, d, what)) {
            int total = 0;
            // In blocking mode the JDK writes everything in one call; a close during a partial
            // write fails the next one.
            do {
                total += t.retryCount(sc, SelectionKey.OP_WRITE, d, what, src, WRITE);
            } while (all && src.hasRemaining());
            return total;
        } catch (ClosedByInterruptException e) {
            throw EndpointSupport.withContext(e, what.get()); // the endpoint is closed
        } catch (ClosedChannelException e) {
            throw EndpointSupport.withContext(closedDuring(e, sc), what.get());
        } catch (IOException e) {
            throw EndpointSupport.withContext(e, what.get()); // "Broken pipe", "Connection reset"
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, callDeadline(), "recv");
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        return recv(dst, deadline, "recv");
    }

    private int recv(ByteBuffer dst, Deadline d, String op) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException(op + ": the buffer has no space remaining");
        }
        SocketChannel sc = connected(op);
        try (ReadinessWait.Turn t = waits.readTurn(sc, d, recvWhat)) {
            return Math.max(t.retryCount(sc, SelectionKey.OP_READ, d, recvWhat, dst, READ), 0);
        } catch (ClosedByInterruptException e) {
            throw EndpointSupport.withContext(e, recvWhat.get()); // the endpoint is closed
        } catch (ClosedChannelException e) {
            throw EndpointSupport.withContext(closedDuring(e, sc), recvWhat.get());
        } catch (IOException e) {
            throw EndpointSupport.withContext(e, recvWhat.get()); // "Connection reset"
        }
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
        // Closed first, as every call on a closed endpoint (and UDP's and Unix's peerAddress):
        // the peer is remembered after close, but the endpoint no longer has one.
        liveChannel("peerAddress");
        Address.Ip p = peer;
        if (p == null) {
            throw new EndpointStateException("peerAddress: " + this + " is not connected");
        }
        return p;
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        TcpOptions.checkSupported(option, family);
        TcpOptions.checkValue(option, value);
        synchronized (stateLock) {
            NetworkChannel ch = liveChannel("option " + option.name());
            if (ch instanceof ServerSocketChannel && !TcpOptions.LISTENER_OPTIONS.contains(option)) {
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
        TcpOptions.checkSupported(option, family);
        NetworkChannel ch = liveChannel("option " + option.name());
        if (ch instanceof ServerSocketChannel && !TcpOptions.LISTENER_OPTIONS.contains(option)) {
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
        return TcpOptions.supported();
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

    /**
     * The deadline of a plain call starting now: the endpoint's timeout, or none. A timeout too
     * long for the clock is none ({@link Deadline#after} saturates), never an overflow.
     */
    private Deadline callDeadline() {
        Duration t = timeout;
        return t == null ? Deadline.none() : Deadline.after(t);
    }

    // Messages, built only when a call fails; made once per endpoint (no allocation per call).
    private final Supplier<String> acceptWhat = () -> "accept on " + this;
    private final Supplier<String> recvWhat = () -> "recv on " + this;
    private final Supplier<String> sendWhat = () -> "send on " + this;
    private final Supplier<String> sendAllWhat = () -> "sendAll on " + this;

    // The attempts, made once (no capture, no allocation per call). In blocking mode none would
    // block: read returns at least 1 or -1 (dst has room), write writes everything, accept and
    // connect finish; in non-blocking mode 0 / null / false means "not yet".
    private static final ReadinessWait.IntAttempt<SocketChannel, ByteBuffer> READ = (sc, dst) -> {
        int n = sc.read(dst);
        return n == 0 ? ReadinessWait.WOULD_BLOCK : n;
    };
    private static final ReadinessWait.IntAttempt<SocketChannel, ByteBuffer> WRITE = (sc, src) -> {
        int n = sc.write(src);
        return n == 0 && src.hasRemaining() ? ReadinessWait.WOULD_BLOCK : n;
    };
    private static final ReadinessWait.Attempt<ServerSocketChannel, Void, SocketChannel> ACCEPT = (ssc, unused) -> ssc.accept();
    private static final ReadinessWait.IntAttempt<SocketChannel, Void> FINISH_CONNECT =
            (sc, unused) -> sc.finishConnect() ? 1 : ReadinessWait.WOULD_BLOCK;

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
            shownBeforeClose = toString();
            state = State.CLOSED;
            sc = channel;
            ssc = server;
        }
        // Channel close wakes threads blocked in the JDK; the waiters' wake-up covers timed waits.
        EndpointSupport.closeQuietly(sc);
        EndpointSupport.closeQuietly(ssc);
        waits.close(); // without the turns: close never waits for a call
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
            return InetSupport.withCause(new SocketException("Broken pipe (shut down for writing)"), e);
        }
        return e instanceof AsynchronousCloseException ? e : InetSupport.withCause(new AsynchronousCloseException(), e);
    }

    @Override
    public String toString() {
        State s = state;
        String before = shownBeforeClose;
        if (s == State.CLOSED && before != null && !before.endsWith(")")) {
            // The addresses it had (a description without any ends in "(new)" or the like), so
            // that a call ended by the close says which connection.
            return before + " (closed)";
        }
        StringBuilder sb = new StringBuilder(family.name()).append("/STREAM endpoint");
        try {
            switch (s) {
                case BOUND -> sb.append(" bound to ").append(InetSupport.fromJdk(channel.getLocalAddress()));
                case LISTENING -> sb.append(" listening on ").append(InetSupport.fromJdk(server.getLocalAddress()));
                case CONNECTED -> sb.append(" ").append(local).append(" -> ").append(peer);
                case OPEN -> sb.append(" (new)");
                case CLOSED -> sb.append(" (closed)");
            }
        } catch (IOException | RuntimeException e) {
            sb.append(" (").append(EndpointSupport.describe(s)).append(")");
        }
        return sb.toString();
    }
}
