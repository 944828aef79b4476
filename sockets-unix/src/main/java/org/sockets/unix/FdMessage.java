package org.sockets.unix;

import java.util.List;
import java.util.Objects;
import org.sockets.api.Address;

/**
 * What {@link UnixEndpoint#recvFds(java.nio.ByteBuffer, int)} received: Python's
 * {@code (data, fds, flags, address)} from {@code socket.recv_fds}.
 *
 * <p>The caller owns the descriptors and must close each one it does not hand on (they are
 * close-on-exec, and a descriptor that becomes unreachable unclosed is closed by a cleaner, but
 * that may be much later).
 *
 * @param length               the bytes written into the buffer
 * @param descriptors          the descriptors that came with the data, in order
 * @param sender               who sent it (on datagram sockets; {@link Address.UnixUnnamed} for an
 *                             unnamed sender or on connected stream sockets)
 * @param truncated            the datagram was longer than the buffer and its tail was lost
 * @param descriptorsTruncated more descriptors came than {@code maxFds}; the kernel closed the rest
 */
public record FdMessage(int length, List<Descriptor> descriptors, Address sender, boolean truncated, boolean descriptorsTruncated) {

    /** Checks the parts and copies the list. */
    public FdMessage {
        Objects.requireNonNull(sender, "sender");
        descriptors = List.copyOf(descriptors);
    }
}
