package org.sockets.unix;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import org.sockets.unix.internal.NativeDescriptor;

/**
 * An open file descriptor this process owns: what {@link UnixEndpoint#sendFds} sends and
 * {@link UnixEndpoint#recvFds} receives (Python passes plain integers; here the descriptor is an
 * object that knows when it is closed, so its number is never used after {@code close}).
 *
 * <p>From Java, a received descriptor is used as:
 * <ul>
 *   <li>a socket: {@link #toEndpoint()} makes an {@link UnixEndpoint} of it (Unix-domain sockets);</li>
 *   <li>a file, pipe or anything else with a {@code /proc/self/fd} entry:
 *       {@link #openChannel(OpenOption...)} opens a {@link FileChannel} on it. The JDK cannot wrap
 *       a raw descriptor in a {@code FileChannel} without its internals, so this opens
 *       {@code /proc/self/fd/N} anew: the channel has its own file position and the access the
 *       options ask for (never more than the sender's descriptor allows for a pipe; for a regular
 *       file, what the file's permissions allow this process). The descriptor stays open and
 *       must still be closed.</li>
 * </ul>
 *
 * <p>Descriptors are close-on-exec. Close each one; an unreachable open descriptor is closed by a
 * cleaner as a last resort.
 */
public interface Descriptor extends Closeable {

    /**
     * The descriptor's number, for logging or for a native call of the caller's own.
     *
     * @return the number
     * @throws IllegalStateException if closed
     */
    int number();

    /**
     * Whether it is still open.
     *
     * @return {@code false} once closed or handed over
     */
    boolean isOpen();

    /**
     * What the descriptor refers to, as {@code /proc/self/fd} shows it: a path, or
     * {@code socket:[inode]}, {@code pipe:[inode]} and the like.
     *
     * @return the description
     * @throws IOException if it cannot be read
     */
    String target() throws IOException;

    /**
     * Whether it is a socket (of any family).
     *
     * @return {@code true} for a socket
     * @throws IOException if it cannot be told
     */
    boolean isSocket() throws IOException;

    /**
     * Makes a Unix-domain socket descriptor an endpoint; this descriptor is then closed (the
     * endpoint owns the socket). The endpoint is connected or listening as the socket was.
     *
     * @return the endpoint, which the caller must close
     * @throws IOException if it is not a Unix-domain socket, naming what it is
     */
    UnixEndpoint toEndpoint() throws IOException;

    /**
     * Opens a channel on what the descriptor refers to, through {@code /proc/self/fd/N} (see the
     * class description). Default: read only.
     *
     * @param options as {@link FileChannel#open(Path, OpenOption...)} takes them
     * @return a new channel, which the caller must close
     * @throws IOException if it cannot be opened (a socket cannot: use {@link #toEndpoint()})
     */
    FileChannel openChannel(OpenOption... options) throws IOException;

    /**
     * A second descriptor for the same open file ({@code fcntl(F_DUPFD_CLOEXEC)}).
     *
     * @return the duplicate, which the caller must close
     * @throws IOException if the system refuses
     */
    Descriptor duplicate() throws IOException;

    /** Closes the descriptor; safe to call more than once. */
    @Override
    void close();

    /**
     * Opens a file as a descriptor to send ({@code open(2)} with close-on-exec). Options as for
     * {@link java.nio.file.Files#newByteChannel}: READ (the default), WRITE, APPEND, CREATE,
     * TRUNCATE_EXISTING.
     *
     * @param path    the file
     * @param options how to open it
     * @return the descriptor, which the caller must close
     * @throws IOException if it cannot be opened, naming the path
     */
    static Descriptor open(Path path, OpenOption... options) throws IOException {
        return NativeDescriptor.open(path, options);
    }

    /**
     * A duplicate of an endpoint's socket, to send to another process. From then on the
     * endpoint's close no longer shuts the socket down (the other holder keeps it), and the
     * endpoint's calls wait in {@code poll(2)} rather than in the system call itself.
     *
     * @param endpoint an open endpoint of this module
     * @return the descriptor, which the caller must close
     * @throws IOException if the endpoint is closed or the system refuses
     * @throws IllegalStateException if a platform thread is blocked in a call on the endpoint
     *         that has no timeout: once the socket is shared, closing the endpoint could no
     *         longer end that call; the endpoint is left as it was
     */
    static Descriptor of(UnixEndpoint endpoint) throws IOException {
        return NativeDescriptor.duplicate(endpoint);
    }

    /**
     * A duplicate of a descriptor number this process has open (0, 1 and 2 for the standard
     * streams, or one a native library gave the caller).
     *
     * @param fd the number, which stays the caller's
     * @return a new descriptor, which the caller must close
     * @throws IOException if the number is not open ({@code EBADF})
     */
    static Descriptor duplicate(int fd) throws IOException {
        return NativeDescriptor.duplicate(fd);
    }
}
