package org.sockets.tls;

import java.io.Serial;
import javax.net.ssl.SSLProtocolException;

/**
 * The peer asked to renegotiate a TLS 1.2 connection, which this library never does (renegotiation
 * has a history of attacks, and TLS 1.3 removed it). The connection is closed.
 */
public final class TlsRenegotiationException extends SSLProtocolException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the endpoint
     */
    public TlsRenegotiationException(String message) {
        super(message);
    }
}
