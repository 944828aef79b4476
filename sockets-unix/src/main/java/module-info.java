/**
 * The Unix-domain transport: UNIX STREAM, DGRAM and SEQPACKET endpoints, filesystem paths and
 * Linux abstract names, peer credentials, descriptor passing ({@code SCM_RIGHTS}) and
 * {@code socketpair}, on the Foreign Function and Memory API (no JNI, nothing to compile).
 *
 * <p>Users reach it through {@link org.sockets.api.Sockets}; the exported package
 * {@code org.sockets.unix} holds the Unix-only extras. Run with
 * {@code --enable-native-access=org.sockets.unix} (module path) or
 * {@code --enable-native-access=ALL-UNNAMED} (class path).
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code org.sockets.unix.spins}: how many times a virtual thread whose call would block
 *       yields and retries before it parks and waits for the poller. Default: 2 (measured: it
 *       takes a virtual-thread ping-pong from about 0.9x to about 1.4x the JDK's Unix
 *       {@code SocketChannel}); 0 parks at once.</li>
 * </ul>
 */
module org.sockets.unix {
    requires org.sockets.api;

    exports org.sockets.unix;

    provides org.sockets.api.spi.TransportProvider with org.sockets.unix.internal.UnixTransportProvider;
}
