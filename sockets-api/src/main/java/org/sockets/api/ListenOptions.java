package org.sockets.api;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Sockets#listen(Address, ListenOptions)} makes a server endpoint: Python's
 * {@code create_server} arguments. Immutable; each {@code withX} method returns a copy.
 *
 * @param backlog      the listen backlog. Default: 128
 * @param reuseAddress sets {@code SO_REUSEADDR} so a restarted server can bind a port with
 *                     connections in TIME_WAIT, as Python does on POSIX. Default: true
 * @param reusePort    sets {@code SO_REUSEPORT}. Default: false
 * @param dualStack    for an {@link Address.Any} address or an IPv6 wildcard: one INET6 endpoint
 *                     that accepts IPv4 clients too. Default: false (an {@code Any} address then
 *                     listens on INET)
 * @param family       the family for an {@link Address.Any} or {@link Address.Host} address;
 *                     empty picks INET (INET6 with {@code dualStack}). Default: empty
 */
public record ListenOptions(int backlog, boolean reuseAddress, boolean reusePort, boolean dualStack,
                            Optional<Family> family) {

    /** Checks the parts. */
    public ListenOptions {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative, not " + backlog);
        }
        Objects.requireNonNull(family, "family");
    }

    /**
     * The defaults: backlog 128, SO_REUSEADDR on, SO_REUSEPORT off, no dual stack.
     *
     * @return the default options
     */
    public static ListenOptions defaults() {
        return new ListenOptions(128, true, false, false, Optional.empty());
    }

    /**
     * A copy with another backlog.
     *
     * @param n zero or more
     * @return the copy
     */
    public ListenOptions withBacklog(int n) {
        return new ListenOptions(n, reuseAddress, reusePort, dualStack, family);
    }

    /**
     * A copy with SO_REUSEADDR on or off.
     *
     * @param on whether to set it
     * @return the copy
     */
    public ListenOptions withReuseAddress(boolean on) {
        return new ListenOptions(backlog, on, reusePort, dualStack, family);
    }

    /**
     * A copy with SO_REUSEPORT on or off.
     *
     * @param on whether to set it
     * @return the copy
     */
    public ListenOptions withReusePort(boolean on) {
        return new ListenOptions(backlog, reuseAddress, on, dualStack, family);
    }

    /**
     * A copy that listens on IPv6 and IPv4 with one endpoint.
     *
     * @param on whether to
     * @return the copy
     */
    public ListenOptions withDualStack(boolean on) {
        return new ListenOptions(backlog, reuseAddress, reusePort, on, family);
    }

    /**
     * A copy with a family for wildcard and host-name addresses.
     *
     * @param f the family
     * @return the copy
     */
    public ListenOptions withFamily(Family f) {
        return new ListenOptions(backlog, reuseAddress, reusePort, dualStack, Optional.of(f));
    }
}
