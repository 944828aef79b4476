package org.sockets.api;

import java.io.Serial;

/**
 * An operation was called in a state that does not allow it, for instance {@code recv} on a
 * stream endpoint that is not connected, or {@code bind} twice. The message names the family,
 * type and state, as {@code "recv: INET/STREAM endpoint is bound to 127.0.0.1:9999, not connected"}.
 *
 * <p>Like {@link java.nio.channels.NotYetConnectedException}, this is a programming error, not an
 * I/O failure.
 */
public class EndpointStateException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was called, on what, and in which state
     */
    public EndpointStateException(String message) {
        super(message);
    }
}
