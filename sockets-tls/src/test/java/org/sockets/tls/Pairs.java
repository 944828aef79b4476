package org.sockets.tls;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.EndpointPair;
import org.sockets.api.Family;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;

/** Connected plain pairs over each carrier, and TLS over them (our client, our server). */
final class Pairs {
    private Pairs() {
    }

    /** A client and server TLS endpoint, handshake done. */
    record Tls2(TlsEndpoint client, TlsEndpoint server) implements AutoCloseable {
        @Override
        public void close() {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    static EndpointPair tcp() throws IOException {
        try (Endpoint l = Sockets.listen(Address.of("127.0.0.1", 0))) {
            Endpoint c = Sockets.connect(l.localAddress());
            try {
                return new EndpointPair(c, l.accept());
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    static EndpointPair unix() throws IOException {
        return Sockets.pair(Family.UNIX, SocketType.STREAM);
    }

    static EndpointPair oneByte() throws IOException {
        EndpointPair p = tcp();
        return new EndpointPair(new OneByteEndpoint(p.first()), new OneByteEndpoint(p.second()));
    }

    static Tls2 tls(EndpointPair plain) throws IOException {
        return tls(plain, UnaryOperator.identity(), UnaryOperator.identity());
    }

    static Tls2 tls(EndpointPair plain, UnaryOperator<TlsOptions> client, UnaryOperator<TlsOptions> server)
            throws IOException {
        TlsEndpoint s;
        try {
            s = Tls.server(plain.second(), server.apply(Fixtures.serverOptions(Fixtures.certs().good())));
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        CompletableFuture<Void> hs = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                s.handshake();
                hs.complete(null);
            } catch (Throwable t) {
                hs.completeExceptionally(t);
            }
        });
        TlsEndpoint c;
        try {
            c = Tls.client(plain.first(), client.apply(Fixtures.clientOptions("localhost")));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        try {
            hs.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            c.close();
            s.close();
            throw new IOException("server handshake failed", e);
        }
        return new Tls2(c, s);
    }
}
