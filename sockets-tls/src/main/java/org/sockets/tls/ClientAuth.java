package org.sockets.tls;

/** Whether a TLS server asks its clients for a certificate. */
public enum ClientAuth {
    /** No client certificate is asked for (the default). */
    NONE,
    /** A certificate is asked for; a client without one is still served. */
    WANT,
    /** A certificate is required; a client without a valid one fails the handshake. */
    NEED
}
