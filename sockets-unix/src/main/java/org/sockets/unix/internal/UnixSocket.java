package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Deadline;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.PeerCredentials;
import org.sockets.api.Received;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.api.spi.EndpointSupport;
import org.sockets.unix.BindOptions;
import org.sockets.unix.Descriptor;
import org.sockets.unix.FdMessage;
import org.sockets.unix.UnixEndpoint;

/**
 * A Unix-domain endpoint of any type, through FFM: its state machine (new, bound, listening,
 * connected, closed), set-up, names, options and close.
 *
 * <p>The layers below it, each in its own file: {@link FdHandle} (the descriptor's life, its uses
 * and its waits), {@link RetryLoop} (try, and park on {@code EAGAIN}), {@link Transfers} (the data
 * calls), {@link MsgHdr} (control messages), {@link SockAddr} (addresses), {@link SocketFile}
 * (socket files), {@link Syscall} and {@link Errors} (one short call and its errno), and
 * {@link Native} (the C functions).
 */
final class UnixSocket implements UnixEndpoint {

    /** Where the endpoint is in its life. */
    enum State {
        /** New: neither bound nor connected. */
        OPEN,
        /** Bound to a local address. */
        BOUND,
        /** Accepting connections. */
        LISTENING,
        /** Connected (or a socketpair end, or accepted). */
        CONNECTED,
        /** Closed. */
        CLOSED
    }

    private final SocketType type;
    private final FdHandle handle;
    private final Object stateLock = new Object();
    private final RetryLoop loop;
    private final Transfers data;

    private volatile State state;
    private volatile Duration timeout;
    private volatile Address local;
    private volatile Address peer;
    /** The socket file this endpoint created, removed at close if unchanged; null if none. */
    private volatile SocketFile socketFile;

    /**
     * An endpoint on a descriptor it now owns.
     *
     * @param type   the socket's type
     * @param handle the descriptor, registered
     * @param state  where it starts
     * @param local  its address, or null if unknown yet
     * @param peer   its peer, or null if not connected
     */
    UnixSocket(SocketType type, FdHandle handle, State state, Address local, Address peer) {
        this.type = type;
        this.handle = handle;
        this.state = state;
        this.local = local;
        this.peer = peer;
        this.loop = new RetryLoop(handle, this);
        this.data = new Transfers(this, handle, type, loop);
        // The action holds the handle, never this endpoint; a socket file of a dropped endpoint
        // stays (only close() knows it may remove it).
        Cleaners.CLEANER.register(this, handle::close);
    }

    @Override
    public Family family() {
        return Family.UNIX;
    }

    @Override
    public SocketType type() {
        return type;
    }

    /** The peer, for the sender of a received message; null if never connected. */
    Address peer() {
        return peer;
    }

    /**
     * The deadline of a plain call starting now: the endpoint's timeout, or none. A timeout too
     * long for the clock is none ({@link Deadline#after} saturates), never an overflow.
     */
    private Deadline callDeadline() {
        Duration t = timeout;
        return t == null ? Deadline.none() : Deadline.after(t);
    }

    // ---------------------------------------------------------------- set-up

    @Override
    public UnixEndpoint bind(Address local) throws IOException {
        return bind(local, BindOptions.defaults());
    }

    @Override
    public UnixEndpoint bind(Address address, BindOptions options) throws IOException {
        Objects.requireNonNull(address, "local");
        Objects.requireNonNull(options, "options");
        synchronized (stateLock) {
            requireState("bind", State.OPEN);
            try (Syscall c = Syscall.on(handle, "bind", this)) {
                MemorySegment sa = c.arena.allocate(Native.SOCKADDR_UN_ROOM, 8);
                int len = SockAddr.encode(address, sa, "bind");
                int r = Native.bind(c.st, c.fd, sa, len);
                if (r < 0 && c.errno() == Native.EADDRINUSE && address instanceof Address.UnixPath p) {
                    if (options.stale() == BindOptions.StaleFile.REPLACE && SocketFile.removeIfStale(p.path(), type)) {
                        r = Native.bind(c.st, c.fd, sa, len);
                    } else {
                        throw SocketFile.inUse(p.path(), options);
                    }
                }
                c.check(r, "bind", address);
                if (address instanceof Address.UnixPath p) {
                    socketFile = SocketFile.created(p.path(), options);
                }
                this.local = SockAddr.name(Native::getsockname, handle.fd).orElse(address);
                state = State.BOUND;
            }
        }
        return this;
    }

    @Override
    public UnixEndpoint listen(int backlog) throws IOException {
        if (backlog < 0) {
            throw new IllegalArgumentException("listen: backlog must not be negative, not " + backlog);
        }
        if (type == SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("listen: UNIX/DGRAM endpoints have no connections; use recvFrom");
        }
        synchronized (stateLock) {
            if (state == State.LISTENING) {
                requireOpen("listen");
            } else {
                requireState("listen", State.OPEN, State.BOUND);
            }
            if (state == State.OPEN) {
                // Linux refuses listen on an unbound Unix socket (EINVAL); like the INET
                // transports' "any address, free port", take an automatic abstract name.
                bind(Address.unnamed());
            }
            try (Syscall c = Syscall.on(handle, "listen", this)) {
                c.check(Native.listen(c.st, c.fd, backlog), "listen on");
                local = SockAddr.name(Native::getsockname, handle.fd).orElse(Address.unnamed());
                state = State.LISTENING;
            }
        }
        return this;
    }

    @Override
    public UnixEndpoint accept() throws IOException {
        if (type == SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("accept: UNIX/DGRAM endpoints have no connections");
        }
        if (state != State.LISTENING) {
            requireState("accept", State.LISTENING);
        }
        Accept attempt = new Accept();
        int fd = (int) loop.run(true, () -> "accept on " + this, callDeadline(), 0, null, attempt, Errors.on("accept", this));
        UnixSocket conn = new UnixSocket(type, FdHandle.of(fd, true, true), State.CONNECTED, local, attempt.from);
        Sockets.defaultTimeout().ifPresent(conn::timeout);
        return conn;
    }

    /** One accept4; once it succeeds, {@link #from} holds the peer's address. */
    private final class Accept implements RetryLoop.Attempt {
        private Address from;

        @Override
        public long run(Scratch io, int wait, ByteBuffer unused) {
            io.len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
            // Blocking: a connection only we hold (see FdHandle).
            int r = Native.accept4(io.st, handle.fd, io.addr, io.len, Native.SOCK_CLOEXEC);
            if (r >= 0) {
                // Decoded here, under the read lock: the scratch is the next reader's once released.
                from = SockAddr.decode(io.addr, io.len.get(ValueLayout.JAVA_INT, 0));
            }
            return r;
        }
    }

    @Override
    public UnixEndpoint connect(Address remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        synchronized (stateLock) {
            if (type == SocketType.DGRAM) {
                requireState("connect", State.OPEN, State.BOUND, State.CONNECTED);
            } else {
                requireState("connect", State.OPEN, State.BOUND);
            }
        }
        Supplier<String> what = () -> "connect to " + remote + " from " + this;
        // Encode before any I/O: a too-long path fails here, naming itself.
        SockAddr.check(remote, "connect");
        try {
            loop.run(false, what, callDeadline(), RetryLoop.POLL_FALLBACK_NANOS, null, (io, wait, unused) -> {
                int len = SockAddr.encode(remote, io.addr, "connect");
                return Native.connect(io.st, handle.fd, io.addr, len);
            }, e -> {
                if (e == Native.EISCONN) {
                    throw new EndpointStateException("connect: " + this + " is already connected");
                }
                return Errors.of(e, "connect to", remote);
            });
        } catch (IOException | RuntimeException e) {
            // The Endpoint contract, as the JDK's channels: a stream endpoint whose connect failed
            // in any way, timeout included, is closed. A datagram connect only sets a filter.
            if (type != SocketType.DGRAM) {
                close();
            }
            throw e;
        }
        synchronized (stateLock) {
            if (state == State.CLOSED) {
                throw new AsynchronousCloseException();
            }
            peer = remote;
            if (local == null) {
                local = SockAddr.name(Native::getsockname, handle.fd).orElse(Address.unnamed());
            }
            state = State.CONNECTED;
        }
        if (type != SocketType.DGRAM) {
            // Connected: no accept or connect will be made on it, so recv and send may block in
            // the kernel from now on (see FdHandle).
            handle.makeBlocking();
        }
        return this;
    }

    // ---------------------------------------------------------------- data (see Transfers)

    private boolean messages() {
        return type != SocketType.STREAM;
    }

    /** The check before a receive: connected, or on DGRAM merely open. */
    private void requireReceivable(String op) throws EndpointClosedException {
        if (type != SocketType.DGRAM) {
            requireConnected(op);
        } else {
            requireOpen(op);
        }
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, callDeadline());
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        requireConnected("send");
        return data.send(src, false, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        sendAll(src, callDeadline());
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        requireConnected("sendAll");
        data.send(src, true, deadline);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, callDeadline());
    }

    @Override
    public int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        requireReceivable("recv");
        return data.recv(dst, deadline);
    }

    @Override
    public int sendTo(ByteBuffer src, Address to) throws IOException {
        return sendTo(src, to, callDeadline());
    }

    @Override
    public int sendTo(ByteBuffer src, Address to, Deadline deadline) throws IOException {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(deadline, "deadline");
        if (type != SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("sendTo: UNIX/" + type + " endpoints are connection-oriented; use send on a connected endpoint");
        }
        requireOpen("sendTo");
        SockAddr.check(to, "sendTo");
        return data.sendTo(src, to, deadline);
    }

    @Override
    public Received recvFrom(ByteBuffer dst) throws IOException {
        return recvFrom(dst, callDeadline());
    }

    @Override
    public Received recvFrom(ByteBuffer dst, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recvFrom: the buffer has no space remaining");
        }
        requireReceivable("recvFrom");
        return data.recvFrom(dst, "recvFrom", deadline);
    }

    @Override
    public byte[] recv(int max) throws IOException {
        if (!messages()) {
            return UnixEndpoint.super.recv(max);
        }
        if (max < 1) {
            throw new IllegalArgumentException("recv: max must be at least 1, not " + max);
        }
        requireReceivable("recv");
        return data.recvBytes(max, callDeadline());
    }

    @Override
    public Datagram recvFrom(int max) throws IOException {
        if (!messages()) {
            return UnixEndpoint.super.recvFrom(max);
        }
        if (max < 1) {
            throw new IllegalArgumentException("recvFrom: max must be at least 1, not " + max);
        }
        requireReceivable("recvFrom");
        return data.recvDatagram(max, callDeadline());
    }

    @Override
    public int sendFds(ByteBuffer src, List<? extends Descriptor> fds) throws IOException {
        requireConnected("sendFds");
        return data.sendFds("sendFds", src, fds, null, callDeadline());
    }

    @Override
    public int sendFdsTo(ByteBuffer src, List<? extends Descriptor> fds, Address to) throws IOException {
        Objects.requireNonNull(to, "to");
        if (type != SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("sendFdsTo: UNIX/" + type + " endpoints are connection-oriented; use sendFds");
        }
        requireOpen("sendFdsTo");
        SockAddr.check(to, "sendFdsTo");
        return data.sendFds("sendFdsTo " + to, src, fds, to, callDeadline());
    }

    @Override
    public FdMessage recvFds(ByteBuffer dst, int maxFds) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recvFds: the buffer has no space remaining");
        }
        if (maxFds < 1 || maxFds > Transfers.MAX_FDS) {
            throw new IllegalArgumentException("recvFds: maxFds must be 1 to " + Transfers.MAX_FDS + ", not " + maxFds);
        }
        requireReceivable("recvFds");
        return data.recvFds(dst, maxFds, callDeadline());
    }

    /** A duplicate of this socket's descriptor, for {@link Descriptor#of}. */
    int duplicateFd() throws IOException {
        try (Syscall c = Syscall.on(handle, "Descriptor.of", this)) {
            handle.share(c.st);
            // A close between our acquire and share() saw an exclusive socket and may have shut it
            // down: never hand that out as a live descriptor.
            if (!handle.isOpen()) {
                throw closed("Descriptor.of");
            }
            return NativeDescriptor.dup(c.fd, this);
        }
    }

    // ---------------------------------------------------------------- shutdown, names, options

    @Override
    public void shutdown(Shutdown how) throws IOException {
        requireConnected("shutdown");
        try (Syscall c = Syscall.on(handle, "shutdown", this)) {
            int h = switch (how) {
                case READ -> Native.SHUT_RD;
                case WRITE -> Native.SHUT_WR;
                case BOTH -> Native.SHUT_RDWR;
            };
            c.check(Native.shutdown(c.st, c.fd, h), "shutdown(" + how + ") on");
        }
    }

    @Override
    public Address localAddress() throws IOException {
        try (Syscall c = Syscall.on(handle, "localAddress", this)) {
            return SockAddr.name(Native::getsockname, handle.fd).orElse(Address.unnamed());
        }
    }

    @Override
    public Address peerAddress() throws IOException {
        try (Syscall c = Syscall.on(handle, "peerAddress", this)) {
            return SockAddr.name(Native::getpeername, handle.fd)
                    .orElseThrow(() -> new EndpointStateException("peerAddress: " + this + " is not connected"));
        }
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        requireConnected("peerCredentials");
        return UnixOptions.peerCredentials(handle, this);
    }

    @Override
    public <T> UnixEndpoint option(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        UnixOptions.set(handle, this, type, option, value);
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option");
        UnixOptions.checkSupported(option, type);
        if (option == Options.SO_PEERCRED) {
            return option.type().cast(peerCredentials());
        }
        return option.type().cast(UnixOptions.get(handle, this, option));
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return UnixOptions.SUPPORTED;
    }

    // ---------------------------------------------------------------- timeouts and life cycle

    @Override
    public UnixEndpoint timeout(Duration t) {
        timeout = EndpointSupport.checkTimeout(t);
        return this;
    }

    @Override
    public UnixEndpoint blocking() {
        timeout = null;
        return this;
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public boolean isOpen() {
        return handle.isOpen();
    }

    @Override
    public void close() {
        synchronized (stateLock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        SocketFile f = socketFile;
        if (f != null) {
            socketFile = null;
            f.remove();
        }
        // Wakes every parked call; the descriptor itself is closed when the last one leaves.
        handle.close();
    }

    // ---------------------------------------------------------------- state checks and messages

    private EndpointClosedException closed(String op) {
        return EndpointSupport.closed(op, this);
    }

    private void requireOpen(String op) throws EndpointClosedException {
        if (state == State.CLOSED || !handle.isOpen()) {
            throw closed(op);
        }
    }

    private void requireConnected(String op) throws EndpointClosedException {
        State s = state;
        if (s == State.CONNECTED) {
            return;
        }
        requireOpen(op);
        throw new EndpointStateException(op + ": " + this + " is " + EndpointSupport.describe(s) + ", not connected"
                + (type == SocketType.DGRAM ? "; connect first or use sendTo / recvFrom" : ""));
    }

    private void requireState(String op, State... allowed) throws EndpointClosedException {
        State s = state;
        if (List.of(allowed).contains(s)) {
            return;
        }
        requireOpen(op);
        throw EndpointSupport.wrongState(op, this, s, allowed);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UNIX/").append(type).append(" endpoint");
        State s = state;
        switch (s) {
            case OPEN -> sb.append(" (new)");
            case BOUND -> sb.append(" bound to ").append(local);
            case LISTENING -> sb.append(" listening on ").append(local);
            case CONNECTED -> sb.append(" ").append(local == null ? Address.unnamed() : local).append(" -> ").append(peer);
            case CLOSED -> {
                // The addresses it had, so that a call ended by the close says which endpoint.
                Address l = local;
                Address p = peer;
                if (p != null) {
                    sb.append(" ").append(l == null ? Address.unnamed() : l).append(" -> ").append(p);
                } else if (l != null) {
                    sb.append(" bound to ").append(l);
                }
                sb.append(" (closed)");
            }
        }
        return sb.toString();
    }
}
