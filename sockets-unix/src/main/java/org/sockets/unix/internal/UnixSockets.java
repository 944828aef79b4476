package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.sockets.api.Address;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * Where {@link UnixSocket}s come from: a new socket, a connected pair, or a socket descriptor
 * received from elsewhere.
 */
final class UnixSockets {

    private UnixSockets() {
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

    /**
     * A new, unbound endpoint (Python's {@code socket(AF_UNIX, type)}).
     *
     * @param type the type
     * @return the endpoint
     * @throws IOException if the system refuses
     */
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
            return new UnixSocket(type, FdHandle.of(fd, blocking, true), UnixSocket.State.OPEN, null, null);
        }
    }

    /**
     * Two connected endpoints.
     *
     * @param first  one end
     * @param second the other
     */
    record Pair(UnixSocket first, UnixSocket second) {
    }

    /**
     * Two connected endpoints (Python's {@code socketpair(AF_UNIX, type)}).
     *
     * @param type the type
     * @return the pair
     * @throws IOException if the system refuses
     */
    static Pair pair(SocketType type) throws IOException {
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
        Address unnamed = Address.unnamed();
        return new Pair(new UnixSocket(type, h0, UnixSocket.State.CONNECTED, unnamed, unnamed),
                new UnixSocket(type, h1, UnixSocket.State.CONNECTED, unnamed, unnamed));
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
            len.set(ValueLayout.JAVA_INT, 0, Native.INT_OPTION_SIZE);
            if (Native.getsockopt(st, fd, Native.SOL_SOCKET, Native.SO_DOMAIN, val, len) < 0) {
                int e = Native.errno(st);
                Native.closeQuietly(fd);
                throw new IOException("toEndpoint: " + from + " is not a socket: " + Errors.name(e) + "; use openChannel()");
            }
            int domain = val.get(ValueLayout.JAVA_INT, 0);
            len.set(ValueLayout.JAVA_INT, 0, Native.INT_OPTION_SIZE);
            Native.getsockopt(st, fd, Native.SOL_SOCKET, Native.SO_TYPE, val, len);
            int t = val.get(ValueLayout.JAVA_INT, 0);
            SocketType type = t == Native.SOCK_STREAM ? SocketType.STREAM : t == Native.SOCK_DGRAM ? SocketType.DGRAM
                    : t == Native.SOCK_SEQPACKET ? SocketType.SEQPACKET : null;
            if (domain != Native.AF_UNIX || type == null) {
                Native.closeQuietly(fd);
                throw new IOException("toEndpoint: " + from + " is a socket of family " + domain + ", type " + t
                        + "; only Unix-domain (family 1) STREAM, DGRAM and SEQPACKET sockets are supported");
            }
            len.set(ValueLayout.JAVA_INT, 0, Native.INT_OPTION_SIZE);
            Native.getsockopt(st, fd, Native.SOL_SOCKET, Native.SO_ACCEPTCONN, val, len);
            boolean listening = val.get(ValueLayout.JAVA_INT, 0) != 0;
            // The open file description is shared with the sender: making it non-blocking is what
            // lets us wait without holding a thread; the sender should not keep using its copy.
            int fl = Native.fcntl(st, fd, Native.F_GETFL, 0);
            if (fl < 0 || Native.fcntl(st, fd, Native.F_SETFL, fl | Native.O_NONBLOCK) < 0) {
                int e = Native.errno(st);
                Native.closeQuietly(fd);
                throw Errors.of(e, "fcntl(O_NONBLOCK)", from);
            }
            FdHandle handle = FdHandle.of(fd, false, false);
            Address local = SockAddr.name(Native::getsockname, fd).orElse(Address.unnamed());
            Optional<Address> peer = SockAddr.name(Native::getpeername, fd);
            UnixSocket.State state = listening ? UnixSocket.State.LISTENING
                    : peer.isPresent() ? UnixSocket.State.CONNECTED
                    : local instanceof Address.UnixUnnamed ? UnixSocket.State.OPEN : UnixSocket.State.BOUND;
            UnixSocket s = new UnixSocket(type, handle, state, local, listening ? null : peer.orElse(null));
            Sockets.defaultTimeout().ifPresent(s::timeout);
            return s;
        }
    }
}
