package org.sockets.unix.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sockets.api.EndpointClosedException;
import org.sockets.api.spi.EndpointSupport;

/**
 * One short system call on an endpoint's descriptor, made the one way: take a use of the handle
 * (or fail as closed), give the call an arena and an errno capture, map a failure to its
 * exception, give the use back. For the calls that never wait (bind, listen, shutdown, names,
 * options); the calls that wait go through {@link RetryLoop}.
 *
 * {@snippet :
 * try (Syscall c = Syscall.on(handle, "shutdown", endpoint)) {
 *     c.check(Native.shutdown(c.st, c.fd, Native.SHUT_WR), "shutdown(WRITE) on");
 * }
 * }
 */
final class Syscall implements AutoCloseable {

    /** Memory for the call's arguments, freed at {@link #close()}. */
    final Arena arena;
    /** The errno capture to pass to the call. */
    final MemorySegment st;
    /** The descriptor, open until {@link #close()}. */
    final int fd;
    private final FdHandle handle;
    private final Object endpoint;

    private Syscall(FdHandle handle, Object endpoint) {
        this.handle = handle;
        this.endpoint = endpoint;
        this.fd = handle.fd;
        this.arena = Arena.ofConfined();
        this.st = Native.captureSegment(arena);
    }

    /**
     * Starts a call: takes a use of the handle.
     *
     * @param handle   the endpoint's descriptor
     * @param op       the operation, for the message if the endpoint is closed
     * @param endpoint the endpoint, for messages
     * @return the call, to close when done
     * @throws EndpointClosedException if the endpoint is closed
     */
    static Syscall on(FdHandle handle, String op, Object endpoint) throws EndpointClosedException {
        if (!handle.acquire()) {
            throw EndpointSupport.closed(op, endpoint);
        }
        try {
            return new Syscall(handle, endpoint);
        } catch (RuntimeException | Error e) {
            handle.release();
            throw e;
        }
    }

    /**
     * The errno of the last failed call.
     *
     * @return the error number
     */
    int errno() {
        return Native.errno(st);
    }

    /**
     * A call's result, or the exception its errno maps to, naming the endpoint.
     *
     * @param result what the call returned
     * @param op     the call, for the message ({@code "listen on"})
     * @return {@code result} if not negative
     * @throws IOException if it is
     */
    int check(int result, String op) throws IOException {
        return check(result, op, endpoint);
    }

    /**
     * A call's result, or the exception its errno maps to, naming {@code target}.
     *
     * @param result what the call returned
     * @param op     the call, for the message
     * @param target the address or endpoint, for the message
     * @return {@code result} if not negative
     * @throws IOException if it is
     */
    int check(int result, String op, Object target) throws IOException {
        if (result < 0) {
            throw Errors.of(errno(), op, target);
        }
        return result;
    }

    /** Frees the arguments' memory and gives the use back. */
    @Override
    public void close() {
        try {
            arena.close();
        } finally {
            handle.release();
        }
    }
}
