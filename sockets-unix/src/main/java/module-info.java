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
 *   <li>{@code org.sockets.spins}: how many times a virtual thread whose call would block yields
 *       and retries before it parks and waits for the poller; the project-wide property that
 *       sockets-api documents, read here too. Default: 2; 0 parks at once (see
 *       docs/decisions/2026-11-26-unix-poller.md for what it was measured to do).</li>
 *   <li>{@code org.sockets.unix.pollSliceMillis}: the longest single {@code poll(2)} of a platform
 *       thread waiting on a Unix socket (a timed call, a listener, a shared socket): an interrupt
 *       is noticed within one slice. Default: 100; at least 1. A call blocked in the kernel
 *       itself (no timeout) has no slice: an interrupt closes the endpoint at once, as it closes
 *       a JDK channel.</li>
 * </ul>
 */
module org.sockets.unix {
    requires org.sockets.api;

    exports org.sockets.unix;

    provides org.sockets.api.spi.TransportProvider with org.sockets.unix.internal.UnixTransportProvider;
}
