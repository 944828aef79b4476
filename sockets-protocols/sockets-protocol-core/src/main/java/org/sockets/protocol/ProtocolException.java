package org.sockets.protocol;

import java.io.IOException;

/**
 * A protocol client's failure that is not a plain transport error: a negative or malformed reply,
 * a limit exceeded, a policy refusal. Subtypes say which.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what went wrong, with the failing value
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
