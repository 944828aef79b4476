/**
 * The UDP transport: INET and INET6 DGRAM endpoints on the JDK's
 * {@link java.nio.channels.DatagramChannel}, with connected mode, {@code "<broadcast>"},
 * multicast (any-source and source-specific, IPv4 and IPv6) and truncation made visible.
 *
 * <p>Nothing is exported: users reach it through {@link org.sockets.api.Sockets}, which finds it
 * with {@link java.util.ServiceLoader}. Add the jar to the module path or the class path.
 */
module org.sockets.udp {
    requires org.sockets.api;

    provides org.sockets.api.spi.TransportProvider with org.sockets.udp.UdpTransportProvider;
}
