package org.sockets.udp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.Deadline;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.EndpointStateException;
import org.sockets.api.Family;
import org.sockets.api.Received;
import org.sockets.api.Shutdown;
import org.sockets.api.SocketType;
import org.sockets.api.UnsupportedEndpointOperationException;
import org.sockets.api.internal.EndpointWaits;
import org.sockets.api.internal.InetSupport;
import org.sockets.api.internal.ReadinessWait;
import org.sockets.api.spi.EndpointSupport;

/**
 * A UDP endpoint on a JDK {@link DatagramChannel}.
 *
 * <p><b>Truncation.</b> {@link DatagramChannel#receive} drops the tail of a datagram that does
 * not fit and does not say so. Every receive here goes into a per-endpoint direct scratch buffer
 * of {@value #SCRATCH_SIZE} bytes, larger than any UDP payload without IPv6 jumbograms, so the
 * datagram always arrives whole; then what fits is copied to the caller and the real length is
 * reported. For a heap buffer this costs nothing over the JDK, which itself receives into a
 * temporary direct buffer and copies. A direct caller buffer with at least
 * {@value #SCRATCH_SIZE} bytes remaining is received into straight away.
 *
 * <p><b>Blocking and timeouts.</b> As in {@code TcpEndpoint}: every call has one {@link Deadline}
 * (the caller's, or the endpoint's timeout) and holds its direction's turn; until the first
 * bounded call the channel is in blocking mode and calls go straight to the JDK; from then on it
 * is non-blocking and each call waits on its direction's {@link ReadinessWait}, until its
 * deadline or without limit. The read turn also guards the scratch buffer, so two receivers take
 * turns in both modes.
 *
 * <p><b>Connected mode.</b> {@code connect} fixes the peer; the kernel then drops datagrams from
 * anyone else. The JDK's connect also discards every datagram already queued; to keep those from
 * the new peer, connect first takes the queue (up to {@value Kept#MAX_KEPT} datagrams) and keeps the
 * peer's for the next receives. {@code connect} again moves to another peer (Python allows it;
 * the JDK needs a disconnect in between, done here).
 */
final class UdpEndpoint implements Endpoint {

    /** Scratch size: more than any datagram the kernel can hand us (see {@link Datagrams}). */
    static final int SCRATCH_SIZE = 65_536;

    private enum State { OPEN, BOUND, CONNECTED, CLOSED }

    private final Family family;
    private final DatagramChannel channel;
    private final Object stateLock = new Object();
    /**
     * The directions' turns and waits, and the channel's mode (see {@link EndpointWaits}); never
     * under stateLock: the JDK's configureBlocking waits for a blocking call in progress, and
     * close(), which takes stateLock, is what ends such a call.
     */
    private final EndpointWaits waits = new EndpointWaits(this);
    /** Guarded by stateLock. */
    private final Memberships memberships = new Memberships();
    private final Datagrams.Senders senders = new Datagrams.Senders();
    /** Guarded by the read turn; allocated on the first receive. */
    private ByteBuffer scratch;
    /** Datagrams from the peer that were queued when connect was called; guarded by the read turn. */
    private final Kept pending = new Kept();

    private volatile State state = State.OPEN;
    private volatile Duration timeout;
    private volatile Address.Ip peer;
    private volatile InetSocketAddress peerJdk;
    /** How this endpoint read just before close(), for the messages of calls that the close ends. */
    private volatile String shownBeforeClose;
    /** The local address once bound or connected (it no longer changes), for messages after a close. */
    private volatile SocketAddress localJdk;

    private UdpEndpoint(Family family, DatagramChannel channel) {
        this.family = family;
        this.channel = channel;
    }

    static UdpEndpoint open(Family family) throws IOException {
        return new UdpEndpoint(family, DatagramChannel.open(InetSupport.protocolFamily(family)));
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public SocketType type() {
        return SocketType.DGRAM;
    }

    // ---------------------------------------------------------------- set-up

    @Override
    public Endpoint bind(Address local) throws IOException {
        Objects.requireNonNull(local, "local");
        synchronized (stateLock) {
            requireState("bind", State.OPEN);
            if (channel.getLocalAddress() != null) {
                // sendTo and recvFrom bind implicitly, as in Python, where bind then fails with EINVAL.
                throw new EndpointStateException("bind: " + this + " is already bound to "
                        + InetSupport.fromJdk(channel.getLocalAddress()) + " (implicitly, by an earlier send or receive)");
            }
            InetSocketAddress jdk = InetSupport.toJdk(local, family, "bind");
            try {
                channel.bind(jdk);
            } catch (BindException e) {
                throw InetSupport.withCause(new BindException(e.getMessage() + ": " + local), e);
            } catch (AlreadyBoundException e) {
                throw new EndpointStateException("bind: " + this + " is already bound");
            }
            localJdk = channel.getLocalAddress();
            state = State.BOUND;
        }
        return this;
    }

    @Override
    public Endpoint listen(int backlog) {
        throw new UnsupportedEndpointOperationException("listen: " + family + "/DGRAM endpoints have no connections to accept; use recvFrom");
    }

    @Override
    public Endpoint accept() {
        throw new UnsupportedEndpointOperationException("accept: " + family + "/DGRAM endpoints have no connections to accept; use recvFrom");
    }

    @Override
    public Endpoint connect(Address remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        InetSocketAddress jdk = InetSupport.toJdk(remote, family, "connect");
        if (jdk.getPort() == 0) {
            throw new IllegalArgumentException("connect: port 0 is not a destination: " + remote);
        }
        // The read lock before stateLock, the order receive takes them in: connect waits for a
        // receive in progress (as the JDK's connect does) without holding what close() needs.
        try (ReadinessWait.Turn t = waits.read().turn(callDeadline(), () -> "connect to " + remote + " on " + this)) {
            synchronized (stateLock) {
                requireState("connect", State.OPEN, State.BOUND, State.CONNECTED);
                try {
                    keepQueuedFrom(jdk);
                    if (channel.isConnected()) {
                        channel.disconnect();
                    }
                    channel.connect(jdk);
                } catch (SocketException e) {
                    if (Datagrams.isPermissionDenied(e) && !Datagrams.broadcastEnabled(channel)) {
                        throw InetSupport.withCause(Datagrams.broadcastNeedsOption("connect", remote, this), e);
                    }
                    throw InetSupport.withCause(new SocketException(e.getMessage() + ": connect to " + remote), e);
                }
                peerJdk = jdk;
                peer = InetSupport.fromJdk(jdk);
                localJdk = channel.getLocalAddress();
                state = State.CONNECTED;
            }
        }
        return this;
    }

    /**
     * Takes the datagrams already queued from the new peer before {@link DatagramChannel#connect}
     * discards the whole queue (the JDK flushes it), so that a server that connects to a client
     * after its first datagram does not lose the client's next ones. Datagrams from anyone else
     * are dropped, as connect promises. Called with the read lock and stateLock held.
     */
    private void keepQueuedFrom(InetSocketAddress target) throws IOException {
        pending.keepOnly(target);
        if (channel.getLocalAddress() == null) {
            return; // never bound: nothing can be queued
        }
        // With the mode fixed, so that a bounded call's switch cannot see the brief switch of the
        // drain and then find the channel back in blocking mode. No blocking receive can hold the
        // JDK's read lock here (connect holds our read turn), so configureBlocking does not wait for one.
        waits.withModeFixed(() -> pending.keepQueuedFrom(channel, target, scratch()));
    }

    // ---------------------------------------------------------------- sending

    @Override
    public int send(ByteBuffer src) throws IOException {
        return send(src, callDeadline());
    }

    @Override
    public int send(ByteBuffer src, Deadline d) throws IOException {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(d, "deadline");
        InetSocketAddress to = connectedPeer("send");
        Datagrams.checkSize("send", src.remaining(), to, peer);
        return write(src, null, peer, "send", d);
    }

    @Override
    public void sendAll(ByteBuffer src) throws IOException {
        // One datagram, even an empty one: the default loop would send nothing for an empty buffer.
        send(src);
    }

    @Override
    public void sendAll(ByteBuffer src, Deadline deadline) throws IOException {
        send(src, deadline);
    }

    @Override
    public int sendTo(ByteBuffer src, Address to) throws IOException {
        return sendTo(src, to, callDeadline());
    }

    @Override
    public int sendTo(ByteBuffer src, Address to, Deadline d) throws IOException {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(d, "deadline");
        live("sendTo");
        InetSocketAddress target = InetSupport.toJdk(to, family, "sendTo");
        if (target.getPort() == 0) {
            throw new IllegalArgumentException("sendTo: port 0 is not a destination: " + to);
        }
        InetSocketAddress connectedTo = peerJdk;
        if (connectedTo != null && !connectedTo.equals(target)) {
            // Linux would send it anyway; the JDK refuses (AlreadyConnectedException). Say why.
            throw new EndpointStateException("sendTo " + to + ": " + this + " is connected to " + peer
                    + "; a connected datagram endpoint sends only to its peer (use another endpoint)");
        }
        Datagrams.checkSize("sendTo", src.remaining(), target, to);
        return write(src, target, to, "sendTo", d);
    }

    /** Sends one datagram, to {@code target} or (when null) to the connected peer. */
    private int write(ByteBuffer src, InetSocketAddress target, Address shown, String op, Deadline d) throws IOException {
        DatagramChannel ch = channel;
        if (!src.hasRemaining() && ch.isConnected()) {
            // The JDK writes a connected channel's datagrams with write(2) semantics, where an empty
            // buffer sends nothing and returns 0. Refuse rather than pretend it was sent.
            throw new UnsupportedEndpointOperationException(op + " to " + shown + " on " + this
                    + ": an empty datagram cannot be sent on a connected endpoint (a limit of the JDK's DatagramChannel);"
                    + " send it with sendTo from an endpoint that is not connected");
        }
        int size = src.remaining();
        Supplier<String> what = () -> op + " to " + shown + " on " + this;
        try (ReadinessWait.Turn t = waits.writeTurn(ch, d, what)) {
            // A datagram goes whole or not at all: 0 with bytes remaining means "no room yet"
            // (only in non-blocking mode, which cannot change while this holds the write turn).
            return target == null
                    ? t.retryCount(ch, SelectionKey.OP_WRITE, d, what, src, Datagrams.WRITE)
                    : t.retryCount(ch, SelectionKey.OP_WRITE, d, what, src, (c, b) -> {
                        int n = c.send(b, target);
                        return n == 0 && size > 0 ? ReadinessWait.WOULD_BLOCK : n;
                    });
        } catch (ClosedByInterruptException e) {
            throw EndpointSupport.withContext(e, what.get()); // the endpoint is closed
        } catch (ClosedChannelException e) {
            throw EndpointSupport.withContext(closedDuring(e), what.get());
        } catch (PortUnreachableException e) {
            throw InetSupport.withCause(new PortUnreachableException(op + " to " + shown + ": port unreachable (an earlier datagram to it was refused with ICMP)"), e);
        } catch (AlreadyConnectedException e) {
            throw new EndpointStateException(op + " to " + shown + ": " + this + " is connected to another peer");
        } catch (SocketException e) {
            if (Datagrams.isPermissionDenied(e) && !Datagrams.broadcastEnabled(channel)) {
                throw InetSupport.withCause(Datagrams.broadcastNeedsOption(op, shown, this), e);
            }
            if (e.getMessage() != null && e.getMessage().contains("Message too long")) {
                throw InetSupport.withCause(new SocketException(op + " to " + shown + ": datagram of " + size + " bytes is too long for the path (" + e.getMessage() + ")"), e);
            }
            throw InetSupport.withCause(new SocketException(e.getMessage() + ": " + op + " to " + shown), e);
        }
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Received recvFrom(ByteBuffer dst) throws IOException {
        return recvFrom(dst, callDeadline());
    }

    @Override
    public Received recvFrom(ByteBuffer dst, Deadline d) throws IOException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(d, "deadline");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("recvFrom: the buffer is read-only");
        }
        return receive(dst, recvFromWhat, d);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return recv(dst, callDeadline());
    }

    @Override
    public int recv(ByteBuffer dst, Deadline d) throws IOException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(d, "deadline");
        // Checked before receiving, as recvFrom does: a read-only buffer failed only in the copy
        // after the datagram was taken off the socket, which lost it.
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("recv: the buffer is read-only");
        }
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("recv: the buffer has no space remaining");
        }
        int start = dst.position();
        Received r = receive(dst, recvWhat, d);
        if (r.truncated()) {
            byte[] kept = new byte[r.length()];
            dst.get(start, kept);
            throw new DatagramTruncatedException("recv on " + this + ": datagram of " + lengthText(r.originalLength())
                    + " from " + r.sender() + " truncated to the " + r.length() + " bytes of space given",
                    new Datagram(kept, r.sender(), r.originalLength()));
        }
        return r.length();
    }

    private static String lengthText(int original) {
        return original < 0 ? "unknown length" : original + " bytes";
    }

    private Received receive(ByteBuffer dst, Supplier<String> what, Deadline d) throws IOException {
        String op = what == recvWhat ? "recv" : "recvFrom";
        DatagramChannel ch = live(op);
        // The read turn also guards the scratch buffer and the pending datagrams.
        try (ReadinessWait.Turn t = waits.readTurn(ch, d, what)) {
            Kept.Datagram p = pending.poll();
            if (p != null) {
                int take = Math.min(p.data().length, dst.remaining());
                dst.put(p.data(), 0, take);
                return new Received(take, InetSupport.fromJdk(p.from()), p.data().length);
            }
            boolean straight = dst.isDirect() && dst.remaining() >= SCRATCH_SIZE;
            ByteBuffer into = straight ? dst : scratch();
            int start = into.position();
            SocketAddress from;
            // null only in non-blocking mode, which cannot change while this holds the read turn
            from = t.retry(ch, SelectionKey.OP_READ, d, what, into, Datagrams.RECEIVE);
            Address.Ip sender = senders.of(from);
            if (straight) {
                int n = into.position() - start;
                return new Received(n, sender, n);
            }
            into.flip();
            int len = into.remaining();
            int take = Math.min(len, dst.remaining());
            into.limit(take);
            dst.put(into);
            // A full scratch buffer cannot happen (it is larger than any datagram), but if the
            // system ever delivered one that big we could not tell its real length.
            int original = len >= SCRATCH_SIZE ? -1 : len;
            return new Received(take, sender, original);
        } catch (ClosedByInterruptException e) {
            throw EndpointSupport.withContext(e, what.get()); // the endpoint is closed
        } catch (ClosedChannelException e) {
            // also a close while the mode switch waited in the JDK for a blocking call in progress
            throw EndpointSupport.withContext(closedDuring(e), what.get());
        } catch (PortUnreachableException e) {
            throw InetSupport.withCause(new PortUnreachableException(op + " on " + this + ": port unreachable: " + peer
                    + " refused an earlier datagram (ICMP port unreachable); nothing listens there"), e);
        }
    }

    private ByteBuffer scratch() {
        ByteBuffer s = scratch;
        if (s == null) {
            s = ByteBuffer.allocateDirect(SCRATCH_SIZE);
            scratch = s;
        }
        s.clear();
        return s;
    }

    @Override
    public void shutdown(Shutdown how) {
        throw new UnsupportedEndpointOperationException("shutdown: " + family + "/DGRAM endpoints have no connection to shut down; close the endpoint");
    }

    // ---------------------------------------------------------------- multicast

    @Override
    public void joinGroup(InetAddress group, NetworkInterface on) throws IOException {
        join(group, on, null);
    }

    @Override
    public void joinGroup(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        join(group, on, Objects.requireNonNull(source, "source"));
    }

    private void join(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        synchronized (stateLock) {
            memberships.join(live("joinGroup"), group, on, source, this);
        }
    }

    @Override
    public void leaveGroup(InetAddress group, NetworkInterface on) throws IOException {
        leave(group, on, null);
    }

    @Override
    public void leaveGroup(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        leave(group, on, Objects.requireNonNull(source, "source"));
    }

    private void leave(InetAddress group, NetworkInterface on, InetAddress source) throws IOException {
        synchronized (stateLock) {
            live("leaveGroup");
            memberships.leave(group, on, source, this);
        }
    }

    // ---------------------------------------------------------------- addresses and options

    @Override
    public Address localAddress() throws IOException {
        InetSocketAddress a = (InetSocketAddress) live("localAddress").getLocalAddress();
        // Python's getsockname on an unbound socket: the wildcard with port 0.
        return a == null ? Address.of(InetSupport.wildcard(family), 0) : InetSupport.fromJdk(a);
    }

    @Override
    public Address peerAddress() throws IOException {
        live("peerAddress");
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
        Datagrams.Supported.check(option, family);
        synchronized (stateLock) {
            live("option " + option.name()).setOption(option, value);
        }
        return this;
    }

    @Override
    public <T> T option(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option");
        Datagrams.Supported.check(option, family);
        return live("option " + option.name()).getOption(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Datagrams.Supported.OPTIONS;
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
    private final Supplier<String> recvWhat = () -> "recv on " + this;
    private final Supplier<String> recvFromWhat = () -> "recvFrom on " + this;

    // ---------------------------------------------------------------- life cycle

    @Override
    public boolean isOpen() {
        return state != State.CLOSED && channel.isOpen();
    }

    @Override
    public void close() {
        synchronized (stateLock) {
            if (state == State.CLOSED && !channel.isOpen()) {
                return;
            }
            shownBeforeClose = toString();
            state = State.CLOSED;
            // Closing the channel drops its memberships; forget ours.
            memberships.clear();
        }
        // Channel close wakes threads blocked in the JDK; the waits' wake-up covers the others.
        EndpointSupport.closeQuietly(channel);
        waits.close(); // without the turns: close never waits for a call (see EndpointWaits)
    }

    /** Whether a failure came from this endpoint being closed by another thread during the call. */
    private IOException closedDuring(ClosedChannelException e) {
        if (e instanceof AsynchronousCloseException || e instanceof EndpointClosedException) {
            return e;
        }
        // e.g. the channel was closed between the call's state check and its first wait
        return state == State.CLOSED ? InetSupport.withCause(new AsynchronousCloseException(), e) : e;
    }

    // ---------------------------------------------------------------- state checks and messages

    private DatagramChannel live(String op) throws EndpointClosedException {
        if (state == State.CLOSED || !channel.isOpen()) {
            throw EndpointSupport.closed(op, this);
        }
        return channel;
    }

    private InetSocketAddress connectedPeer(String op) throws EndpointClosedException {
        live(op);
        InetSocketAddress p = peerJdk;
        if (p == null) {
            throw new EndpointStateException(op + ": " + this + " is not connected; use sendTo with an address, or connect first");
        }
        return p;
    }

    private void requireState(String op, State... allowed) throws EndpointClosedException {
        State s = state;
        if (List.of(allowed).contains(s)) {
            return;
        }
        if (s == State.CLOSED) {
            throw EndpointSupport.closed(op, this);
        }
        throw EndpointSupport.wrongState(op, this, s, allowed);
    }

    @Override
    public String toString() {
        State s = state;
        String before = shownBeforeClose;
        if (s == State.CLOSED && before != null && !before.endsWith(")")) {
            // The addresses it had (a description without any ends in "(new)"), so that a call
            // ended by the close says which endpoint.
            return before + " (closed)";
        }
        StringBuilder sb = new StringBuilder(family.name()).append("/DGRAM endpoint");
        try {
            SocketAddress local = localJdk;
            if (local == null && s != State.CLOSED) {
                local = channel.getLocalAddress(); // bound implicitly by a send, or not at all
            }
            switch (s) {
                case CLOSED -> sb.append(" (closed)");
                case CONNECTED -> sb.append(" ").append(InetSupport.fromJdk(local)).append(" -> ").append(peer);
                default -> sb.append(local == null ? " (new)" : " bound to " + InetSupport.fromJdk(local));
            }
        } catch (IOException | RuntimeException e) {
            sb.append(" (").append(EndpointSupport.describe(s)).append(")");
        }
        return sb.toString();
    }
}
