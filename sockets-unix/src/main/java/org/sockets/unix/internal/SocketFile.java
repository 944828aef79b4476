package org.sockets.unix.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.sockets.api.Address;
import org.sockets.api.SocketType;
import org.sockets.unix.BindOptions;

/**
 * The socket file an endpoint created by binding to a path, and the policy for such files: the
 * mode is set right after {@code bind(2)}; a stale file is replaced only when asked and only if
 * nobody listens on it; the file is removed at close only if it is still the one bound (its file
 * key unchanged). See docs/decisions/2026-11-26-unix-socket-files.md.
 *
 * @param path the file
 * @param key  its file key when created, or null if it could not be read (then removed regardless)
 */
record SocketFile(Path path, Object key) {

    /**
     * Takes charge of the file {@code bind(2)} just created: sets its mode and records its key.
     *
     * @param path    the file
     * @param options the mode to set, if any
     * @return the file, to remove at close
     * @throws IOException if the mode cannot be set (the file is removed)
     */
    static SocketFile created(Path path, BindOptions options) throws IOException {
        try {
            if (options.mode().isPresent()) {
                Files.setPosixFilePermissions(path, options.mode().get());
            }
            return new SocketFile(path, Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (IOException | RuntimeException e) {
            new SocketFile(path, null).remove();
            throw e;
        }
    }

    /** Removes the file, unless another file replaced it meanwhile. */
    void remove() {
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (key == null || now == null || now.equals(key)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // already gone, or its directory is: nothing of ours is left to remove
        }
    }

    /**
     * Removes a socket file that nobody listens on.
     *
     * @param path the file
     * @param type the socket type to probe it with
     * @return {@code true} if one was removed
     * @throws IOException if a stale file cannot be removed
     */
    static boolean removeIfStale(Path path, SocketType type) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
        if (!attrs.isOther()) {
            return false; // a regular file, a directory or a link is never ours to delete
        }
        try (UnixSocket probe = UnixSockets.open(type)) {
            // Bounded: a live listener with a full backlog makes connect wait; that is live too.
            probe.timeout(Duration.ofSeconds(1)).connect(Address.unix(path));
            return false; // someone listens: a live socket
        } catch (ConnectException refused) {
            return Files.deleteIfExists(path);
        } catch (IOException other) {
            return false;
        }
    }

    /**
     * The error for a path in use, with the remedy the options leave.
     *
     * @param path    the path
     * @param options the stale-file policy that was applied
     * @return the exception to throw
     */
    static BindException inUse(Path path, BindOptions options) {
        return new BindException("bind " + path + ": " + Errors.name(Native.EADDRINUSE) + "; "
                + (options.stale() == BindOptions.StaleFile.REPLACE
                        ? "a live socket or a file that is not a socket is there"
                        : "a file exists there: if a process that died left it, remove it or bind with"
                                + " BindOptions.defaults().withStale(BindOptions.StaleFile.REPLACE)"));
    }
}
