package org.sockets.api;

import java.io.Serial;
import java.nio.channels.ClosedChannelException;

/**
 * An operation was called on an endpoint that is already closed. Being a
 * {@link ClosedChannelException}, it is an {@link java.io.IOException}, as in the JDK; unlike it,
 * it says which endpoint and which operation.
 */
public class EndpointClosedException extends ClosedChannelException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;

    /**
     * Creates the exception.
     *
     * @param message the operation and the endpoint
     */
    public EndpointClosedException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
