package org.sockets.bench.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.sockets.bench.Patterns;

/**
 * The frozen UDP baseline: the datagram receiver written on a raw JDK {@link DatagramChannel}, the
 * way a careful engineer writes it without our library.
 *
 * <p>FROZEN, like {@link RawNioServers}: it may be made faster, never slower; reviewed as if by a
 * hostile reader (docs/decisions/2026-11-26-bench-udp-unix.md):
 * <ul>
 * <li>a blocking channel opened as {@code INET} (what our endpoint opens for {@code Family.INET}),
 *     bound to 127.0.0.1, no options changed (kernel-default SO_RCVBUF, as ours and Python's);
 *     in the loss-sensitive configuration only, SO_RCVBUF set to the same requested size on every
 *     receiver alike (this one, ours and Python's), before the bind, nothing else;</li>
 * <li>{@code receive} into one direct 64 KiB buffer, allocated once (the JDK's no-copy path: a heap
 *     buffer would go through a temporary direct buffer and a copy);</li>
 * <li>{@code receive}, not connected {@code read}: the receiver is a server that learns its
 *     sender from each datagram, as Python's {@code recvfrom_into} and our {@code recvFrom};</li>
 * <li>the caller's (platform) thread; a counter in a local variable; no allocation, no lock, no
 *     logging per datagram.</li>
 * </ul>
 * <p>{@link #heapReceiver} is the same receiver into a 2 KiB heap buffer ({@link Patterns#UDP_HEAP_BUFFER}),
 * the baseline with identical options for our heap row: the JDK receives into a temporary direct
 * buffer of its own and copies, as ours receives into its scratch buffer and copies.
 */
public final class RawUdpServers {

    private RawUdpServers() {
    }

    /**
     * Opens the receiver: 127.0.0.1, an ephemeral port, no option changed.
     *
     * @return the bound channel
     * @throws IOException if it cannot bind
     */
    public static DatagramChannel open() throws IOException {
        return open(0);
    }

    /**
     * Opens the receiver: 127.0.0.1, an ephemeral port, SO_RCVBUF as asked.
     *
     * @param rcvbuf the SO_RCVBUF to request (the kernel doubles it), or 0 for the kernel default
     * @return the bound channel
     * @throws IOException if it cannot bind
     */
    public static DatagramChannel open(int rcvbuf) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        if (rcvbuf > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
        }
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        return ch;
    }

    /**
     * Counts the data datagrams it receives; answers each {@link Patterns#COUNT_QUERY}-byte query
     * with the count so far (to the query's sender). Returns when the channel is closed.
     *
     * @param ch the bound channel
     * @throws IOException on an I/O error
     */
    public static void receiver(DatagramChannel ch) throws IOException {
        receive(ch, ByteBuffer.allocateDirect(Patterns.UDP_BUFFER));
    }

    /**
     * {@link #receiver}, into a heap buffer of {@link Patterns#UDP_HEAP_BUFFER} bytes, allocated once.
     *
     * @param ch the bound channel
     * @throws IOException on an I/O error
     */
    public static void heapReceiver(DatagramChannel ch) throws IOException {
        receive(ch, ByteBuffer.allocate(Patterns.UDP_HEAP_BUFFER));
    }

    private static void receive(DatagramChannel ch, ByteBuffer buf) throws IOException {
        ByteBuffer reply = ByteBuffer.allocateDirect(Patterns.COUNT_REPLY);
        long count = 0;
        while (ch.isOpen()) {
            buf.clear();
            SocketAddress from = ch.receive(buf);
            if (buf.position() == Patterns.COUNT_QUERY) {
                reply.clear();
                reply.putLong(buf.getLong(0)).putLong(count).flip();
                ch.send(reply, from);
            } else {
                count++;
            }
        }
    }
}
