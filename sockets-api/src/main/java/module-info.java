/**
 * The sockets API: Python's {@code socket} module as Java types.
 *
 * <p>{@link org.sockets.api.Sockets} is the front door: it opens an {@link org.sockets.api.Endpoint}
 * for a {@link org.sockets.api.Family} and {@link org.sockets.api.SocketType} from whichever
 * {@link org.sockets.api.spi.TransportProvider} serves the pair. Providers are found with
 * {@link java.util.ServiceLoader} on the module path ({@code provides}) and on the class path
 * ({@code META-INF/services}).
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code org.sockets.transport.FAMILY.TYPE} (e.g. {@code org.sockets.transport.INET.STREAM=tcp}):
 *       the name of the provider to use for that pair, overriding priorities. Default: unset.</li>
 *   <li>{@code org.sockets.spins}: how many times a virtual thread whose call would block yields
 *       and retries before it parks and waits for a poller thread, in every transport of this
 *       project (TCP and UDP through {@code org.sockets.api.internal}, Unix in its own poller).
 *       Default: 2; 0 parks at once. Read once, when the first endpoint waits.</li>
 * </ul>
 *
 * <p>This module depends on nothing but the JDK. It exports the API package and the SPI package;
 * the transports live in their own modules ({@code org.sockets.tcp}, {@code org.sockets.udp},
 * {@code org.sockets.unix}). {@code org.sockets.api.internal}, the readiness machinery of the
 * transports on JDK channels, is exported only to them, as {@code java.base} exports
 * {@code sun.nio.ch}: it is not API, and a third-party transport needs only the SPI (see
 * docs/decisions/2026-12-06-internal-export.md).
 */
module org.sockets.api {
    requires jdk.net;

    exports org.sockets.api;
    exports org.sockets.api.spi;
    exports org.sockets.api.internal to org.sockets.tcp, org.sockets.udp;

    uses org.sockets.api.spi.TransportProvider;
}
