package org.sockets.api;

import java.io.Serial;

/**
 * No transport provider on the module path or class path serves the family and type asked for.
 * The message names the pair and the module to add, as
 * {@code "no transport for UNIX/DGRAM: add org.sockets:sockets-unix"}.
 */
public class TransportNotFoundException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked for and what to add
     */
    public TransportNotFoundException(String message) {
        super(message);
    }
}
