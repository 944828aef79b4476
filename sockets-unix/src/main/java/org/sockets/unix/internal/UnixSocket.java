package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Deadline;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Endpoint;
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
 * A Unix-domain endpoint of any type on a non-blocking descriptor, through FFM.
 *
 * <p>Every call tries the operation first; on {@code EAGAIN} the calling thread parks until the
 * {@link Poller} reports readiness, the deadline passes or the endpoint closes, then tries again.
 * A virtual thread therefore waits unmounted, and no carrier is ever held in a native call (each
 * call returns at once). One reader and one writer at a time: each direction has a lock and its
 * own native buffers, so a call allocates nothing native.
 */
final class UnixSocket implements UnixEndpoint {

    /** Where the endpoint is in its life. */
    private enum State {
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

    /** Stream sends and receives go through a native buffer of at most this size per call. */
    private static final int STREAM_CHUNK = 256 * 1024;
    /** The longest single park for conditions epoll does not report (full backlog, full peer queue). */
    private static final long POLL_FALLBACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int MAX_FDS = 253;
    /**
     * How often a virtual thread yields and retries before it parks (system property
     * {@code org.sockets.unix.spins}, default 2; see docs/decisions/2026-11-26-unix-poller.md).
     */
    private static final int SPINS = Math.max(0, Integer.getInteger("org.sockets.unix.spins", 2));
    private static final int SO_ACCEPTCONN = 30;
    /** A platform thread's wait when poll(2) cannot tell (full backlog, full unconnected peer). */
    private static final long UNINFORMATIVE_WAIT_NANOS = 1_000_000;

    private static final Set<SocketOption<?>> OPTIONS = Set.of(Options.SO_PEERCRED, Options.SO_SNDBUF, Options.SO_RCVBUF);

    /** Native scratch space for one direction, guarded by its lock. */
    private static final class Io {
        final ReentrantLock lock = new ReentrantLock();
        final Arena arena = Arena.ofAuto();
        final MemorySegment st = Native.captureSegment(arena);
        final MemorySegment addr = arena.allocate(Native.SOCKADDR_UN_SIZE + 2, 8);
        final MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
        final MemorySegment msg = arena.allocate(Native.MSGHDR_SIZE, 8);
        final MemorySegment iov = arena.allocate(Native.IOVEC_SIZE, 8);
        /** Two pollfds (the descriptor, the close eventfd) for a platform thread's wait. */
        final MemorySegment pfds = arena.allocate(2 * Native.POLLFD_SIZE, 8);
        MemorySegment buf = MemorySegment.NULL;
        MemorySegment control = MemorySegment.NULL;

        MemorySegment buffer(long size) {
            if (buf.byteSize() < size) {
                buf = Arena.ofAuto().allocate(Math.max(size, 4096), 8);
            }
            return buf;
        }

        MemorySegment control(long size) {
            if (control.byteSize() < size) {
                control = Arena.ofAuto().allocate(size, 8);
            }
            return control;
        }
    }

    /** One attempt of an operation: a result of at least 0, or -1 with errno in {@code io.st}. */
    private interface Attempt {
        /**
         * Makes the call once.
         *
         * @param io   the direction's scratch, its lock held
         * @param wait flags for the call: {@code MSG_DONTWAIT}, or 0 when this thread may block
         *             in it (a blocking descriptor; see {@link FdHandle}); calls with no flags
         *             argument (accept, connect) are only made on non-blocking descriptors
         * @param buf  the caller's buffer, passed through (so that the attempts of the hot paths
         *             are made once per endpoint, not allocated per call), or null
         * @return the result, or -1 with errno captured
         * @throws IOException if the arguments are refused before the call
         */
        long run(Io io, int wait, ByteBuffer buf) throws IOException;
    }

    private final SocketType type;
    private final FdHandle handle;
    private final Object stateLock = new Object();
    private final Io in = new Io();
    private final Io out = new Io();

    private volatile State state;
    private volatile Duration timeout;
    private volatile Address local;
    private volatile Address peer;
    /** The socket file this endpoint created, and its file key, removed at close if unchanged. */
    private volatile Path createdFile;
    private volatile Object createdFileKey;

    /** Closes the descriptors of endpoints dropped without close (a caller's bug, mended late). */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private UnixSocket(SocketType type, FdHandle handle, State state) {
        this.type = type;
        this.handle = handle;
        this.state = state;
        // The action holds the handle, never this endpoint; a socket file of a dropped endpoint
        // stays (only close() knows it may remove it).
        CLEANER.register(this, handle::close);
    }

    /**
     * The C socket type of a type.
     *
     * @param type the type
     * @return SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
     */
    static int nativeType(SocketType type) {
        return switch (type) {
            case STREAM -> Native.SOCK_STREAM;
            case DGRAM -> Native.SOCK_DGRAM;
            case SEQPACKET -> Native.SOCK_SEQPACKET;
        };
    }

    static UnixSocket open(SocketType type) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            // A datagram socket blocks in no call but recv (connect does not wait on AF_UNIX): it
            // is blocking from the start. A stream or seqpacket socket becomes blocking once
            // connected; until then connect and accept need it non-blocking.
            boolean blocking = type == SocketType.DGRAM;
            int fd = Native.socket(st, Native.AF_UNIX, nativeType(type) | (blocking ? 0 : Native.SOCK_NONBLOCK) | Native.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Errors.of(Native.errno(st), "socket", "UNIX/" + type);
            }
            return new UnixSocket(type, FdHandle.of(fd, blocking, true), State.OPEN);
        }
    }

    static UnixSocket[] pair(SocketType type) throws IOException {
        int fd0;
        int fd1;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment sv = a.allocate(ValueLayout.JAVA_INT, 2);
            if (Native.socketpair(st, Native.AF_UNIX, nativeType(type) | Native.SOCK_CLOEXEC, 0, sv) < 0) {
                throw Errors.of(Native.errno(st), "socketpair", "UNIX/" + type);
            }
            fd0 = sv.getAtIndex(ValueLayout.JAVA_INT, 0);
            fd1 = sv.getAtIndex(ValueLayout.JAVA_INT, 1);
        }
        FdHandle h0;
        try {
            h0 = FdHandle.of(fd0, true, true);
        } catch (IOException | RuntimeException e) {
            Native.closeQuietly(fd1);
            throw e;
        }
        FdHandle h1;
        try {
            h1 = FdHandle.of(fd1, true, true);
        } catch (IOException | RuntimeException e) {
            h0.close();
            throw e;
        }
        UnixSocket s0 = new UnixSocket(type, h0, State.CONNECTED);
        UnixSocket s1 = new UnixSocket(type, h1, State.CONNECTED);
        s0.local = s1.local = s0.peer = s1.peer = Address.unnamed();
        return new UnixSocket[] {s0, s1};
    }

    /**
     * Makes an endpoint of a received socket descriptor (ours from now on).
     *
     * @param fd   a fresh duplicate, owned by this call
     * @param from the descriptor, for messages
     * @return the endpoint
     * @throws IOException if it is not a Unix-domain socket (the duplicate is closed)
     */
    static UnixSocket adopt(int fd, Object from) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment val = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            if (Native.getsockopt(st, fd, Native.SOL_SOCKET, Native.SO_DOMAIN, val, len) < 0) {
                int e = Native.errno(st);
                Native.closeQuietly(fd);
                throw new IOException("toEndpoint: " + from + " is not a socket: " + Errors.name(e) + "; use openChannel()");
            }
            int domain = val.get(ValueLayout.JAVA_INT, 0);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            Native.getsockopt(st, fd, Native.SOL_SOCKET, Native.SO_TYPE, val, len);
            int t = val.get(ValueLayout.JAVA_INT, 0);
            SocketType type = t == Native.SOCK_STREAM ? SocketType.STREAM : t == Native.SOCK_DGRAM ? SocketType.DGRAM
                    : t == Native.SOCK_SEQPACKET ? SocketType.SEQPACKET : null;
            if (domain != Native.AF_UNIX || type == null) {
                Native.closeQuietly(fd);
                throw new IOException("toEndpoint: " + from + " is a socket of family " + domain + ", type " + t
                        + "; only Unix-domain (family 1) STREAM, DGRAM and SEQPACKET sockets are supported");
            }
            len.set(ValueLayout.JAVA_INT, 0, 4);
            Native.getsockopt(st, fd, Native.SOL_SOCKET, SO_ACCEPTCONN, val, len);
            boolean listening = val.get(ValueLayout.JAVA_INT, 0) != 0;
            // The open file description is shared with the sender: making it non-blocking is what
            // lets us wait without holding a thread; the sender should not keep using its copy.
            int fl = Native.fcntl(st, fd, Native.F_GETFL, 0);
            if (fl < 0 || Native.fcntl(st, fd, Native.F_SETFL, fl | Native.O_NONBLOCK) < 0) {
                int e = Native.errno(st);
                Native.closeQuietly(fd);
                throw Errors.of(e, "fcntl(O_NONBLOCK)", from);
            }
            UnixSocket s = new UnixSocket(type, FdHandle.of(fd, false, false), State.OPEN);
            s.local = s.sockName(Native::getsockname).orElse(Address.unnamed());
            Optional<Address> p = s.sockName(Native::getpeername);
            if (listening) {
                s.state = State.LISTENING;
            } else if (p.isPresent()) {
                s.peer = p.get();
                s.state = State.CONNECTED;
            } else if (!(s.local instanceof Address.UnixUnnamed)) {
                s.state = State.BOUND;
            }
            Sockets.defaultTimeout().ifPresent(s::timeout);
            return s;
        }
    }

    @Override
    public Family family() {
        return Family.UNIX;
    }

    @Override
    public SocketType type() {
        return type;
    }

    // ---------------------------------------------------------------- the wait loop

    private long io(boolean read, Supplier<String> what, long maxPark, Attempt attempt, ErrnoMapper errors) throws IOException {
        return io(read, what, maxPark, null, attempt, errors);
    }

    private long io(boolean read, Supplier<String> what, long maxPark, ByteBuffer buf, Attempt attempt, ErrnoMapper errors) throws IOException {
        return io(read, what, callDeadline(), maxPark, buf, attempt, errors);
    }

    /**
     * The deadline of a plain call starting now: the endpoint's timeout, or none. A timeout too
     * long for the clock is none ({@link Deadline#after} saturates), never an overflow.
     */
    private Deadline callDeadline() {
        Duration t = timeout;
        return t == null ? Deadline.none() : Deadline.after(t);
    }

    private long io(boolean read, Supplier<String> what, Deadline deadline, long maxPark, ByteBuffer buf, Attempt attempt,
            ErrnoMapper errors) throws IOException {
        Io io = read ? in : out;
        boolean wasOpen = handle.isOpen();
        lock(io, what, deadline);
        try {
            if (!handle.acquire()) {
                throw wasOpen ? new AsynchronousCloseException() : closed(what.get());
            }
            try {
                // Bounded: every pass either returns, throws, yields (at most SPINS times), or
                // parks until an event, the deadline or close; EINTR needs a signal each time.
                int spins = 0;
                boolean virtual = Thread.currentThread().isVirtual();
                // A platform thread with no timeout blocks in the call itself where it can.
                boolean inKernel = !virtual && !deadline.isBounded() && maxPark == 0;
                boolean polledReady = false;
                while (true) {
                    if (!handle.isOpen()) {
                        // Closed by another thread since the last attempt: do not start another.
                        throw new AsynchronousCloseException();
                    }
                    if (inKernel && handle.blocking()) {
                        long r = blockInKernel(read, io, buf, attempt, errors);
                        if (r >= 0) {
                            return r;
                        }
                        // The descriptor was shared meanwhile: wait the non-blocking way.
                    }
                    int seq = handle.seq(read);
                    long r = outcome(attempt.run(io, Native.MSG_DONTWAIT, buf));
                    if (r >= 0) {
                        return r;
                    }
                    int e = Native.errno(io.st);
                    if (e == Native.EINTR) {
                        continue;
                    }
                    if (e != Native.EAGAIN) {
                        throw errors.map(e);
                    }
                    if (spins < SPINS && virtual) {
                        // A peer on the other carrier often answers within microseconds: letting
                        // other virtual threads run once is cheaper than a park and a wake-up
                        // through the poller thread.
                        spins++;
                        Thread.yield();
                        continue;
                    }
                    if (virtual) {
                        handle.await(read, seq, deadline, maxPark, what, this::close);
                    } else {
                        // A platform thread waits in its own poll(2): no hand-off to the poller
                        // thread and back (see docs/decisions/2026-11-26-unix-poller.md).
                        // poll(2) cannot see a full listen backlog or a full unconnected peer
                        // (maxPark > 0): POLLOUT is reported at once. When a wait said "ready" and
                        // the call still would block, the next one waits up to 1 ms for close only.
                        boolean uninformative = polledReady && maxPark > 0;
                        polledReady = handle.awaitBlocking(read, !uninformative, io.pfds, io.st, deadline,
                                uninformative ? Math.min(maxPark, UNINFORMATIVE_WAIT_NANOS) : maxPark, what, this::close)
                                && !uninformative;
                    }
                }
            } finally {
                handle.release();
            }
        } finally {
            io.lock.unlock();
            // Keeps this endpoint reachable while a call on it waits, so the cleaner cannot close
            // it under a caller that holds it only through this frame (open(...).connect(...).recv()).
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    /**
     * Makes the call block in the kernel (a platform thread, no timeout, a blocking descriptor
     * only we hold): one system call per message, as the JDK's own channels make. The call runs
     * in slices of SO_RCVTIMEO / SO_SNDTIMEO; between slices the interrupt flag is checked, since
     * Thread.interrupt() does not end a system call. {@link FdHandle#close()} ends the call with
     * shutdown(2). The caller holds a use and the direction's lock.
     *
     * @return the result, or -1 if the descriptor stopped being blocking (it was shared)
     */
    private long blockInKernel(boolean read, Io io, ByteBuffer buf, Attempt attempt, ErrnoMapper errors) throws IOException {
        Thread me = Thread.currentThread();
        handle.ensureSlices(io.st);
        // Bounded: each pass returns, throws, or ends a slice (EAGAIN) or a signal (EINTR).
        while (handle.blocking()) {
            if (me.isInterrupted()) {
                close();
                throw new ClosedByInterruptException();
            }
            // The use held since io() is what lets close() see this call and shut it down.
            long r;
            handle.enterKernel();
            try {
                r = attempt.run(io, 0, buf);
            } finally {
                handle.leaveKernel(io.st);
            }
            if (outcome(r) >= 0) {
                return r;
            }
            int e = Native.errno(io.st);
            if (e != Native.EAGAIN && e != Native.EINTR) {
                throw errors.map(e);
            }
        }
        return -1;
    }

    /**
     * An attempt's result as the caller sees it. Bytes moved are the caller's even if a close came
     * meanwhile, as the JDK's channels count them: data received, or bytes sent that the peer will
     * read (sendAll's next call then meets the close). Otherwise a close since the caller's
     * open-check may have shut the socket down (FdHandle.close does so while any call holds a
     * use): its 0 or EPIPE is not the peer's, and the call ends as the close.
     *
     * @return {@code r}: the count, 0, or -1 to read errno
     */
    private long outcome(long r) throws AsynchronousCloseException {
        if (r <= 0 && !handle.isOpen()) {
            throw new AsynchronousCloseException();
        }
        return r;
    }

    /** Maps a failed call's errno to its exception. */
    private interface ErrnoMapper {
        /**
         * The exception for an errno.
         *
         * @param errno the error
         * @return the exception to throw
         */
        IOException map(int errno);
    }

    /** Takes the direction's turn; waiting for it counts against the call's deadline. */
    private void lock(Io io, Supplier<String> what, Deadline deadline) throws IOException {
        try {
            if (!deadline.isBounded()) {
                io.lock.lockInterruptibly();
            } else if (!io.lock.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw deadline.timedOut(what.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ClosedByInterruptException();
        }
    }

    private ErrnoMapper on(String op) {
        return e -> switch (e) {
            case Native.EPIPE -> new SocketException(op + " on " + this + ": " + Errors.name(e)
                    + ": the connection is closed for sending (the peer closed, or shutdown(WRITE) here)");
            case Native.ECONNRESET -> new SocketException(op + " on " + this + ": " + Errors.name(e));
            default -> Errors.of(e, op + " on", this);
        };
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
            if (!handle.acquire()) {
                throw closed("bind");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment st = Native.captureSegment(a);
                MemorySegment sa = a.allocate(Native.SOCKADDR_UN_SIZE + 2, 8);
                int len = SockAddr.encode(address, sa, "bind");
                int r = Native.bind(st, handle.fd, sa, len);
                if (r < 0 && Native.errno(st) == Native.EADDRINUSE && address instanceof Address.UnixPath p) {
                    if (options.stale() == BindOptions.StaleFile.REPLACE && removeIfStale(p.path())) {
                        r = Native.bind(st, handle.fd, sa, len);
                    } else if (r < 0 && Native.errno(st) == Native.EADDRINUSE) {
                        throw new BindException("bind " + p.path() + ": " + Errors.name(Native.EADDRINUSE) + "; "
                                + (options.stale() == BindOptions.StaleFile.REPLACE
                                        ? "a live socket or a file that is not a socket is there"
                                        : "a file exists there: if a process that died left it, remove it or bind with BindOptions.defaults().replaceStale()"));
                    }
                }
                if (r < 0) {
                    throw Errors.of(Native.errno(st), "bind", address);
                }
                if (address instanceof Address.UnixPath p) {
                    createdFile = p.path();
                    try {
                        if (options.mode().isPresent()) {
                            Files.setPosixFilePermissions(p.path(), options.mode().get());
                        }
                        createdFileKey = Files.readAttributes(p.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                    } catch (IOException | RuntimeException e) {
                        removeCreatedFile();
                        throw e;
                    }
                }
                this.local = sockName(Native::getsockname).orElse(address);
                state = State.BOUND;
            } finally {
                handle.release();
            }
        }
        return this;
    }

    /**
     * Removes a socket file that nobody listens on.
     *
     * @return {@code true} if one was removed
     */
    private boolean removeIfStale(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
        if (!attrs.isOther()) {
            return false; // a regular file, a directory or a link is never ours to delete
        }
        try (UnixSocket probe = open(type)) {
            // Bounded: a live listener with a full backlog makes connect wait; that is live too.
            probe.timeout(Duration.ofSeconds(1)).connect(Address.unix(path));
            return false; // someone listens: a live socket
        } catch (ConnectException refused) {
            return Files.deleteIfExists(path);
        } catch (IOException other) {
            return false;
        }
    }

    @Override
    public Endpoint listen(int backlog) throws IOException {
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
            if (!handle.acquire()) {
                throw closed("listen");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment st = Native.captureSegment(a);
                if (Native.listen(st, handle.fd, backlog) < 0) {
                    throw Errors.of(Native.errno(st), "listen on", this);
                }
                local = sockName(Native::getsockname).orElse(Address.unnamed());
                state = State.LISTENING;
            } finally {
                handle.release();
            }
        }
        return this;
    }

    @Override
    public Endpoint accept() throws IOException {
        if (type == SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("accept: UNIX/DGRAM endpoints have no connections");
        }
        if (state != State.LISTENING) {
            requireState("accept", State.LISTENING);
        }
        Supplier<String> what = () -> "accept on " + this;
        Address[] peerAddr = new Address[1];
        int fd = (int) io(true, what, 0, (io, wait, unused) -> {
            io.len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
            // Blocking: a connection only we hold (see FdHandle).
            int r = Native.accept4(io.st, handle.fd, io.addr, io.len, Native.SOCK_CLOEXEC);
            if (r >= 0) {
                // Decoded here, under the read lock: the scratch is the next reader's once released.
                peerAddr[0] = SockAddr.decode(io.addr, io.len.get(ValueLayout.JAVA_INT, 0));
            }
            return r;
        }, on("accept"));
        Address from = peerAddr[0];
        UnixSocket conn = new UnixSocket(type, FdHandle.of(fd, true, true), State.CONNECTED);
        conn.peer = from;
        conn.local = local;
        Sockets.defaultTimeout().ifPresent(conn::timeout);
        return conn;
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
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
            io(false, what, POLL_FALLBACK_NANOS, (io, wait, unused) -> {
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
                local = sockName(Native::getsockname).orElse(Address.unnamed());
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

    // ---------------------------------------------------------------- data

    private boolean messages() {
        return type != SocketType.STREAM;
    }

    /** Copies up to {@code max} bytes of {@code src} (from its position, not moving it) into native memory. */
    private static MemorySegment source(Io io, ByteBuffer src, int n) {
        if (src.isDirect()) {
            return MemorySegment.ofBuffer(src);
        }
        MemorySegment b = io.buffer(n);
        MemorySegment.copy(MemorySegment.ofBuffer(src), 0, b, 0, n);
        return b;
    }

    private static MemorySegment target(Io io, ByteBuffer dst, int n) {
        if (dst.isReadOnly()) {
            // As the JDK's channels (and the other transports) refuse one: before anything is received.
            throw new IllegalArgumentException("recv: the buffer is read-only");
        }
        return dst.isDirect() ? MemorySegment.ofBuffer(dst) : io.buffer(n);
    }

    private static void deliver(MemorySegment from, ByteBuffer dst, int n) {
        if (!dst.isDirect()) {
            MemorySegment.copy(from, 0, MemorySegment.ofBuffer(dst), 0, n);
        }
        dst.position(dst.position() + n);
    }

    private int chunk(ByteBuffer b) {
        return messages() ? b.remaining() : Math.min(b.remaining(), STREAM_CHUNK);
    }

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, callDeadline());
    }

    @Override
    public int send(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        requireConnected("send");
        return sendLoop(src, false, deadline);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        sendAll(src, callDeadline());
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        requireConnected("sendAll");
        sendLoop(src, true, deadline);
    }

    // The hot paths' attempts, messages and error mappers, made once per endpoint.
    private final Attempt sendAttempt = (io, wait, src) -> {
        int len = chunk(src);
        MemorySegment b = source(io, src, len);
        return Native.sendto(io.st, fd(), b, len, Native.MSG_NOSIGNAL | wait, MemorySegment.NULL, 0);
    };
    private final Attempt streamRecvAttempt = (io, wait, dst) -> {
        int n = chunk(dst);
        MemorySegment b = target(io, dst, n);
        long r = Native.recvfrom(io.st, fd(), b, n, wait, MemorySegment.NULL, MemorySegment.NULL);
        if (r >= 0) {
            deliver(b, dst, (int) Math.min(r, n));
        }
        return r;
    };
    private final Supplier<String> sendWhat = () -> "send on " + this;
    private final Supplier<String> sendAllWhat = () -> "sendAll on " + this;
    private final Supplier<String> recvWhat = () -> "recv on " + this;
    private final ErrnoMapper onSend = on("send");
    private final ErrnoMapper onSendAll = on("sendAll");
    private final ErrnoMapper onRecv = on("recv");

    /** The descriptor number, for the attempts above (a field initializer cannot name the final field). */
    private int fd() {
        return handle.fd;
    }

    private int sendLoop(ByteBuffer src, boolean all, Deadline deadline) throws IOException {
        Supplier<String> what = all ? sendAllWhat : sendWhat;
        ErrnoMapper errors = all ? onSendAll : onSend;
        int total = 0;
        // Bounded: each pass sends at least one byte or waits within the deadline.
        do {
            int n = (int) io(false, what, deadline, messages() ? POLL_FALLBACK_NANOS : 0, src, sendAttempt, errors);
            src.position(src.position() + n);
            total += n;
            // A close during sendAll ends it as the close's exception; the buffer's position
            // says how much was sent before it.
            if (all && src.hasRemaining() && !handle.isOpen()) {
                throw new AsynchronousCloseException();
            }
        } while (all && src.hasRemaining());
        return total;
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
        if (type != SocketType.DGRAM) {
            requireConnected("recv");
        } else {
            requireOpen("recv");
        }
        if (messages()) {
            // recv returns only a count: a cut datagram or packet can only be told by an exception
            // (the Endpoint contract; Python cuts silently).
            int start = dst.position();
            Received r = receiveFrom(dst, "recv", deadline);
            if (r.truncated()) {
                byte[] kept = new byte[r.length()];
                dst.get(start, kept);
                throw new DatagramTruncatedException("recv on " + this + ": " + (type == SocketType.DGRAM ? "datagram" : "packet")
                        + " of " + r.originalLength() + " bytes from " + r.sender() + " truncated to the " + r.length()
                        + " bytes of space given", new Datagram(kept, r.sender(), r.originalLength()));
            }
            return r.length();
        }
        return (int) io(true, recvWhat, deadline, 0, dst, streamRecvAttempt, onRecv);
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
        int n = (int) io(false, () -> "sendTo " + to + " on " + this, deadline, POLL_FALLBACK_NANOS, null, (io, wait, unused) -> {
            int alen = SockAddr.encode(to, io.addr, "sendTo");
            int len = src.remaining();
            MemorySegment b = source(io, src, len);
            return Native.sendto(io.st, handle.fd, b, len, Native.MSG_NOSIGNAL | wait, io.addr, alen);
        }, e -> e == Native.EMSGSIZE
                ? new SocketException("sendTo " + to + ": " + Errors.name(e) + ": a datagram of " + src.remaining() + " bytes is larger than the socket's send buffer allows")
                : Errors.of(e, "sendTo", to));
        src.position(src.position() + n);
        return n;
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
        if (type != SocketType.DGRAM) {
            requireConnected("recvFrom");
        } else {
            requireOpen("recvFrom");
        }
        return receiveFrom(dst, "recvFrom", deadline);
    }

    /** One receive with the sender and, on message types, the real length (MSG_TRUNC). */
    private Received receiveFrom(ByteBuffer dst, String op, Deadline deadline) throws IOException {
        int[] got = new int[2];
        Address[] sender = new Address[1];
        io(true, () -> op + " on " + this, deadline, 0, null, (io, wait, unused) -> {
            int n = chunk(dst);
            MemorySegment b = target(io, dst, n);
            io.len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
            // MSG_TRUNC: datagram sockets return the real length, so truncation is reported.
            long r = Native.recvfrom(io.st, handle.fd, b, n, wait | (messages() ? Native.MSG_TRUNC : 0), io.addr, io.len);
            if (r >= 0) {
                got[0] = (int) Math.min(r, n);
                got[1] = (int) r;
                sender[0] = sender(io.addr, io.len.get(ValueLayout.JAVA_INT, 0));
                deliver(b, dst, got[0]);
            }
            return r;
        }, on(op));
        return new Received(got[0], sender[0], got[1]);
    }

    /** The sender the kernel reported; on connection-oriented sockets it reports none: the peer. */
    private Address sender(MemorySegment addr, int len) {
        Address a = SockAddr.decode(addr, len);
        if (a instanceof Address.UnixUnnamed && type != SocketType.DGRAM && peer != null) {
            return peer;
        }
        return a;
    }

    // ---------------------------------------------------------------- descriptors

    @Override
    public int sendFds(ByteBuffer src, List<? extends Descriptor> fds) throws IOException {
        requireConnected("sendFds");
        return sendFds("sendFds", src, fds, null);
    }

    @Override
    public int sendFdsTo(ByteBuffer src, List<? extends Descriptor> fds, Address to) throws IOException {
        Objects.requireNonNull(to, "to");
        if (type != SocketType.DGRAM) {
            throw new UnsupportedEndpointOperationException("sendFdsTo: UNIX/" + type + " endpoints are connection-oriented; use sendFds");
        }
        requireOpen("sendFdsTo");
        SockAddr.check(to, "sendFdsTo");
        return sendFds("sendFdsTo " + to, src, fds, to);
    }

    private int sendFds(String op, ByteBuffer src, List<? extends Descriptor> fds, Address to) throws IOException {
        Objects.requireNonNull(fds, "fds");
        if (fds.size() > MAX_FDS) {
            throw new IllegalArgumentException(op + ": " + fds.size() + " descriptors; the kernel takes at most " + MAX_FDS + " per message");
        }
        if (type == SocketType.STREAM && !src.hasRemaining()) {
            throw new IllegalArgumentException(op + ": a stream socket carries descriptors only with data: send at least one byte");
        }
        List<NativeDescriptor> held = new ArrayList<>(fds.size());
        int[] numbers = new int[fds.size()];
        try {
            for (Descriptor d : fds) {
                if (!(d instanceof NativeDescriptor nd)) {
                    throw new IllegalArgumentException(op + ": " + d + " is not a descriptor of this module; make one with Descriptor.open / of / duplicate");
                }
                numbers[held.size()] = nd.acquireFd(op);
                held.add(nd);
            }
            int n = (int) io(false, () -> op + " on " + this, messages() ? POLL_FALLBACK_NANOS : 0, (io, wait, unused) -> {
                int len = chunk(src);
                MemorySegment b = source(io, src, len);
                MemorySegment msg = io.msg;
                msg.fill((byte) 0);
                if (to != null) {
                    int alen = SockAddr.encode(to, io.addr, op);
                    msg.set(ValueLayout.ADDRESS, Native.MSG_NAME, io.addr);
                    msg.set(ValueLayout.JAVA_INT, Native.MSG_NAMELEN, alen);
                }
                io.iov.set(ValueLayout.ADDRESS, 0, b);
                io.iov.set(ValueLayout.JAVA_LONG, 8, len);
                msg.set(ValueLayout.ADDRESS, Native.MSG_IOV, io.iov);
                msg.set(ValueLayout.JAVA_LONG, Native.MSG_IOVLEN, 1);
                if (numbers.length > 0) {
                    long space = Native.cmsgSpace(4L * numbers.length);
                    MemorySegment c = io.control(space);
                    c.asSlice(0, space).fill((byte) 0);
                    c.set(ValueLayout.JAVA_LONG, 0, Native.cmsgLen(4L * numbers.length));
                    c.set(ValueLayout.JAVA_INT, Native.CMSG_LEVEL, Native.SOL_SOCKET);
                    c.set(ValueLayout.JAVA_INT, Native.CMSG_TYPE, Native.SCM_RIGHTS);
                    for (int i = 0; i < numbers.length; i++) {
                        c.set(ValueLayout.JAVA_INT, Native.CMSG_DATA + 4L * i, numbers[i]);
                    }
                    msg.set(ValueLayout.ADDRESS, Native.MSG_CONTROL, c);
                    msg.set(ValueLayout.JAVA_LONG, Native.MSG_CONTROLLEN, space);
                }
                return Native.sendmsg(io.st, handle.fd, msg, Native.MSG_NOSIGNAL | wait);
            }, to == null ? on(op) : e -> Errors.of(e, op, to));
            src.position(src.position() + n);
            return n;
        } finally {
            for (NativeDescriptor d : held) {
                d.releaseFd();
            }
        }
    }

    @Override
    public FdMessage recvFds(ByteBuffer dst, int maxFds) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recvFds: the buffer has no space remaining");
        }
        if (maxFds < 1 || maxFds > MAX_FDS) {
            throw new IllegalArgumentException("recvFds: maxFds must be 1 to " + MAX_FDS + ", not " + maxFds);
        }
        if (type != SocketType.DGRAM) {
            requireConnected("recvFds");
        } else {
            requireOpen("recvFds");
        }
        long space = Native.cmsgSpace(4L * maxFds);
        int[] got = new int[4];
        Address[] sender = new Address[1];
        List<Integer> received = new ArrayList<>();
        try {
            io(true, () -> "recvFds on " + this, 0, (io, wait, unused) -> {
                int n = chunk(dst);
                MemorySegment b = target(io, dst, n);
                MemorySegment msg = io.msg;
                msg.fill((byte) 0);
                MemorySegment c = io.control(space);
                c.asSlice(0, space).fill((byte) 0);
                msg.set(ValueLayout.ADDRESS, Native.MSG_NAME, io.addr);
                msg.set(ValueLayout.JAVA_INT, Native.MSG_NAMELEN, Native.SOCKADDR_UN_SIZE);
                io.iov.set(ValueLayout.ADDRESS, 0, b);
                io.iov.set(ValueLayout.JAVA_LONG, 8, n);
                msg.set(ValueLayout.ADDRESS, Native.MSG_IOV, io.iov);
                msg.set(ValueLayout.JAVA_LONG, Native.MSG_IOVLEN, 1);
                msg.set(ValueLayout.ADDRESS, Native.MSG_CONTROL, c);
                // CMSG_LEN, not CMSG_SPACE: with the padding the kernel would fit one more descriptor
                // when maxFds is odd (Python's recv_fds asks for CMSG_LEN too).
                msg.set(ValueLayout.JAVA_LONG, Native.MSG_CONTROLLEN, Native.cmsgLen(4L * maxFds));
                long r = Native.recvmsg(io.st, handle.fd, msg, wait | Native.MSG_CMSG_CLOEXEC | (messages() ? Native.MSG_TRUNC : 0));
                if (r >= 0) {
                    got[0] = (int) Math.min(r, n);
                    got[1] = (int) r;
                    sender[0] = sender(io.addr, msg.get(ValueLayout.JAVA_INT, Native.MSG_NAMELEN));
                    got[3] = msg.get(ValueLayout.JAVA_INT, Native.MSG_FLAGS);
                    long clen = Math.min(msg.get(ValueLayout.JAVA_LONG, Native.MSG_CONTROLLEN), space);
                    // Walk the control messages (CMSG_FIRSTHDR / CMSG_NXTHDR), bounded by the length.
                    long off = 0;
                    while (off + Native.CMSG_DATA <= clen) {
                        long l = c.get(ValueLayout.JAVA_LONG, off);
                        if (l < Native.CMSG_DATA || off + l > clen) {
                            break;
                        }
                        if (c.get(ValueLayout.JAVA_INT, off + Native.CMSG_LEVEL) == Native.SOL_SOCKET
                                && c.get(ValueLayout.JAVA_INT, off + Native.CMSG_TYPE) == Native.SCM_RIGHTS) {
                            for (long p = off + Native.CMSG_DATA; p + 4 <= off + l; p += 4) {
                                received.add(c.get(ValueLayout.JAVA_INT, p));
                            }
                        }
                        off += (l + 7) & ~7L;
                    }
                    deliver(b, dst, got[0]);
                }
                return r;
            }, on("recvFds"));
        } catch (IOException | RuntimeException e) {
            // A message taken just as a close came (its call then ends as the close's exception)
            // may have carried descriptors: they are ours now, and nobody else will close them.
            for (int fd : received) {
                Native.closeQuietly(fd);
            }
            throw e;
        }
        List<Descriptor> descriptors = new ArrayList<>(received.size());
        for (int fd : received) {
            descriptors.add(new NativeDescriptor(fd));
        }
        Address from = sender[0];
        boolean truncated = (got[3] & Native.MSG_TRUNC) != 0 || got[1] > got[0];
        return new FdMessage(got[0], descriptors, from, truncated, (got[3] & Native.MSG_CTRUNC) != 0);
    }

    /** A duplicate of this socket's descriptor, for {@link Descriptor#of}. */
    int duplicateFd() throws IOException {
        if (!handle.acquire()) {
            throw closed("Descriptor.of");
        }
        try {
            try (Arena a = Arena.ofConfined()) {
                handle.share(Native.captureSegment(a));
            }
            // A close between our acquire and share() saw an exclusive socket and may have shut it
            // down: never hand that out as a live descriptor.
            if (!handle.isOpen()) {
                throw closed("Descriptor.of");
            }
            return NativeDescriptor.dup(handle.fd, this);
        } finally {
            handle.release();
        }
    }

    // ---------------------------------------------------------------- shutdown, names, options

    @Override
    public void shutdown(Shutdown how) throws IOException {
        requireConnected("shutdown");
        if (!handle.acquire()) {
            throw closed("shutdown");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            int h = switch (how) {
                case READ -> Native.SHUT_RD;
                case WRITE -> Native.SHUT_WR;
                case BOTH -> Native.SHUT_RDWR;
            };
            if (Native.shutdown(st, handle.fd, h) < 0) {
                throw Errors.of(Native.errno(st), "shutdown(" + how + ") on", this);
            }
        } finally {
            handle.release();
        }
    }

    /** A name call (getsockname or getpeername). */
    private interface NameCall {
        /**
         * Calls it.
         *
         * @param st   errno capture
         * @param fd   the socket
         * @param addr where the name goes
         * @param len  its size in, the name's length out
         * @return 0, or -1 on failure
         */
        int call(MemorySegment st, int fd, MemorySegment addr, MemorySegment len);
    }

    /** The address a name call reports, or empty if it fails (not connected). Caller holds a use or the fd is fresh. */
    private Optional<Address> sockName(NameCall call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment sa = a.allocate(Native.SOCKADDR_UN_SIZE + 2, 8);
            MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
            if (call.call(st, handle.fd, sa, len) < 0) {
                return Optional.empty();
            }
            return Optional.of(SockAddr.decode(sa, len.get(ValueLayout.JAVA_INT, 0)));
        }
    }

    @Override
    public Address localAddress() throws IOException {
        if (!handle.acquire()) {
            throw closed("localAddress");
        }
        try {
            return sockName(Native::getsockname).orElse(Address.unnamed());
        } finally {
            handle.release();
        }
    }

    @Override
    public Address peerAddress() throws IOException {
        if (!handle.acquire()) {
            throw closed("peerAddress");
        }
        try {
            Optional<Address> p = sockName(Native::getpeername);
            if (p.isEmpty()) {
                throw new EndpointStateException("peerAddress: " + this + " is not connected");
            }
            return p.get();
        } finally {
            handle.release();
        }
    }

    @Override
    public PeerCredentials peerCredentials() throws IOException {
        requireConnected("peerCredentials");
        if (!handle.acquire()) {
            throw closed("peerCredentials");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment cred = a.allocate(Native.UCRED_SIZE, 4);
            MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, (int) Native.UCRED_SIZE);
            if (Native.getsockopt(st, handle.fd, Native.SOL_SOCKET, Native.SO_PEERCRED, cred, len) < 0) {
                throw Errors.of(Native.errno(st), "getsockopt(SO_PEERCRED) on", this);
            }
            return new PeerCredentials(cred.get(ValueLayout.JAVA_INT, 0),
                    Integer.toUnsignedLong(cred.get(ValueLayout.JAVA_INT, 4)),
                    Integer.toUnsignedLong(cred.get(ValueLayout.JAVA_INT, 8)));
        } finally {
            handle.release();
        }
    }

    @Override
    public <T> Endpoint option(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        checkSupported(option);
        if (option == Options.SO_PEERCRED) {
            throw new UnsupportedEndpointOperationException("option SO_PEERCRED is read-only (the kernel records it at connect)");
        }
        int v = (Integer) value;
        if (v <= 0) {
            throw new IllegalArgumentException(option.name() + " must be positive, not " + v);
        }
        if (!handle.acquire()) {
            throw closed("option " + option.name());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment val = a.allocateFrom(ValueLayout.JAVA_INT, v);
            if (Native.setsockopt(st, handle.fd, Native.SOL_SOCKET, optName(option), val, 4) < 0) {
                throw Errors.of(Native.errno(st), "setsockopt(" + option.name() + ") on", this);
            }
        } finally {
            handle.release();
        }
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option");
        checkSupported(option);
        if (option == Options.SO_PEERCRED) {
            return option.type().cast(peerCredentials());
        }
        if (!handle.acquire()) {
            throw closed("option " + option.name());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Native.captureSegment(a);
            MemorySegment val = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = a.allocateFrom(ValueLayout.JAVA_INT, 4);
            if (Native.getsockopt(st, handle.fd, Native.SOL_SOCKET, optName(option), val, len) < 0) {
                throw Errors.of(Native.errno(st), "getsockopt(" + option.name() + ") on", this);
            }
            return option.type().cast(val.get(ValueLayout.JAVA_INT, 0));
        } finally {
            handle.release();
        }
    }

    private static int optName(SocketOption<?> option) {
        return option == Options.SO_SNDBUF ? Native.SO_SNDBUF : Native.SO_RCVBUF;
    }

    private void checkSupported(SocketOption<?> option) {
        if (!OPTIONS.contains(option)) {
            throw new UnsupportedEndpointOperationException("option " + option.name() + " is not supported on UNIX/" + type
                    + " endpoints (unix); supported: SO_PEERCRED, SO_SNDBUF, SO_RCVBUF");
        }
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
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
        removeCreatedFile();
        // Wakes every parked call; the descriptor itself is closed when the last one leaves.
        handle.close();
    }

    /** Removes the socket file bound here, unless it was replaced by another file meanwhile. */
    private void removeCreatedFile() {
        Path p = createdFile;
        if (p == null) {
            return;
        }
        createdFile = null;
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (createdFileKey == null || key == null || key.equals(createdFileKey)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // already gone, or its directory is: nothing of ours is left to remove
        }
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
            case CLOSED -> sb.append(" (closed)");
        }
        return sb.toString();
    }
}
