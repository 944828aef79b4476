package org.sockets.contract;

/**
 * What some transports have and others lack; a {@link Transport} names what it lacks and the
 * suite leaves out the tests that need it ({@link Needs}).
 */
public enum Feature {
    /**
     * An empty send is a message of its own, told apart from end of stream: on a stream it sends
     * nothing, on a datagram endpoint it sends an empty datagram. SEQPACKET lacks it: an empty
     * record and end of stream both read as 0.
     */
    EMPTY_MESSAGES,
    /**
     * Bytes, not records: one send may be split over several receives and one call may send more
     * than a socket buffer holds. SEQPACKET lacks it (each send is one record, kept whole); the
     * suite still runs its other stream tests there, sending records of at most
     * {@link StreamContract#RECORD} bytes and receiving into buffers that hold any of them.
     */
    BYTE_STREAM,
    /** A listener: {@code listen}, {@code accept}, and endpoints that connect to it. */
    LISTENER,
    /**
     * {@code shutdown(READ)} and {@code shutdown(WRITE)} each end one direction while the other
     * goes on.
     */
    HALF_CLOSE,
    /**
     * A send that timed out without sending anything has committed nothing: the next send may
     * carry other bytes. TLS lacks it: the record made for the timed-out send cannot be taken back
     * (its sequence number is spent), so the next send must begin with the bytes it was told were
     * not sent, as OpenSSL requires of a retried {@code SSL_write}.
     */
    RETRACTABLE_SENDS
}
