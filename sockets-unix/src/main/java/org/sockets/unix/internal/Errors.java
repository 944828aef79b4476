package org.sockets.unix.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Turns an {@code errno} into the IOException a Java caller expects, the JDK's own where one fits,
 * with the operation, the address or endpoint, and the C name of the error in the message.
 */
final class Errors {

    private Errors() {
    }

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(Native.EPERM, "EPERM (Operation not permitted)"),
            Map.entry(Native.ENOENT, "ENOENT (No such file or directory)"),
            Map.entry(Native.EINTR, "EINTR (Interrupted system call)"),
            Map.entry(Native.EBADF, "EBADF (Bad file descriptor)"),
            Map.entry(Native.EAGAIN, "EAGAIN (Resource temporarily unavailable)"),
            Map.entry(Native.EACCES, "EACCES (Permission denied)"),
            Map.entry(Native.EEXIST, "EEXIST (File exists)"),
            Map.entry(Native.ENOTDIR, "ENOTDIR (Not a directory)"),
            Map.entry(Native.EINVAL, "EINVAL (Invalid argument)"),
            Map.entry(Native.EMFILE, "EMFILE (Too many open files)"),
            Map.entry(Native.EPIPE, "EPIPE (Broken pipe)"),
            Map.entry(Native.ENAMETOOLONG, "ENAMETOOLONG (File name too long)"),
            Map.entry(Native.ELOOP, "ELOOP (Too many levels of symbolic links)"),
            Map.entry(Native.ENOTSOCK, "ENOTSOCK (Socket operation on non-socket)"),
            Map.entry(Native.EDESTADDRREQ, "EDESTADDRREQ (Destination address required)"),
            Map.entry(Native.EMSGSIZE, "EMSGSIZE (Message too long)"),
            Map.entry(Native.EPROTOTYPE, "EPROTOTYPE (Protocol wrong type for socket)"),
            Map.entry(Native.EOPNOTSUPP, "EOPNOTSUPP (Operation not supported)"),
            Map.entry(Native.EADDRINUSE, "EADDRINUSE (Address already in use)"),
            Map.entry(Native.EADDRNOTAVAIL, "EADDRNOTAVAIL (Cannot assign requested address)"),
            Map.entry(Native.ECONNRESET, "ECONNRESET (Connection reset by peer)"),
            Map.entry(Native.ENOBUFS, "ENOBUFS (No buffer space available)"),
            Map.entry(Native.EISCONN, "EISCONN (Transport endpoint is already connected)"),
            Map.entry(Native.ENOTCONN, "ENOTCONN (Transport endpoint is not connected)"),
            Map.entry(Native.ETIMEDOUT, "ETIMEDOUT (Connection timed out)"),
            Map.entry(Native.ECONNREFUSED, "ECONNREFUSED (Connection refused)"),
            Map.entry(Native.EINPROGRESS, "EINPROGRESS (Operation now in progress)"));

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /**
     * The exception for a failed call.
     *
     * @param errno     the error
     * @param operation the call, e.g. {@code "connect"}
     * @param target    the address or endpoint, for the message
     * @return the exception to throw
     */
    static IOException of(int errno, String operation, Object target) {
        String msg = operation + " " + target + ": " + name(errno);
        return switch (errno) {
            case Native.ECONNREFUSED -> new ConnectException(msg + "; nothing listens there (a stale socket file?), or its backlog is full");
            case Native.EADDRINUSE -> new BindException(msg);
            case Native.EADDRNOTAVAIL -> new BindException(msg);
            case Native.ENOENT -> new NoSuchFileException(String.valueOf(target), null, operation + ": " + name(errno));
            case Native.EACCES, Native.EPERM -> new AccessDeniedException(String.valueOf(target), null, operation + ": " + name(errno));
            default -> new SocketException(msg);
        };
    }

    /** Maps a failed call's errno to its exception. */
    interface Mapper {
        /**
         * The exception for an errno.
         *
         * @param errno the error
         * @return the exception to throw
         */
        IOException map(int errno);
    }

    /**
     * The mapper of a data call on a connected endpoint, which names the endpoint and says what
     * {@code EPIPE} means.
     *
     * @param op       the call, e.g. {@code "send"}
     * @param endpoint the endpoint, for the message
     * @return the mapper
     */
    static Mapper on(String op, Object endpoint) {
        return e -> switch (e) {
            case Native.EPIPE -> new SocketException(op + " on " + endpoint + ": " + name(e)
                    + ": the connection is closed for sending (the peer closed, or shutdown(WRITE) here)");
            case Native.ECONNRESET -> new SocketException(op + " on " + endpoint + ": " + name(e));
            default -> of(e, op + " on", endpoint);
        };
    }
}
