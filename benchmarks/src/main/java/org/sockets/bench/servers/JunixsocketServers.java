package org.sockets.bench.servers;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.sockets.bench.Patterns;
import org.sockets.bench.baseline.RawUnixServers;

/**
 * The Unix-domain servers on junixsocket 2.10.1 (JNI), the library a Java user would pick instead
 * of sockets-unix: its NIO channels ({@link AFUNIXServerSocketChannel}, {@link AFUNIXSocketChannel},
 * {@link AFUNIXDatagramChannel}), blocking, written line for line as {@link RawUnixServers} and
 * {@link SocketsUnixServers}: the same direct buffers (64 KiB bulk, 64 B ping-pong, 64 KiB
 * datagram) allocated once per connection, the same thread (the process's main thread, or one
 * virtual thread per connection), no timeout. Its channel API, not its {@code java.net.Socket}
 * streams: the same call shape as the JDK baseline, and its fastest path (no stream copy).
 */
public final class JunixsocketServers {

    private JunixsocketServers() {
    }

    /**
     * Opens a STREAM listener on a socket file.
     *
     * @param path where to bind (must not exist)
     * @return the bound, listening channel
     * @throws IOException if it cannot bind
     */
    public static AFUNIXServerSocketChannel listen(Path path) throws IOException {
        AFUNIXServerSocketChannel ssc = AFUNIXServerSocketChannel.open();
        ssc.bind(AFUNIXSocketAddress.of(path), Patterns.BACKLOG);
        return ssc;
    }

    /**
     * Bulk source, as {@link RawUnixServers#bulk}.
     *
     * @param ssc the listener (one connection at a time)
     * @throws IOException on an I/O error
     */
    public static void bulk(AFUNIXServerSocketChannel ssc) throws IOException {
        while (ssc.isOpen()) {
            try (AFUNIXSocketChannel sc = ssc.accept()) {
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
     * Echo, as {@link RawUnixServers#pingPong}, on the caller's thread or one virtual thread per
     * connection (the acceptor waits for it).
     *
     * @param ssc     the listener (one connection at a time)
     * @param virtual serve each connection on a virtual thread
     * @throws IOException on an I/O error
     * @throws InterruptedException if interrupted while waiting for a virtual thread
     */
    public static void pingPong(AFUNIXServerSocketChannel ssc, boolean virtual) throws IOException, InterruptedException {
        while (ssc.isOpen()) {
            AFUNIXSocketChannel sc = ssc.accept();
            if (virtual) {
                Thread.ofVirtual().start(() -> echo(sc)).join();
            } else {
                echo(sc);
            }
        }
    }

    private static void echo(AFUNIXSocketChannel channel) {
        try (AFUNIXSocketChannel sc = channel) {
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

    /**
     * Opens a DGRAM receiver on a socket file.
     *
     * @param path where to bind (must not exist)
     * @return the bound channel
     * @throws IOException if it cannot bind
     */
    public static AFUNIXDatagramChannel openDgram(Path path) throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        ch.bind(AFUNIXSocketAddress.of(path));
        return ch;
    }

    /**
     * Counts data datagrams and answers count queries, as {@link SocketsUnixServers#dgramReceiver},
     * into one direct 64 KiB buffer.
     *
     * @param ch the bound channel
     * @throws IOException on an I/O error
     */
    public static void dgramReceiver(AFUNIXDatagramChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.UDP_BUFFER);
        ByteBuffer reply = ByteBuffer.allocateDirect(Patterns.COUNT_REPLY);
        long count = 0;
        while (ch.isOpen()) {
            buf.clear();
            SocketAddress sender = ch.receive(buf);
            if (buf.position() == Patterns.COUNT_QUERY) {
                reply.clear();
                reply.putLong(buf.getLong(0)).putLong(count).flip();
                ch.send(reply, sender);
            } else {
                count++;
            }
        }
    }
}
