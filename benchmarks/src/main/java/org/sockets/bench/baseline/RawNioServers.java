package org.sockets.bench.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.sockets.bench.Patterns;

/**
 * The frozen baseline: the benchmark servers written on raw JDK NIO, the way a careful engineer
 * writes them without our library.
 *
 * <p>FROZEN. This class is the yardstick {@code SocketsServers} is measured against; it may be
 * made faster (then the new figures are the honest ones), never slower. Reviewed as if by a
 * hostile reader (docs/decisions/2026-11-26-bench-frozen-baseline.md):
 * <ul>
 * <li>blocking {@link SocketChannel}s, the JDK's fastest single-connection path (no selector, no
 *     readiness round trip; a virtual thread parks inside the JDK);</li>
 * <li>direct buffers, allocated once per connection and reused (no per-call temporary copy);</li>
 * <li>TCP_NODELAY on every accepted connection;</li>
 * <li>the accept loop writes a heap {@link ByteBuffer#wrap wrapped} array, because the tutorial
 *     (and our API's {@code sendAll(byte[])}) sends a byte string; ours does the same;</li>
 * <li>platform threads for the sequential servers (the caller's thread), one virtual thread per
 *     connection in the concurrent variant: the same in {@code SocketsServers}.</li>
 * </ul>
 * Every method returns when its listener is closed (the process is killed at the end of a trial).
 */
public final class RawNioServers {

    private RawNioServers() {
    }

    /**
     * Opens the listener: loopback, an ephemeral port, {@link Patterns#BACKLOG}.
     *
     * @param host the loopback address to bind
     * @return the bound, listening channel
     * @throws IOException if it cannot bind
     */
    public static ServerSocketChannel listen(String host) throws IOException {
        // INET, not the JDK's default dual-stack socket: the family our endpoint opens for
        // Family.INET, so both servers' accepted sockets are plain IPv4 sockets.
        ServerSocketChannel ssc = ServerSocketChannel.open(StandardProtocolFamily.INET);
        ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ssc.bind(new InetSocketAddress(host, 0), Patterns.BACKLOG);
        return ssc;
    }

    /**
     * Bulk source: for each one-byte request it reads, writes {@link Patterns#BULK_BYTES} from a
     * 64 KiB direct buffer, 64 KiB per write. The server is the sending side because on loopback
     * the sender pays for most of the kernel's work (its write runs the whole TCP and loopback
     * path); the side under test must be the busy one.
     *
     * @param ssc the listener (one connection is served at a time)
     * @throws IOException on an I/O error
     */
    public static void bulk(ServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            try (SocketChannel sc = ssc.accept()) {
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ByteBuffer chunk = ByteBuffer.allocateDirect(Patterns.BULK_CHUNK);
                ByteBuffer request = ByteBuffer.allocateDirect(1);
                while (sc.read(request.clear()) > 0) {
                    for (long sent = 0; sent < Patterns.BULK_BYTES; sent += Patterns.BULK_CHUNK) {
                        chunk.clear();
                        while (chunk.hasRemaining()) {
                            sc.write(chunk);
                        }
                    }
                }
            }
        }
    }

    /**
     * Echo: reads a 64-byte message fully, writes it back, until the client closes.
     *
     * @param ssc the listener (one connection is served at a time)
     * @throws IOException on an I/O error
     */
    public static void pingPong(ServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            try (SocketChannel sc = ssc.accept()) {
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
                serve:
                while (true) {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        if (sc.read(buf) < 0) {
                            break serve; // the client closed
                        }
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        sc.write(buf);
                    }
                }
            }
        }
    }

    /**
     * The tutorial's sequential server: accept, send "Thank you for connecting", close; on the
     * caller's (platform) thread.
     *
     * @param ssc the listener
     * @throws IOException on an I/O error
     */
    public static void acceptSequential(ServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            try (SocketChannel sc = ssc.accept()) {
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ByteBuffer msg = ByteBuffer.wrap(Patterns.THANK_YOU);
                while (msg.hasRemaining()) {
                    sc.write(msg);
                }
            }
        }
    }

    /**
     * The concurrent variant: the acceptor hands each connection to a new virtual thread, which
     * sends the message and closes.
     *
     * @param ssc the listener
     * @throws IOException on an I/O error
     */
    public static void acceptConcurrent(ServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            SocketChannel sc = ssc.accept();
            Thread.ofVirtual().start(() -> {
                try (sc) {
                    sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ByteBuffer msg = ByteBuffer.wrap(Patterns.THANK_YOU);
                    while (msg.hasRemaining()) {
                        sc.write(msg);
                    }
                } catch (IOException ignored) {
                    // a client that went away early costs the server nothing more
                }
            });
        }
    }
}
