package org.sockets.unix;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link UnixEndpoint#bind(org.sockets.api.Address, BindOptions)} creates a socket file: its
 * mode, and what to do with a file already at the path. Immutable; each {@code withX} method
 * returns a copy.
 *
 * {@snippet :
 * server.bind(Address.unix("/run/app.sock"),
 *         BindOptions.defaults().withMode(PosixFilePermissions.fromString("rw-rw----")).withStale(BindOptions.StaleFile.REPLACE));
 * }
 *
 * <p>Abstract names ({@link org.sockets.api.Address.UnixAbstract}) have no file and so no file
 * permissions: any process in the same network namespace can connect to them. Use a path with a
 * mode, or check {@link UnixEndpoint#peerCredentials()} after accepting, when that matters.
 *
 * @param mode  the socket file's permissions, set right after {@code bind(2)}; empty: the
 *              process umask decides (as Python does). Connecting needs write permission. Between
 *              {@code bind} and {@code chmod} the file has the umask's mode; with the usual umask
 *              022 that grants no other user write access, so no one else can connect in that
 *              instant
 * @param stale what to do when the path exists. Default: {@link StaleFile#FAIL}
 */
public record BindOptions(Optional<Set<PosixFilePermission>> mode, StaleFile stale) {

    /** What to do when a file is already at the path being bound. */
    public enum StaleFile {
        /** Fail with {@link java.net.BindException} (the default, as Python and C do). */
        FAIL,
        /**
         * Remove it and bind again, but only if it is a socket that nobody listens on (a connect
         * is refused): a file left by a process that died. A live socket or any other kind of
         * file still fails.
         */
        REPLACE
    }

    /** Checks the parts and copies the mode. */
    public BindOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(stale, "stale");
        mode = mode.map(Set::copyOf);
    }

    /**
     * The defaults: the umask's mode, fail on an existing file.
     *
     * @return the defaults
     */
    public static BindOptions defaults() {
        return new BindOptions(Optional.empty(), StaleFile.FAIL);
    }

    /**
     * A copy with a file mode.
     *
     * @param permissions the socket file's permissions
     * @return the copy
     */
    public BindOptions withMode(Set<PosixFilePermission> permissions) {
        return new BindOptions(Optional.of(permissions), stale);
    }

    /**
     * A copy with another policy for a file already at the path.
     *
     * @param policy {@link StaleFile#REPLACE} to replace a stale socket file, {@link StaleFile#FAIL}
     *               to fail
     * @return the copy
     */
    public BindOptions withStale(StaleFile policy) {
        return new BindOptions(mode, policy);
    }
}
