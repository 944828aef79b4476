package org.sockets.tcp;

import java.io.IOException;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.spi.TransportProvider;

/**
 * Provides INET and INET6 STREAM endpoints (TCP) on the JDK's {@link java.nio.channels.SocketChannel}
 * and {@link java.nio.channels.ServerSocketChannel}.
 */
public final class TcpTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TcpTransportProvider() {
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public boolean supports(Family family, SocketType type) {
        return type == SocketType.STREAM && (family == Family.INET || family == Family.INET6);
    }

    @Override
    public Endpoint open(Family family, SocketType type) throws IOException {
        if (!supports(family, type)) {
            throw new IllegalArgumentException("tcp transport serves INET/STREAM and INET6/STREAM, not " + family + "/" + type);
        }
        return TcpEndpoint.open(family);
    }
}
