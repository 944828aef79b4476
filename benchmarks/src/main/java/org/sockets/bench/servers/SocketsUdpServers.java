package org.sockets.bench.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.Received;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.bench.Patterns;
import org.sockets.bench.baseline.RawUdpServers;

/**
 * The UDP receiver on our API, line for line {@link RawUdpServers#receiver}: an INET/DGRAM endpoint
 * from {@link Sockets#open} (sockets-udp, found by ServiceLoader), bound to 127.0.0.1, no options
 * changed (SO_RCVBUF only in the loss-sensitive configuration, as the baseline), no timeout (the blocking path), {@code recvFrom} in a loop on the caller's thread.
 * Two buffer kinds: direct 64 KiB (identical to the baseline: ours receives straight into it) and
 * a 2 KiB heap array (the common case in user code: ours receives into its 64 KiB scratch buffer
 * and copies, which is where a cost would show).
 */
public final class SocketsUdpServers {

    private SocketsUdpServers() {
    }

    /**
     * Opens the receiver: 127.0.0.1, an ephemeral port, SO_RCVBUF as {@link RawUdpServers#open(int)}.
     *
     * @param rcvbuf the SO_RCVBUF to request (the kernel doubles it), or 0 for the kernel default
     * @return the bound endpoint
     * @throws IOException if it cannot bind
     */
    public static Endpoint open(int rcvbuf) throws IOException {
        Endpoint ep = Sockets.open(Family.INET, SocketType.DGRAM);
        if (rcvbuf > 0) {
            ep.option(Options.SO_RCVBUF, rcvbuf);
        }
        ep.bind(Address.of("127.0.0.1", 0));
        return ep;
    }

    /**
     * Counts data datagrams, answers count queries, as {@link RawUdpServers#receiver}.
     *
     * @param ep     the bound endpoint
     * @param direct true for the direct 64 KiB buffer, false for the 2 KiB heap array
     * @throws IOException on an I/O error
     */
    public static void receiver(Endpoint ep, boolean direct) throws IOException {
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(Patterns.UDP_BUFFER) : ByteBuffer.allocate(Patterns.UDP_HEAP_BUFFER);
        ByteBuffer reply = ByteBuffer.allocateDirect(Patterns.COUNT_REPLY);
        long count = 0;
        while (ep.isOpen()) {
            buf.clear();
            Received r = ep.recvFrom(buf);
            if (r.length() == Patterns.COUNT_QUERY) {
                reply.clear();
                reply.putLong(buf.getLong(0)).putLong(count).flip();
                ep.sendTo(reply, r.sender());
            } else {
                count++;
            }
        }
    }
}
