/**
 * The Unix-domain transport: UNIX STREAM, DGRAM and SEQPACKET endpoints, filesystem paths and
 * Linux abstract names, peer credentials, descriptor passing ({@code SCM_RIGHTS}) and
 * {@code socketpair}, on the Foreign Function and Memory API (no JNI, nothing to compile).
 *
 * <p>Users reach it through {@link org.sockets.api.Sockets}; the exported package
 * {@code org.sockets.unix} holds the Unix-only extras. Run with
 * {@code --enable-native-access=org.sockets.unix} (module path) or
 * {@code --enable-native-access=ALL-UNNAMED} (class path).
 */
module org.sockets.unix {
    requires org.sockets.api;

    exports org.sockets.unix;

    provides org.sockets.api.spi.TransportProvider with org.sockets.unix.internal.UnixTransportProvider;
}
