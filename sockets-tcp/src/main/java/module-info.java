/**
 * The TCP transport: INET and INET6 STREAM endpoints on the JDK's socket channels.
 *
 * <p>Nothing is exported: users reach it through {@link org.sockets.api.Sockets}, which finds it
 * with {@link java.util.ServiceLoader}. Add the jar to the module path or the class path.
 */
module org.sockets.tcp {
    requires org.sockets.api;
    requires jdk.net;

    provides org.sockets.api.spi.TransportProvider with org.sockets.tcp.TcpTransportProvider;
}
