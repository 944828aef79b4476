package org.sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * Datagrams from a new peer that were queued when {@code connect} was called, kept for the next
 * receives: the JDK's {@link DatagramChannel#connect} discards the whole queue, so a server that
 * connects to a client after its first datagram would lose the client's next ones. Guarded by
 * the endpoint's read turn.
 */
final class Kept {

    /** At most this many queued datagrams are examined when connecting. */
    static final int MAX_KEPT = 4096;

    /** One kept datagram and its sender. */
    record Datagram(byte[] data, InetSocketAddress from) {
    }

    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();

    /**
     * The next kept datagram.
     *
     * @return it, or null if none is kept
     */
    Datagram poll() {
        return queue.poll();
    }

    /** Drops what was kept from anyone but {@code target} (connect moved to another peer). */
    void keepOnly(InetSocketAddress target) {
        queue.removeIf(p -> !p.from().equals(target));
    }

    /**
     * Takes the channel's queue and keeps the datagrams from {@code target}; those from anyone
     * else are dropped, as connect promises. Switches the channel to non-blocking mode for the
     * drain if it is blocking, and back: the caller holds the read turn (so no blocking receive
     * of ours is in the JDK) and keeps other mode switches out.
     *
     * @param channel the endpoint's channel, bound
     * @param target  the new peer
     * @param scratch a buffer larger than any datagram
     * @throws IOException if the channel fails
     */
    void keepQueuedFrom(DatagramChannel channel, InetSocketAddress target, ByteBuffer scratch) throws IOException {
        boolean wasBlocking = channel.isBlocking();
        if (wasBlocking) {
            channel.configureBlocking(false);
        }
        try {
            SocketAddress from;
            // Bounded: a sender that keeps sending cannot hold connect here; the rest is the JDK's to flush.
            for (int i = 0; i < MAX_KEPT && (from = channel.receive(scratch)) != null; i++) {
                if (from.equals(target)) {
                    scratch.flip();
                    byte[] data = new byte[scratch.remaining()];
                    scratch.get(data);
                    queue.add(new Datagram(data, target));
                }
                scratch.clear();
            }
        } catch (PortUnreachableException e) {
            // an ICMP error left over from the previous peer: it does not concern the new one
        } finally {
            if (wasBlocking) {
                channel.configureBlocking(true);
            }
        }
    }
}
