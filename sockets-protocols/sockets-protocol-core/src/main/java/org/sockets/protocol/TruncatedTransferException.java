package org.sockets.protocol;

/**
 * The server closed the connection in the middle of a reply or body: a dot-terminated block cut
 * before its {@code "."}, a line cut before its end. Never a short success: it says how much came.
 */
public class TruncatedTransferException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The bytes of the reply or body received before the end of stream. */
    private final long received;

    /**
     * An exception saying what was cut and how much of it arrived.
     *
     * @param what     what was cut, e.g. {@code "dot-terminated block"}
     * @param received bytes of it received before the end of stream
     */
    public TruncatedTransferException(String what, long received) {
        super(what + " truncated: the server closed the connection after " + received + " bytes of it");
        this.received = received;
    }

    /**
     * How much arrived before the end of stream.
     *
     * @return bytes received
     */
    public long received() {
        return received;
    }
}
