package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.sockets.api.Address;
import org.sockets.api.Datagram;
import org.sockets.api.DatagramTruncatedException;
import org.sockets.api.Deadline;
import org.sockets.api.Received;
import org.sockets.api.SocketType;
import org.sockets.api.spi.EndpointSupport;
import org.sockets.unix.Descriptor;
import org.sockets.unix.FdMessage;

/**
 * The data calls of one {@link UnixSocket}: send, receive, with or without addresses and
 * descriptors, each one {@link RetryLoop} call. The endpoint has checked its state before any of
 * these runs.
 *
 * <p>Stream sends and receives move at most {@value #STREAM_CHUNK} bytes per system call; a
 * message is moved whole. A heap buffer goes through the direction's {@link Scratch}, which keeps
 * at most {@value #IN_CAP} bytes for receives: a longer message is received into memory of its
 * own length, freed after the call.
 */
final class Transfers {

    /** Stream sends and receives go through a native buffer of at most this size per call. */
    private static final int STREAM_CHUNK = 256 * 1024;
    /**
     * The most native memory a receive into a heap buffer makes the endpoint keep. A stream
     * receive takes at most this much per call (a recv may return fewer than asked anyway).
     */
    private static final int IN_CAP = 64 * 1024;
    /** The most descriptors the kernel takes in one message (SCM_MAX_FD less the usual two). */
    static final int MAX_FDS = 253;

    private final UnixSocket endpoint;
    private final FdHandle handle;
    private final SocketType type;
    private final RetryLoop loop;
    /** Whether the type keeps message boundaries (DGRAM, SEQPACKET). */
    private final boolean messages;

    // The hot paths' attempts, messages and error mappers, made once per endpoint.
    private final RetryLoop.Attempt sendAttempt = (io, wait, src) -> {
        int len = chunk(src);
        MemorySegment b = source(io, src, len);
        return Native.sendto(io.st, fd(), b, len, Native.MSG_NOSIGNAL | wait, MemorySegment.NULL, 0);
    };
    private final RetryLoop.Attempt streamRecvAttempt = (io, wait, dst) -> {
        int n = dst.isDirect() ? chunk(dst) : Math.min(dst.remaining(), IN_CAP);
        MemorySegment b = target(io, dst, n);
        long r = Native.recvfrom(io.st, fd(), b, n, wait, MemorySegment.NULL, MemorySegment.NULL);
        if (r >= 0) {
            deliver(b, dst, (int) Math.min(r, n));
        }
        return r;
    };
    private final Supplier<String> sendWhat = () -> "send on " + endpoint();
    private final Supplier<String> sendAllWhat = () -> "sendAll on " + endpoint();
    private final Supplier<String> recvWhat = () -> "recv on " + endpoint();
    private final Errors.Mapper onSend;
    private final Errors.Mapper onSendAll;
    private final Errors.Mapper onRecv;

    Transfers(UnixSocket endpoint, FdHandle handle, SocketType type, RetryLoop loop) {
        this.endpoint = endpoint;
        this.handle = handle;
        this.type = type;
        this.loop = loop;
        this.messages = type != SocketType.STREAM;
        this.onSend = Errors.on("send", endpoint);
        this.onSendAll = Errors.on("sendAll", endpoint);
        this.onRecv = Errors.on("recv", endpoint);
    }

    /** The descriptor number, read when an attempt runs (the initializers above run before the constructor). */
    private int fd() {
        return handle.fd;
    }

    /** The endpoint, read when a message is built (the initializers above run before the constructor). */
    private UnixSocket endpoint() {
        return endpoint;
    }

    // ---------------------------------------------------------------- send and recv

    /**
     * A send, or (with {@code all}) a sendAll, the whole call within {@code deadline}.
     *
     * @return bytes sent
     */
    int send(ByteBuffer src, boolean all, Deadline deadline) throws IOException {
        Supplier<String> what = all ? sendAllWhat : sendWhat;
        Errors.Mapper errors = all ? onSendAll : onSend;
        int total = 0;
        // Bounded: each pass sends at least one byte or waits within the deadline.
        do {
            int n = (int) loop.run(false, what, deadline, messages ? RetryLoop.POLL_FALLBACK_NANOS : 0, src, sendAttempt, errors);
            src.position(src.position() + n);
            total += n;
            // A close during sendAll ends it as the close's exception; the buffer's position
            // says how much was sent before it.
            if (all && src.hasRemaining() && !handle.isOpen()) {
                throw EndpointSupport.withContext(new AsynchronousCloseException(), what.get());
            }
        } while (all && src.hasRemaining());
        return total;
    }

    /**
     * A recv into a buffer with space remaining: on message types a cut message is an exception,
     * since recv returns only a count (the Endpoint contract; Python cuts silently).
     *
     * @return bytes received
     */
    int recv(ByteBuffer dst, Deadline deadline) throws IOException {
        if (messages) {
            int start = dst.position();
            Received r = recvFrom(dst, "recv", deadline);
            if (r.truncated()) {
                byte[] kept = new byte[r.length()];
                dst.get(start, kept);
                throw truncated(r, kept);
            }
            return r.length();
        }
        return (int) loop.run(true, recvWhat, deadline, 0, dst, streamRecvAttempt, onRecv);
    }

    /**
     * A sendTo on an unconnected DGRAM socket.
     *
     * @return bytes sent
     */
    int sendTo(ByteBuffer src, Address to, Deadline deadline) throws IOException {
        int n = (int) loop.run(false, () -> "sendTo " + to + " on " + endpoint, deadline, RetryLoop.POLL_FALLBACK_NANOS, null,
                (io, wait, unused) -> {
                    int alen = SockAddr.encode(to, io.addr, "sendTo");
                    int len = src.remaining();
                    MemorySegment b = source(io, src, len);
                    return Native.sendto(io.st, handle.fd, b, len, Native.MSG_NOSIGNAL | wait, io.addr, alen);
                }, e -> e == Native.EMSGSIZE
                        ? new SocketException("sendTo " + to + ": " + Errors.name(e) + ": a datagram of " + src.remaining()
                                + " bytes is larger than the socket's send buffer allows")
                        : Errors.of(e, "sendTo", to));
        src.position(src.position() + n);
        return n;
    }

    /** One receive with the sender and, on message types, the real length (MSG_TRUNC). */
    Received recvFrom(ByteBuffer dst, String op, Deadline deadline) throws IOException {
        if (dst.isReadOnly()) {
            // As the JDK's channels and the other transports refuse one: before anything is received.
            throw new IllegalArgumentException(op + ": the buffer is read-only");
        }
        return receive(op, dst, dst.remaining(), deadline).received();
    }

    /**
     * recv(int) on a message type: the message's bytes, at most {@code max}.
     *
     * @return a new array of exactly the bytes kept
     */
    byte[] recvBytes(int max, Deadline deadline) throws IOException {
        Message m = receive("recv", null, max, deadline);
        if (m.truncated()) {
            throw truncated(m.received(), m.bytes());
        }
        return m.bytes();
    }

    /** recvFrom(int) on a message type. */
    Datagram recvDatagram(int max, Deadline deadline) throws IOException {
        Message m = receive("recvFrom", null, max, deadline);
        return new Datagram(m.bytes(), m.sender(), m.length());
    }

    /**
     * What one receive took.
     *
     * @param kept   bytes delivered to the caller
     * @param length the message's real length (MSG_TRUNC), or {@code kept} on a stream
     * @param sender who sent it
     * @param bytes  the bytes as a new array, when no buffer was given; else null
     */
    private record Message(int kept, int length, Address sender, byte[] bytes) {
        boolean truncated() {
            return length != kept;
        }

        Received received() {
            return new Received(kept, sender, length);
        }
    }

    /**
     * One receive, into {@code dst} from its position ({@code space} = its remaining), or, when
     * {@code dst} is null, into a new array of exactly the bytes kept from at most {@code space}
     * (recv(int) / recvFrom(int) on message types, whose cost then follows the message's length,
     * not {@code max}).
     */
    private Message receive(String op, ByteBuffer dst, int space, Deadline deadline) throws IOException {
        MessageAttempt attempt = new MessageAttempt(dst, space);
        loop.run(true, () -> op + " on " + endpoint, deadline, 0, null, attempt, Errors.on(op, endpoint));
        return attempt.taken;
    }

    /** The attempt of {@link #receive}; once it succeeds, {@link #taken} holds what it took. */
    private final class MessageAttempt implements RetryLoop.Attempt {
        private final ByteBuffer dst;
        private final int space;
        private Message taken;

        MessageAttempt(ByteBuffer dst, int space) {
            this.dst = dst;
            this.space = space;
        }

        @Override
        public long run(Scratch io, int wait, ByteBuffer unused) {
            boolean direct = dst != null && dst.isDirect();
            int n = direct || messages ? space : Math.min(space, STREAM_CHUNK);
            Arena once = null;
            if (!direct && n > IN_CAP) {
                if (messages) {
                    // The kernel cuts a message at the buffer's length, so a buffer of IN_CAP would
                    // cut one that the caller has room for: ask its real length first (MSG_PEEK |
                    // MSG_TRUNC, no bytes copied) and take min(space, length). Only a reader of the
                    // same descriptor in another process can take it in between; then the message
                    // read instead is cut at the peeked length (reported as cut, never silently).
                    long len = Native.recvfrom(io.st, handle.fd, io.addr, 0, wait | Native.MSG_PEEK | Native.MSG_TRUNC,
                            MemorySegment.NULL, MemorySegment.NULL);
                    if (len < 0) {
                        return len;
                    }
                    n = (int) Math.min(n, Math.max(len, 1));
                } else {
                    n = IN_CAP;
                }
                if (n > IN_CAP) {
                    once = Arena.ofConfined();
                }
            }
            try {
                MemorySegment b = direct ? MemorySegment.ofBuffer(dst) : once != null ? once.allocate(n) : io.buffer(n);
                io.len.set(ValueLayout.JAVA_INT, 0, Native.SOCKADDR_UN_SIZE);
                // MSG_TRUNC: datagram sockets return the real length, so truncation is reported.
                long r = Native.recvfrom(io.st, handle.fd, b, n, wait | (messages ? Native.MSG_TRUNC : 0), io.addr, io.len);
                if (r >= 0) {
                    int kept = (int) Math.min(r, n);
                    byte[] bytes = null;
                    if (dst == null) {
                        bytes = b.asSlice(0, kept).toArray(ValueLayout.JAVA_BYTE);
                    } else {
                        deliver(b, dst, kept);
                    }
                    taken = new Message(kept, (int) r, sender(io.addr, io.len.get(ValueLayout.JAVA_INT, 0)), bytes);
                }
                return r;
            } finally {
                if (once != null) {
                    once.close();
                }
            }
        }
    }

    /** recv's report of a cut message: recv returns only a count, so only an exception can tell. */
    private DatagramTruncatedException truncated(Received r, byte[] kept) {
        return new DatagramTruncatedException("recv on " + endpoint + ": " + (type == SocketType.DGRAM ? "datagram" : "packet")
                + " of " + r.originalLength() + " bytes from " + r.sender() + " truncated to the " + r.length()
                + " bytes of space given", new Datagram(kept, r.sender(), r.originalLength()));
    }

    /** The sender the kernel reported; on connection-oriented sockets it reports none: the peer. */
    private Address sender(MemorySegment addr, int len) {
        Address a = SockAddr.decode(addr, len);
        Address peer = endpoint.peer();
        if (a instanceof Address.UnixUnnamed && type != SocketType.DGRAM && peer != null) {
            return peer;
        }
        return a;
    }

    // ---------------------------------------------------------------- descriptors

    /**
     * sendFds, or sendFdsTo when {@code to} is not null (checked to encode).
     *
     * @return bytes sent
     */
    int sendFds(String op, ByteBuffer src, List<? extends Descriptor> fds, Address to, Deadline deadline) throws IOException {
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
            int n = (int) loop.run(false, () -> op + " on " + endpoint, deadline, messages ? RetryLoop.POLL_FALLBACK_NANOS : 0, null,
                    (io, wait, unused) -> {
                        int len = chunk(src);
                        MemorySegment b = source(io, src, len);
                        int alen = to == null ? 0 : SockAddr.encode(to, io.addr, op);
                        return Native.sendmsg(io.st, handle.fd, MsgHdr.forSend(io, b, len, alen, numbers), Native.MSG_NOSIGNAL | wait);
                    }, to == null ? Errors.on(op, endpoint) : e -> Errors.of(e, op, to));
            src.position(src.position() + n);
            return n;
        } finally {
            for (NativeDescriptor d : held) {
                d.releaseFd();
            }
        }
    }

    /** What one recvmsg took, besides the descriptors: bytes kept, real length, sender, flags. */
    private record Taken(int kept, int length, Address sender, int flags) {
    }

    /**
     * recvFds into a buffer with space remaining, {@code maxFds} checked.
     *
     * @return the message
     */
    FdMessage recvFds(ByteBuffer dst, int maxFds, Deadline deadline) throws IOException {
        List<Integer> received = new ArrayList<>();
        FdsAttempt attempt = new FdsAttempt(dst, maxFds, received);
        try {
            loop.run(true, () -> "recvFds on " + endpoint, deadline, 0, null, attempt, Errors.on("recvFds", endpoint));
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
        Taken t = attempt.taken;
        boolean truncated = (t.flags() & Native.MSG_TRUNC) != 0 || t.length() > t.kept();
        return new FdMessage(t.kept(), descriptors, t.sender(), truncated, (t.flags() & Native.MSG_CTRUNC) != 0);
    }

    /** The attempt of {@link #recvFds}; once it succeeds, {@link #taken} holds what it took. */
    private final class FdsAttempt implements RetryLoop.Attempt {
        private final ByteBuffer dst;
        private final int maxFds;
        /** The descriptors received, even when the call then ends in an exception. */
        private final List<Integer> received;
        private Taken taken;

        FdsAttempt(ByteBuffer dst, int maxFds, List<Integer> received) {
            this.dst = dst;
            this.maxFds = maxFds;
            this.received = received;
        }

        @Override
        public long run(Scratch io, int wait, ByteBuffer unused) {
            int n = chunk(dst);
            MemorySegment b = target(io, dst, n);
            MemorySegment msg = MsgHdr.forReceive(io, b, n, maxFds);
            long r = Native.recvmsg(io.st, handle.fd, msg, wait | Native.MSG_CMSG_CLOEXEC | (messages ? Native.MSG_TRUNC : 0));
            if (r >= 0) {
                int kept = (int) Math.min(r, n);
                taken = new Taken(kept, (int) r, sender(io.addr, MsgHdr.nameLength(io)), MsgHdr.flags(io));
                MsgHdr.rights(io, maxFds, received);
                deliver(b, dst, kept);
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- buffers

    private int chunk(ByteBuffer b) {
        return messages ? b.remaining() : Math.min(b.remaining(), STREAM_CHUNK);
    }

    /** {@code n} bytes of {@code src} from its position (not moving it), in native memory. */
    private static MemorySegment source(Scratch io, ByteBuffer src, int n) {
        if (src.isDirect()) {
            return MemorySegment.ofBuffer(src);
        }
        MemorySegment b = io.buffer(n);
        MemorySegment.copy(MemorySegment.ofBuffer(src), 0, b, 0, n);
        return b;
    }

    /** Native memory to receive {@code n} bytes for {@code dst}: itself if direct. */
    private static MemorySegment target(Scratch io, ByteBuffer dst, int n) {
        if (dst.isReadOnly()) {
            // As the JDK's channels (and the other transports) refuse one: before anything is received.
            throw new IllegalArgumentException("recv: the buffer is read-only");
        }
        return dst.isDirect() ? MemorySegment.ofBuffer(dst) : io.buffer(n);
    }

    /** Moves {@code dst}'s position past {@code n} bytes received, copying them from native memory first if needed. */
    private static void deliver(MemorySegment from, ByteBuffer dst, int n) {
        if (!dst.isDirect()) {
            MemorySegment.copy(from, 0, MemorySegment.ofBuffer(dst), 0, n);
        }
        dst.position(dst.position() + n);
    }
}
