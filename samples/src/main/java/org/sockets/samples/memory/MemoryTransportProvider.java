package org.sockets.samples.memory;

import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.spi.TransportProvider;

/**
 * A sample transport: INET STREAM endpoints that live in this JVM's memory, no sockets at all.
 * It shows what a user-written provider needs: this class, a {@code provides} line in
 * {@code module-info.java} and a {@code META-INF/services} entry.
 *
 * <p>Its priority is negative, so it never shadows the TCP transport: it serves only callers that
 * ask for it by name, {@code Sockets.open(Family.INET, SocketType.STREAM, "memory")}.
 */
public final class MemoryTransportProvider implements TransportProvider {

    /** This provider's name. */
    public static final String NAME = "memory";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MemoryTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Family family, SocketType type) {
        return family == Family.INET && type == SocketType.STREAM;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Endpoint open(Family family, SocketType type) {
        if (!supports(family, type)) {
            throw new IllegalArgumentException("memory transport serves INET/STREAM only, not " + family + "/" + type);
        }
        return new MemoryEndpoint();
    }
}
