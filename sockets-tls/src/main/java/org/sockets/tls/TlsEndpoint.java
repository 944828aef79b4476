package org.sockets.tls;

import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.sockets.api.Endpoint;

/**
 * A TLS connection over another stream {@link Endpoint}: it is itself an {@code Endpoint}, so a
 * protocol holds one type before and after STARTTLS (Python's {@code ssl.SSLSocket}).
 *
 * <p>{@code recv} returns 0 only when the peer sent {@code close_notify}; a transport end of
 * stream without it throws {@link TlsTruncationException}. Timeouts, options and addresses are
 * the wrapped endpoint's. Closing closes the wrapped endpoint too (see {@link #unwrap()} to keep it);
 * it sends {@code close_notify} only if the transport takes it without waiting, so call
 * {@code shutdown(Shutdown.WRITE)} first for a clean end. One thread may receive while another
 * sends.
 *
 * <p>After a send that timed out, the buffer's position covers exactly the bytes whose TLS records
 * were sent in full. Bytes already put into a record cannot be taken back, so the next
 * {@code send}/{@code sendAll} must begin with the bytes that were not reported sent (OpenSSL's
 * rule for retrying {@code SSL_write}); beginning with other bytes throws
 * {@link IllegalStateException} and sends nothing.
 */
public interface TlsEndpoint extends Endpoint {

    /**
     * Runs the handshake now if it has not run (a server endpoint otherwise runs it on first I/O);
     * bounded by the endpoint's timeout. Does nothing once it has completed.
     *
     * @return this endpoint
     * @throws TlsVerificationException if the peer's certificate fails verification
     * @throws IOException on I/O failures or a handshake the peer aborted
     */
    TlsEndpoint handshake() throws IOException;

    /**
     * The TLS session: protocol, cipher suite, peer certificates. Runs the handshake first if it
     * has not run.
     *
     * @return the session
     * @throws IOException if the handshake fails
     */
    SSLSession session() throws IOException;

    /**
     * The application protocol agreed by ALPN (RFC 7301), e.g. {@code "http/1.1"}.
     *
     * @return the protocol, or empty if none was offered or agreed
     * @throws IOException if the handshake fails
     */
    Optional<String> applicationProtocol() throws IOException;

    /**
     * Ends TLS but not the connection (Python's {@code SSLSocket.unwrap}): sends
     * {@code close_notify}, waits for the peer's, and returns the wrapped endpoint, on which
     * plain bytes then flow both ways (FTP's CCC). This endpoint is closed afterwards, without
     * closing the returned one.
     *
     * @return the wrapped endpoint
     * @throws IOException if the peer does not answer with {@code close_notify} in time, or sent
     *         application data after it was asked to stop
     */
    Endpoint unwrap() throws IOException;
}
