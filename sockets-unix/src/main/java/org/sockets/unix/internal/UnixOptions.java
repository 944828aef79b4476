package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketOption;
import java.util.Set;
import org.sockets.api.Options;
import org.sockets.api.PeerCredentials;
import org.sockets.api.SocketType;
import org.sockets.api.UnsupportedEndpointOperationException;

/**
 * The socket options a Unix-domain endpoint supports ({@code SO_PEERCRED}, {@code SO_SNDBUF},
 * {@code SO_RCVBUF}): their checks and their {@code getsockopt} / {@code setsockopt} calls.
 */
final class UnixOptions {

    /** The options every Unix-domain endpoint supports. */
    static final Set<SocketOption<?>> SUPPORTED = Set.of(Options.SO_PEERCRED, Options.SO_SNDBUF, Options.SO_RCVBUF);

    private UnixOptions() {
    }

    /**
     * Sets a buffer size.
     *
     * @param handle   the endpoint's descriptor
     * @param endpoint the endpoint, for messages
     * @param type     its type, for messages
     * @param option   the option
     * @param value    its value
     * @throws IOException if the endpoint is closed or the kernel refuses
     */
    static void set(FdHandle handle, Object endpoint, SocketType type, SocketOption<?> option, Object value) throws IOException {
        checkSupported(option, type);
        if (option == Options.SO_PEERCRED) {
            throw new UnsupportedEndpointOperationException("option SO_PEERCRED is read-only (the kernel records it at connect)");
        }
        int v = (Integer) value;
        if (v <= 0) {
            throw new IllegalArgumentException(option.name() + " must be positive, not " + v);
        }
        try (Syscall c = Syscall.on(handle, "option " + option.name(), endpoint)) {
            MemorySegment val = c.arena.allocateFrom(ValueLayout.JAVA_INT, v);
            c.check(Native.setsockopt(c.st, c.fd, Native.SOL_SOCKET, optName(option), val, Native.INT_OPTION_SIZE), "setsockopt(" + option.name() + ") on");
        }
    }

    /**
     * Reads a buffer size ({@code SO_PEERCRED} is the endpoint's to read: it checks the state).
     *
     * @param handle   the endpoint's descriptor
     * @param endpoint the endpoint, for messages
     * @param option   {@code SO_SNDBUF} or {@code SO_RCVBUF}
     * @return its value
     * @throws IOException if the endpoint is closed or the kernel refuses
     */
    static int get(FdHandle handle, Object endpoint, SocketOption<?> option) throws IOException {
        try (Syscall c = Syscall.on(handle, "option " + option.name(), endpoint)) {
            MemorySegment val = c.arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = c.arena.allocateFrom(ValueLayout.JAVA_INT, Native.INT_OPTION_SIZE);
            c.check(Native.getsockopt(c.st, c.fd, Native.SOL_SOCKET, optName(option), val, len), "getsockopt(" + option.name() + ") on");
            return val.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * The peer's credentials ({@code SO_PEERCRED}).
     *
     * @param handle   the endpoint's descriptor
     * @param endpoint the endpoint, for messages
     * @return pid, uid and gid
     * @throws IOException if the endpoint is closed or the kernel refuses
     */
    static PeerCredentials peerCredentials(FdHandle handle, Object endpoint) throws IOException {
        try (Syscall c = Syscall.on(handle, "peerCredentials", endpoint)) {
            MemorySegment cred = c.arena.allocate(Native.UCRED_SIZE, 4);
            MemorySegment len = c.arena.allocateFrom(ValueLayout.JAVA_INT, (int) Native.UCRED_SIZE);
            c.check(Native.getsockopt(c.st, c.fd, Native.SOL_SOCKET, Native.SO_PEERCRED, cred, len), "getsockopt(SO_PEERCRED) on");
            return new PeerCredentials(cred.get(ValueLayout.JAVA_INT, Native.UCRED_PID),
                    Integer.toUnsignedLong(cred.get(ValueLayout.JAVA_INT, Native.UCRED_UID)),
                    Integer.toUnsignedLong(cred.get(ValueLayout.JAVA_INT, Native.UCRED_GID)));
        }
    }

    /**
     * Refuses an option no Unix-domain endpoint supports.
     *
     * @param option the option
     * @param type   the endpoint's type, for the message
     */
    static void checkSupported(SocketOption<?> option, SocketType type) {
        if (!SUPPORTED.contains(option)) {
            throw new UnsupportedEndpointOperationException("option " + option.name() + " is not supported on UNIX/" + type
                    + " endpoints (unix); supported: SO_PEERCRED, SO_SNDBUF, SO_RCVBUF");
        }
    }

    private static int optName(SocketOption<?> option) {
        return option == Options.SO_SNDBUF ? Native.SO_SNDBUF : Native.SO_RCVBUF;
    }
}
