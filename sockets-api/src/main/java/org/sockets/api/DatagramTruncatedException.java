package org.sockets.api;

import java.io.Serial;
import java.net.SocketException;
import java.util.Objects;

/**
 * A datagram received with {@link Endpoint#recv(java.nio.ByteBuffer)} was longer than the space
 * the caller gave, and its tail was lost. {@code recv} returns only a count, so it cannot say
 * "truncated" any other way; Python's {@code recv} cuts the datagram silently instead.
 *
 * <p>The part that fit is in the caller's buffer (its position advanced past it) and also in
 * {@link #datagram()}, with the sender and the length the datagram had on the wire. Use
 * {@link Endpoint#recvFrom(java.nio.ByteBuffer)}, which reports truncation in its result, to
 * receive datagrams of unknown size without an exception.
 */
public class DatagramTruncatedException extends SocketException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Not serialized: a received datagram is not worth carrying across a stream. */
    private final transient Datagram datagram;

    /**
     * Creates the exception.
     *
     * @param message  the operation, the endpoint and the lengths
     * @param datagram what was kept, who sent it and its real length
     */
    public DatagramTruncatedException(String message, Datagram datagram) {
        super(message);
        this.datagram = Objects.requireNonNull(datagram, "datagram");
    }

    /**
     * The part of the datagram that fit, its sender, and its length on the wire
     * ({@link Datagram#originalLength()}, -1 if the system did not tell).
     *
     * @return the truncated datagram
     */
    public Datagram datagram() {
        return datagram;
    }
}
