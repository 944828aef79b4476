package org.sockets.protocol;

/**
 * A credential was about to be sent over a connection without TLS and the caller did not opt in
 * to plain text ({@link ClientOptions#withPlainTextCredentials()}). Thrown before any byte of it
 * reaches the socket.
 */
public class PlainTextRefusedException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the refused command.
     *
     * @param message what was refused and how to allow it
     */
    public PlainTextRefusedException(String message) {
        super(message);
    }
}
