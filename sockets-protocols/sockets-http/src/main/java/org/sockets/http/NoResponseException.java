package org.sockets.http;

import org.sockets.protocol.ProtocolException;

/**
 * The server closed the connection (or reset it) after the request was sent and before any byte
 * of a response: Python's {@code RemoteDisconnected}. On a pooled connection this is the race
 * with the server's keep-alive timeout; the client retries such a request once on a fresh
 * connection only if its method is idempotent and its body replayable, and otherwise throws this,
 * since the server may have acted on the request.
 */
public class NoResponseException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** Whether the connection had been used for an earlier exchange. */
    private final boolean reused;

    /**
     * An exception naming the request.
     *
     * @param request what was sent, e.g. {@code "POST http://localhost/x"}
     * @param reused  whether the connection came from the pool
     * @param cause   the end of stream or reset, or null
     */
    public NoResponseException(String request, boolean reused, Throwable cause) {
        super("no response to " + request + ": the server closed the " + (reused ? "pooled " : "") + "connection"
                + " before any byte of a response", cause);
        this.reused = reused;
    }

    /**
     * Whether the connection had carried an earlier exchange (came from the pool).
     *
     * @return {@code true} if reused
     */
    public boolean reused() {
        return reused;
    }
}
