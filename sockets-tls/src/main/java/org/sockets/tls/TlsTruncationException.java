package org.sockets.tls;

import java.io.IOException;
import java.io.Serial;

/**
 * The transport reached end of stream without the peer's {@code close_notify}: the data may have
 * been cut by an attacker or a failure, so a TLS stream never reports such an end as a normal
 * end of stream (Python's {@code ssl.SSLEOFError}). Protocols that can tell a complete transfer
 * otherwise (HTTP with a complete {@code Content-Length}) may decide to accept it.
 */
public final class TlsTruncationException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was cut, naming the endpoint
     */
    public TlsTruncationException(String message) {
        super(message);
    }
}
