package org.sockets.api.spi;

import java.io.IOException;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.UnsupportedEndpointOperationException;

/**
 * A source of endpoints for some (family, type) pairs. Implementations are found with
 * {@link java.util.ServiceLoader}: declare them with {@code provides
 * org.sockets.api.spi.TransportProvider with ...} in {@code module-info.java} and list them in
 * {@code META-INF/services/org.sockets.api.spi.TransportProvider} for class-path users.
 *
 * <p>When several providers serve a pair, the one with the highest {@link #priority()} wins,
 * unless the system property {@code org.sockets.transport.FAMILY.TYPE} names another. A provider
 * meant only for explicit use (an in-memory or test transport) gives a negative priority and is
 * opened by name with {@link org.sockets.api.Sockets#open(Family, SocketType, String)}.
 *
 * <p>Implementations need a public no-argument constructor (or a public static
 * {@code provider()} method on the module path) and must be safe for use by many threads.
 */
public interface TransportProvider {

    /** The priority of the library's own transports. */
    int DEFAULT_PRIORITY = 0;

    /**
     * A short, unique name, such as {@code "tcp"}, used to select this provider explicitly.
     *
     * @return the name
     */
    String name();

    /**
     * Whether this provider opens endpoints of a family and type.
     *
     * @param family the family
     * @param type   the type
     * @return {@code true} if {@link #open(Family, SocketType)} works for the pair
     */
    boolean supports(Family family, SocketType type);

    /**
     * Ranks providers that serve the same pair; higher wins. The library's transports use
     * {@link #DEFAULT_PRIORITY}.
     *
     * @return the priority
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * Opens a new, unbound endpoint.
     *
     * @param family a family this provider supports
     * @param type   a type this provider supports
     * @return the endpoint, which the caller must close
     * @throws IOException if the system refuses a socket
     */
    Endpoint open(Family family, SocketType type) throws IOException;

    /**
     * Opens two endpoints connected to each other (Python's {@code socketpair}).
     *
     * @param family the family
     * @param type   the type
     * @return the pair, which the caller must close
     * @throws IOException if the system refuses
     * @throws UnsupportedEndpointOperationException if this provider has no pairs
     */
    default EndpointPair pair(Family family, SocketType type) throws IOException {
        throw new UnsupportedEndpointOperationException("transport '" + name() + "' does not make socket pairs for " + family + "/" + type);
    }
}
