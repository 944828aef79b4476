package org.sockets.bench.scale;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/**
 * The scale run's server: one virtual thread per connection on our API, the way the architecture
 * says a server is written. Each connection reads one {@link #REQUEST_SIZE}-byte request, echoes
 * it, then holds the connection open until the client closes it.
 *
 * <p>Connections are blocking (no timeout): a blocked virtual thread then parks in the JDK's
 * poller and holds no descriptor of its own. (A timeout would switch an endpoint to a selector
 * per waiting direction: two more descriptors per connection; see
 * docs/decisions/2026-11-26-bench-scale.md.) The run's deadline is kept by the caller, whose
 * {@link #close()} closes every connection, waking every blocked thread.
 */
public final class ScaleServer implements AutoCloseable {

    /** Bytes in a request and in its reply. */
    public static final int REQUEST_SIZE = 8;

    private final Endpoint listener;
    private final int max;
    private final Set<Endpoint> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger replied = new AtomicInteger();
    private volatile long firstAccept;
    private volatile long lastAccept;
    private final Thread acceptor;

    /**
     * Listens on 127.0.0.1 (ephemeral port) and starts accepting.
     *
     * @param max     the most connections it accepts (the accept loop's bound)
     * @param backlog the listen backlog (capped by net.core.somaxconn)
     * @throws IOException if it cannot listen
     */
    public ScaleServer(int max, int backlog) throws IOException {
        this.max = max;
        this.listener = Sockets.open(Family.INET, SocketType.STREAM).bind(Address.of("127.0.0.1", 0)).listen(backlog);
        this.acceptor = Thread.ofVirtual().name("scale-acceptor").start(this::acceptLoop);
    }

    private void acceptLoop() {
        try {
            for (int i = 0; i < max; i++) {
                Endpoint conn = listener.accept();
                long now = System.nanoTime();
                if (i == 0) {
                    firstAccept = now;
                }
                lastAccept = now;
                open.add(conn);
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(conn));
            }
        } catch (IOException e) {
            // closed by close(): the run is over
        }
    }

    private void serve(Endpoint conn) {
        try (conn) {
            ByteBuffer buf = ByteBuffer.allocate(REQUEST_SIZE);
            while (buf.hasRemaining()) {
                if (conn.recv(buf) == 0) {
                    return;
                }
            }
            conn.sendAll(buf.flip());
            replied.incrementAndGet();
            // Hold the connection until the client closes it (recv returns 0) or close() runs.
            buf.clear();
            while (conn.recv(buf.clear()) > 0) {
                // the client sends nothing more; anything it did send is discarded
            }
        } catch (IOException e) {
            // closed by close(), or the client reset: either way this connection is done
        } finally {
            open.remove(conn);
        }
    }

    /**
     * The listening port.
     *
     * @return the port on 127.0.0.1
     * @throws IOException if the listener is closed
     */
    public int port() throws IOException {
        return ((Address.Ip) listener.localAddress()).port();
    }

    /**
     * Counts the connections accepted so far.
     *
     * @return the count
     */
    public int accepted() {
        return accepted.get();
    }

    /**
     * Counts the requests answered so far.
     *
     * @return the count
     */
    public int replied() {
        return replied.get();
    }

    /**
     * Counts the connections open now (accepted and not yet closed).
     *
     * @return the count
     */
    public int open() {
        return open.size();
    }

    /**
     * The time from the first accept to the latest one.
     *
     * @return nanoseconds
     */
    public long acceptSpanNanos() {
        return lastAccept - firstAccept;
    }

    /** Closes the listener and every open connection; idempotent. */
    @Override
    public void close() {
        listener.close();
        for (Endpoint e : open) {
            e.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
