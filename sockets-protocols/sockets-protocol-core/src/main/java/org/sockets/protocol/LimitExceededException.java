package org.sockets.protocol;

/**
 * The server sent more than a {@link Limits limit} allows: a line, a multi-line reply, a header
 * block or an in-memory body too long. The connection is closed: what follows cannot be trusted.
 */
public class LimitExceededException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded, in bytes or fields. */
    private final long limit;

    /**
     * An exception naming the limit.
     *
     * @param what  what was too long, e.g. {@code "reply line"}
     * @param limit the limit, in bytes (or fields, as {@code what} says)
     */
    public LimitExceededException(String what, long limit) {
        super(what + " exceeds the limit of " + limit);
        this.limit = limit;
    }

    /**
     * The limit that was exceeded.
     *
     * @return the limit
     */
    public long limit() {
        return limit;
    }
}
