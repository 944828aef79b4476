package org.sockets.bench.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Received;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.bench.Patterns;
import org.sockets.bench.baseline.RawUnixServers;

/**
 * The Unix-domain servers on our API (sockets-unix, found by ServiceLoader): STREAM bulk and echo
 * line for line {@link RawUnixServers}, same buffer kinds and sizes, same (platform) thread, no
 * timeout; and the DGRAM receiver, which has no JDK counterpart (the JDK has no Unix datagram
 * channel): it is compared with Python's AF_UNIX SOCK_DGRAM receiver in {@code servers.py}.
 */
public final class SocketsUnixServers {

    private SocketsUnixServers() {
    }

    /**
     * Opens a STREAM listener on a socket file.
     *
     * @param path where to bind (must not exist)
     * @return the listening endpoint
     * @throws IOException if it cannot bind
     */
    public static Endpoint listen(Path path) throws IOException {
        Endpoint server = Sockets.open(Family.UNIX, SocketType.STREAM);
        server.bind(Address.unix(path));
        server.listen(Patterns.BACKLOG);
        return server;
    }

    /**
     * Bulk source, as {@link RawUnixServers#bulk}.
     *
     * @param server the listener
     * @throws IOException on an I/O error
     */
    public static void bulk(Endpoint server) throws IOException {
        while (server.isOpen()) {
            try (Endpoint conn = server.accept()) {
                ByteBuffer chunk = ByteBuffer.allocateDirect(Patterns.BULK_CHUNK);
                ByteBuffer request = ByteBuffer.allocateDirect(1);
                while (conn.recv(request.clear()) > 0) {
                    for (long sent = 0; sent < Patterns.BULK_BYTES; sent += Patterns.BULK_CHUNK) {
                        conn.sendAll(chunk.clear());
                    }
                }
            }
        }
    }

    /**
     * Echo, as {@link RawUnixServers#pingPong}, on the caller's thread or one virtual thread per
     * connection.
     *
     * @param server  the listener
     * @param virtual serve each connection on a virtual thread
     * @throws IOException on an I/O error
     * @throws InterruptedException if interrupted while waiting for a virtual thread
     */
    public static void pingPong(Endpoint server, boolean virtual) throws IOException, InterruptedException {
        while (server.isOpen()) {
            Endpoint conn = server.accept();
            if (virtual) {
                Thread.ofVirtual().start(() -> echo(conn)).join();
            } else {
                echo(conn);
            }
        }
    }

    private static void echo(Endpoint connection) {
        try (Endpoint conn = connection) {
            ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
            while (true) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (conn.recv(buf) == 0) {
                        return; // the client closed
                    }
                }
                conn.sendAll(buf.flip());
            }
        } catch (IOException ignored) {
            // the client went away; serve the next one
        }
    }

    /**
     * Opens a DGRAM receiver on a socket file.
     *
     * @param path where to bind (must not exist)
     * @return the bound endpoint
     * @throws IOException if it cannot bind
     */
    public static Endpoint openDgram(Path path) throws IOException {
        Endpoint ep = Sockets.open(Family.UNIX, SocketType.DGRAM);
        ep.bind(Address.unix(path));
        return ep;
    }

    /**
     * Counts data datagrams and answers count queries, as the UDP receivers do, into one direct
     * 64 KiB buffer.
     *
     * @param ep the bound endpoint
     * @throws IOException on an I/O error
     */
    public static void dgramReceiver(Endpoint ep) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.UDP_BUFFER);
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
