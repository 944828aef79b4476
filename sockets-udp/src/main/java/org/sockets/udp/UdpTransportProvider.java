package org.sockets.udp;

import java.io.IOException;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.spi.TransportProvider;

/**
 * Provides INET and INET6 DGRAM endpoints (UDP) on the JDK's
 * {@link java.nio.channels.DatagramChannel}.
 */
public final class UdpTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UdpTransportProvider() {
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public boolean supports(Family family, SocketType type) {
        return type == SocketType.DGRAM && (family == Family.INET || family == Family.INET6);
    }

    @Override
    public Endpoint open(Family family, SocketType type) throws IOException {
        if (!supports(family, type)) {
            throw new IllegalArgumentException("udp transport serves INET/DGRAM and INET6/DGRAM, not " + family + "/" + type);
        }
        return UdpEndpoint.open(family);
    }
}
