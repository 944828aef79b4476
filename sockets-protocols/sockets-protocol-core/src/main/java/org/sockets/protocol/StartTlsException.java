package org.sockets.protocol;

/**
 * The TLS upgrade the policy requires did not happen: the server does not offer it, refused it,
 * the handshake failed, or the server skipped ahead (IMAP {@code * PREAUTH}, FTP {@code 230}
 * before {@code AUTH TLS}). The connection is closed and no credential was sent.
 */
public class StartTlsException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception saying why the upgrade failed.
     *
     * @param message what the server did
     */
    public StartTlsException(String message) {
        super(message);
    }

    /**
     * An exception with the failure underneath.
     *
     * @param message what failed
     * @param cause   the failure (a negative reply, a TLS error)
     */
    public StartTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
