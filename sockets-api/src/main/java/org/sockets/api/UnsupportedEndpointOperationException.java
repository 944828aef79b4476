package org.sockets.api;

import java.io.Serial;

/**
 * An operation does not exist for the endpoint's family or type, for instance {@code listen} on
 * a datagram endpoint, or an option the endpoint does not support. The message names the
 * operation, the family and the type.
 */
public class UnsupportedEndpointOperationException extends UnsupportedOperationException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was called and on which kind of endpoint
     */
    public UnsupportedEndpointOperationException(String message) {
        super(message);
    }
}
