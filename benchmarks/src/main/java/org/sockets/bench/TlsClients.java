package org.sockets.bench;

import java.io.EOFException;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.sockets.api.Address;
import org.sockets.api.Endpoint;
import org.sockets.api.Family;
import org.sockets.api.Options;
import org.sockets.api.SocketType;
import org.sockets.api.Sockets;
import org.sockets.bench.driver.ServerProcess;
import org.sockets.testkit.TestCertificates;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;

/**
 * The TLS benchmarks' clients and what one operation of each pattern does, written once over
 * {@link TlsConn} so that the JDK client and ours run the same loop: {@code jdk} is an
 * {@code SSLSocket} (its streams), {@code sockets} is {@code Tls.client} over a sockets-tcp
 * endpoint; both TCP_NODELAY, 64 KiB heap arrays, one platform thread, no timeout.
 */
final class TlsClients {

    private TlsClients() {
    }

    /** The key and CA every side uses (made once by sockets-testkit, shared through java.io.tmpdir). */
    static TlsSetup setup() throws IOException {
        TestCertificates certs = TestCertificates.get();
        return TlsSetup.load(certs.good().pkcs12(), certs.caPem());
    }

    /**
     * The server's arguments after the pattern: the PKCS#12 store (Java servers), the chain and the
     * key as PEM (Python): the same key everywhere.
     */
    static String[] serverArgs() {
        TestCertificates.Identity id = TestCertificates.get().good();
        return new String[] {id.pkcs12().toString(), id.chainPem().toString(), id.keyPem().toString()};
    }

    /**
     * Starts the server process of a trial: under test ({@code role=server}) or the JDK one
     * ({@code role=client}).
     */
    static ServerProcess startServer(String role, String impl, String pattern) throws IOException {
        switch (role) {
            case "server" -> {
                return ServerProcess.start(impl, pattern, serverArgs());
            }
            case "client" -> {
                if (impl.equals("python") || impl.equals("engine")) {
                    throw new IllegalArgumentException("no " + impl + " client in the client role: a server-role reference");
                }
                return ServerProcess.start("jdk", pattern, serverArgs());
            }
            default -> throw new IllegalArgumentException("role is server or client, not " + role);
        }
    }

    /** The client implementation of a trial: the JDK's in the server role, {@code impl} in the client role. */
    static String clientImpl(String role, String impl) {
        return role.equals("server") ? "jdk" : impl;
    }

    /**
     * Connects and completes the handshake.
     *
     * @param impl {@code jdk} or {@code sockets}
     * @param ctx  the client context
     * @param port the server's port on 127.0.0.1
     * @return the connection
     * @throws IOException if it fails
     */
    static TlsConn connect(String impl, SSLContext ctx, int port) throws IOException {
        return switch (impl) {
            case "jdk" -> TlsConn.of(TlsSetup.jdkClient(ctx, port));
            case "sockets" -> {
                Endpoint tcp = Sockets.open(Family.INET, SocketType.STREAM);
                TlsEndpoint tls;
                try {
                    tcp.option(Options.TCP_NODELAY, true);
                    tcp.connect(Address.of("127.0.0.1", port));
                } catch (IOException | RuntimeException e) {
                    tcp.close();
                    throw e;
                }
                tls = Tls.client(tcp, TlsSetup.options(ctx, true)); // closes tcp on failure
                yield TlsConn.of(tls);
            }
            default -> throw new IllegalArgumentException("client is jdk or sockets, not " + impl);
        };
    }

    /** Bulk, server role: asks for {@link Patterns#TLS_BULK_BYTES} and reads them in 64 KiB reads. */
    static byte receiveBulk(TlsConn c, byte[] request, byte[] chunk) throws IOException {
        request[0] = Patterns.TLS_SEND;
        c.write(request, 0, 1);
        long received = 0;
        while (received < Patterns.TLS_BULK_BYTES) {
            int n = c.read(chunk, 0, chunk.length);
            if (n < 0) {
                throw new EOFException("server closed after " + received + " of " + Patterns.TLS_BULK_BYTES + " bytes");
            }
            received += n;
        }
        return chunk[0];
    }

    /** Bulk, client role: sends {@link Patterns#TLS_BULK_BYTES} in 64 KiB writes, then waits for the one-byte answer. */
    static byte sendBulk(TlsConn c, byte[] request, byte[] chunk) throws IOException {
        request[0] = Patterns.TLS_RECEIVE;
        c.write(request, 0, 1);
        for (long sent = 0; sent < Patterns.TLS_BULK_BYTES; sent += chunk.length) {
            c.write(chunk, 0, chunk.length);
        }
        if (c.read(request, 0, 1) != 1) {
            throw new EOFException("server closed before its answer");
        }
        return request[0];
    }

    /** One 64-byte round trip. */
    static byte roundTrip(TlsConn c, byte[] buf) throws IOException {
        c.write(buf, 0, buf.length);
        int got = 0;
        while (got < buf.length) {
            int n = c.read(buf, got, buf.length - got);
            if (n < 0) {
                throw new EOFException("server closed after " + got + " of " + buf.length + " bytes");
            }
            got += n;
        }
        return buf[0];
    }

    /**
     * One full handshake: a fresh client context (so no session to resume), connect, handshake,
     * read the server's one byte (sent once its side of the handshake is done), close.
     */
    static byte handshake(String impl, TlsSetup setup, int port, byte[] one) throws IOException {
        try (TlsConn c = connect(impl, setup.clientContext(), port)) {
            if (c.read(one, 0, 1) != 1) {
                throw new EOFException("server closed before its byte");
            }
            return one[0];
        }
    }
}
