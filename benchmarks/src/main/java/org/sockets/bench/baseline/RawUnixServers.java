package org.sockets.bench.baseline;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.sockets.bench.Patterns;

/**
 * The frozen Unix-domain STREAM baseline: the JDK's own {@link SocketChannel} on a
 * {@link UnixDomainSocketAddress}, the same servers as {@link RawNioServers} line for line (minus
 * TCP_NODELAY, which a Unix socket does not have).
 *
 * <p>FROZEN, like {@link RawNioServers}: it may be made faster, never slower; reviewed as if by a
 * hostile reader (docs/decisions/2026-11-26-bench-udp-unix.md): blocking channels (the JDK's
 * fastest single-connection path, no selector), direct buffers allocated once per connection (64
 * KiB for bulk, 64 B for ping-pong), the caller's (platform) thread, no per-call allocation, lock
 * or logging. The socket file lives in a temporary directory the caller owns.
 */
public final class RawUnixServers {

    private RawUnixServers() {
    }

    /**
     * Opens the listener on a socket file.
     *
     * @param path where to bind (must not exist)
     * @return the bound, listening channel
     * @throws IOException if it cannot bind
     */
    public static ServerSocketChannel listen(Path path) throws IOException {
        ServerSocketChannel ssc = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ssc.bind(UnixDomainSocketAddress.of(path), Patterns.BACKLOG);
        return ssc;
    }

    /**
     * Bulk source, as {@link RawNioServers#bulk}: for each one-byte request, writes
     * {@link Patterns#BULK_BYTES} in 64 KiB writes from one direct buffer.
     *
     * @param ssc the listener (one connection at a time)
     * @throws IOException on an I/O error
     */
    public static void bulk(ServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            try (SocketChannel sc = ssc.accept()) {
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
     * Echo, as {@link RawNioServers#pingPong}: reads 64 bytes fully, writes them back; on the
     * caller's (platform) thread, or, with {@code virtual}, on one virtual thread per connection
     * (the acceptor waits for it), so the JDK parks the reader on its own poller.
     *
     * @param ssc     the listener (one connection at a time)
     * @param virtual serve each connection on a virtual thread
     * @throws IOException on an I/O error
     * @throws InterruptedException if interrupted while waiting for a virtual thread
     */
    public static void pingPong(ServerSocketChannel ssc, boolean virtual) throws IOException, InterruptedException {
        while (ssc.isOpen()) {
            SocketChannel sc = ssc.accept();
            if (virtual) {
                Thread.ofVirtual().start(() -> echo(sc)).join();
            } else {
                echo(sc);
            }
        }
    }

    private static void echo(SocketChannel channel) {
        try (SocketChannel sc = channel) {
            ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
            while (true) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (sc.read(buf) < 0) {
                        return; // the client closed
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    sc.write(buf);
                }
            }
        } catch (IOException ignored) {
            // the client went away; serve the next one
        }
    }
}
