package org.sockets.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One received datagram: its bytes, its sender, and whether it was cut to fit.
 *
 * <p>The array belongs to whoever received the datagram; the record neither copies it nor hands
 * it out to anyone else.
 *
 * @param data           the bytes received (at most the size asked for)
 * @param sender         who sent it: an {@link Address.Ip}, or for Unix sockets an
 *                       {@link Address.UnixPath}, {@link Address.UnixAbstract} or
 *                       {@link Address.UnixUnnamed}
 * @param originalLength the length the datagram had on the wire: {@code data.length} when it
 *                       fit, more when it was truncated, or -1 when it was truncated and the
 *                       system did not tell by how much
 */
public record Datagram(byte[] data, Address sender, int originalLength) {

    /** Checks the parts. */
    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sender, "sender");
        if (originalLength != -1 && originalLength < data.length) {
            throw new IllegalArgumentException("originalLength " + originalLength + " < data length " + data.length);
        }
    }

    /**
     * Whether the datagram was longer than the buffer and its tail was lost.
     *
     * @return {@code true} if bytes were cut off
     */
    public boolean truncated() {
        return originalLength != data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(data, d.data) && sender.equals(d.sender)
                && originalLength == d.originalLength;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + sender.hashCode() * 17 + originalLength;
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + sender + (truncated() ? ", truncated from " + originalLength : "") + "]";
    }
}
