package org.sockets.api;

import java.util.Objects;

/**
 * What {@link Endpoint#recvFrom(java.nio.ByteBuffer)} put into the caller's buffer: Python's
 * {@code (nbytes, address)} from {@code recvfrom_into}, plus truncation.
 *
 * @param length         the bytes written into the buffer
 * @param sender         who sent the datagram
 * @param originalLength the datagram's length on the wire: {@code length} when it fit, more when
 *                       it was truncated, -1 when truncated by an unknown amount
 */
public record Received(int length, Address sender, int originalLength) {

    /** Checks the parts. */
    public Received {
        Objects.requireNonNull(sender, "sender");
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
    }

    /**
     * Whether the datagram was longer than the buffer's remaining space.
     *
     * @return {@code true} if bytes were cut off
     */
    public boolean truncated() {
        return originalLength != length;
    }
}
