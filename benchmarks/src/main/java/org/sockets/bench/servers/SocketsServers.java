package org.sockets.bench.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.bench.Patterns;
import org.sockets.bench.baseline.RawNioServers;

/**
 * The benchmark servers written on our API, line for line the same as the frozen
 * {@link RawNioServers}: same buffer kind and size, same options, same thread kind. Endpoints are
 * opened through {@link Sockets#open}, so the TCP transport is the one {@code ServiceLoader} finds
 * on the class path, as a user gets it. No timeout is set: the blocking path, as in the baseline.
 */
public final class SocketsServers {

    private SocketsServers() {
    }

    /**
     * Opens the listener: loopback, an ephemeral port, {@link Patterns#BACKLOG}.
     *
     * @param host the loopback address to bind
     * @return the listening endpoint
     * @throws IOException if it cannot bind
     */
    public static Endpoint listen(String host) throws IOException {
        Endpoint server = Sockets.open(Family.INET, SocketType.STREAM);
        server.option(Options.SO_REUSEADDR, true);
        server.bind(Address.of(host, 0));
        server.listen(Patterns.BACKLOG);
        return server;
    }

    /**
     * Bulk source, as {@link RawNioServers#bulk}.
     *
     * @param server the listener
     * @throws IOException on an I/O error
     */
    public static void bulk(Endpoint server) throws IOException {
        while (server.isOpen()) {
            try (Endpoint conn = server.accept()) {
                conn.option(Options.TCP_NODELAY, true);
                ByteBuffer chunk = ByteBuffer.allocateDirect(Patterns.BULK_CHUNK);
                ByteBuffer request = ByteBuffer.allocateDirect(1);
                // recv returns 0 at end of stream, as Python's does
                while (conn.recv(request.clear()) > 0) {
                    for (long sent = 0; sent < Patterns.BULK_BYTES; sent += Patterns.BULK_CHUNK) {
                        conn.sendAll(chunk.clear());
                    }
                }
            }
        }
    }

    /**
     * Echo, as {@link RawNioServers#pingPong}.
     *
     * @param server the listener
     * @throws IOException on an I/O error
     */
    public static void pingPong(Endpoint server) throws IOException {
        while (server.isOpen()) {
            try (Endpoint conn = server.accept()) {
                conn.option(Options.TCP_NODELAY, true);
                ByteBuffer buf = ByteBuffer.allocateDirect(Patterns.PING_SIZE);
                serve:
                while (true) {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        if (conn.recv(buf) == 0) {
                            break serve; // the client closed
                        }
                    }
                    conn.sendAll(buf.flip());
                }
            }
        }
    }

    /**
     * The tutorial's sequential server, as {@link RawNioServers#acceptSequential}.
     *
     * @param server the listener
     * @throws IOException on an I/O error
     */
    public static void acceptSequential(Endpoint server) throws IOException {
        while (server.isOpen()) {
            try (Endpoint conn = server.accept()) {
                conn.option(Options.TCP_NODELAY, true);
                conn.sendAll(Patterns.THANK_YOU);
            }
        }
    }

    /**
     * The concurrent variant, as {@link RawNioServers#acceptConcurrent}.
     *
     * @param server the listener
     * @throws IOException on an I/O error
     */
    public static void acceptConcurrent(Endpoint server) throws IOException {
        while (server.isOpen()) {
            Endpoint conn = server.accept();
            Thread.ofVirtual().start(() -> {
                try (conn) {
                    conn.option(Options.TCP_NODELAY, true);
                    conn.sendAll(Patterns.THANK_YOU);
                } catch (IOException ignored) {
                    // a client that went away early costs the server nothing more
                }
            });
        }
    }
}
