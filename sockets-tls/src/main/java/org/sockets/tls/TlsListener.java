package org.sockets.tls;

import java.io.Closeable;
import java.io.IOException;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;

/**
 * A listening endpoint whose accepted connections are TLS server endpoints (Python's
 * {@code SSLContext.wrap_socket(server_side=True)} on a listening socket, with
 * {@code do_handshake_on_connect=False}). {@link #accept()} does no TLS I/O: each connection's
 * handshake runs on its first {@code recv}/{@code send} or {@link TlsEndpoint#handshake()}, in
 * the thread serving it, so a client that connects and sends nothing stalls only its own thread.
 *
 * {@snippet :
 * try (TlsListener listener = Tls.listen(Sockets.open(Family.INET, SocketType.STREAM)
 *         .bind(Address.of("127.0.0.1", 0)).listen(), serverOptions)) {
 *     while (true) {
 *         TlsEndpoint conn = listener.accept();
 *         Thread.startVirtualThread(() -> serve(conn));
 *     }
 * }
 * }
 */
public interface TlsListener extends Closeable {

    /**
     * Waits for a connection, as the listening endpoint's {@code accept} does (and under its
     * timeout), and wraps it without a handshake.
     *
     * @return the connection, handshake pending, which the caller must close
     * @throws IOException as the listening endpoint's {@code accept}
     */
    TlsEndpoint accept() throws IOException;

    /**
     * The listening address.
     *
     * @return the address, with the real port if 0 was asked for
     * @throws IOException on I/O failures
     */
    Address localAddress() throws IOException;

    /**
     * The listening endpoint this wraps, for its options and timeout.
     *
     * @return the endpoint
     */
    Endpoint endpoint();

    /**
     * Whether the listener is still open.
     *
     * @return {@code false} once closed
     */
    boolean isOpen();

    /** Closes the listening endpoint; connections already accepted stay open. Never throws. */
    @Override
    void close();
}
