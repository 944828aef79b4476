package org.sockets.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsOptions;

/**
 * The idle connections per origin and the rule for using them (decision note
 * {@code 2026-12-06-http-pool.md}): the most recently used idle connection first; one idle past
 * the idle timeout or closed is dropped; a pooled connection the server closed before any byte of
 * an answer is retried once on a fresh connection, only for an idempotent method with a
 * replayable body.
 */
final class Pool {

    private final ClientOptions options;
    private final HttpOptions http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Connection>> idle = new HashMap<>();
    private boolean closed;

    Pool(ClientOptions options, HttpOptions http) {
        this.options = options;
        this.http = http;
    }

    Response send(Request request) throws IOException {
        String origin = origin(request.uri());
        boolean retryable = request.isIdempotent() && request.body().isReplayable();
        Connection k = takeIdle(origin);
        // A request that may not be repeated first checks, without waiting, that the server has
        // not already closed the idle connection (or sent something unasked): the race that
        // remains is the one the server starts while we send.
        while (k != null && !retryable && stale(k)) {
            k.discard();
            k = takeIdle(origin);
        }
        boolean pooled = k != null;
        if (k == null) {
            k = open(request.uri(), origin);
        }
        try {
            return Exchange.run(k, request, http);
        } catch (NoResponseException e) {
            if (!pooled || !retryable) {
                throw e;
            }
            // The keep-alive race: the server closed the idle connection as we sent. Nothing of an
            // answer came, and the request may be repeated, so once more on a fresh connection.
            Connection fresh = open(request.uri(), origin);
            try {
                return Exchange.run(fresh, request, http);
            } catch (IOException | RuntimeException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** Whether an idle connection has something to read already: the server's close, or bytes nobody asked for. */
    private static boolean stale(Connection k) {
        try {
            return k.channel.awaitReadable(Deadline.after(Duration.ofNanos(1)));
        } catch (IOException e) {
            return true;
        }
    }

    static Response exchangeOver(Endpoint endpoint, Request request, ClientOptions options, HttpOptions http)
            throws IOException {
        Channel channel = new Channel(endpoint);
        ProtocolConnection c = ProtocolConnection.over("http", request.uri().getHost(), channel, options);
        // The caller keeps the endpoint: a finished exchange leaves it open.
        Connection k = new Connection(c, channel, origin(request.uri()), done -> { });
        return Exchange.run(k, request, http);
    }

    private Connection takeIdle(String origin) {
        List<Connection> stale = new ArrayList<>();
        Connection found = null;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the HTTP client is closed");
            }
            ArrayDeque<Connection> q = idle.get(origin);
            long now = System.nanoTime();
            while (q != null && !q.isEmpty()) {
                Connection k = q.pollLast();
                if (k.isOpen() && now - k.idleSince < http.idleTimeout().toNanos()) {
                    found = k;
                    break;
                }
                stale.add(k);
            }
            // The oldest ones expire first: drop those past the idle timeout from the other end too.
            while (q != null && !q.isEmpty() && (now - q.peekFirst().idleSince >= http.idleTimeout().toNanos())) {
                stale.add(q.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        stale.forEach(Connection::discard);
        return found;
    }

    private void release(Connection k) {
        boolean keep;
        lock.lock();
        try {
            ArrayDeque<Connection> q = idle.computeIfAbsent(k.origin, o -> new ArrayDeque<>());
            keep = !closed && q.size() < http.poolSize();
            if (keep) {
                k.idleSince = System.nanoTime();
                q.addLast(k);
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            k.discard();
        }
    }

    private Connection open(URI uri, String origin) throws IOException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? Wire.defaultPort(uri.getScheme()) : uri.getPort();
        Address address = Address.of(host, port);
        Endpoint e = options.connector().connect(address, ConnectOptions.defaults().withTimeout(options.connectTimeout()));
        if (e == null) {
            throw new IllegalStateException("the connector returned null for " + address);
        }
        if (uri.getScheme().equalsIgnoreCase("https")) {
            TlsOptions t = options.tls().peerHost() == null ? options.tls().withPeerHost(host) : options.tls();
            Deadline handshake = Deadline.after(options.connectTimeout());
            if (options.deadline().isPresent()) {
                handshake = handshake.earlier(Deadline.after(options.deadline().get()));
            }
            e = Tls.client(e, t, handshake); // closes e on failure
        }
        Channel channel = new Channel(e);
        ProtocolConnection c = ProtocolConnection.over("http", host, channel, options);
        return new Connection(c, channel, origin, this::release);
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() < 0 ? Wire.defaultPort(scheme) : uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    int idle(URI uri) {
        lock.lock();
        try {
            ArrayDeque<Connection> q = idle.get(origin(uri));
            return q == null ? 0 : q.size();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        List<Connection> all = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(Connection::discard);
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Pool[" + idle.size() + " origins" + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
