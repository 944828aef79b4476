package org.sockets.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.sockets.api.Address;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.api.SocketType;
import org.sockets.tls.ClientAuth;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsListener;
import org.sockets.tls.TlsOptions;
import org.sockets.tls.TlsUpgradeException;

/** Behind {@link org.sockets.tls.Tls}: checks arguments, builds engines, makes endpoints. */
public final class TlsFactory {

    private TlsFactory() {
    }

    /**
     * A client endpoint, handshake done; closes {@code connected} on any failure.
     *
     * @param connected the transport
     * @param options   the options
     * @return the endpoint
     * @param handshake bounds the whole handshake
     * @throws IOException if the handshake fails
     */
    public static TlsEndpoint client(Endpoint connected, TlsOptions options, Deadline handshake) throws IOException {
        Objects.requireNonNull(handshake, "handshake");
        EngineEndpoint tls;
        try {
            tls = clientEndpoint(connected, options);
        } catch (RuntimeException e) {
            connected.close();
            throw e;
        }
        try {
            tls.ensureHandshake(handshake, "handshake");
            return tls;
        } catch (IOException | RuntimeException | Error e) {
            tls.close();
            throw e;
        }
    }

    private static EngineEndpoint clientEndpoint(Endpoint connected, TlsOptions options) {
        Objects.requireNonNull(options, "options");
        checkStream(connected);
        SSLContext context;
        String host;
        int port;
        if (options.resumeFrom() != null) {
            if (!(options.resumeFrom() instanceof EngineEndpoint original) || !original.engine().getUseClientMode()) {
                throw new IllegalArgumentException("withResumptionFrom needs a client endpoint made by Tls, not "
                        + options.resumeFrom());
            }
            if (options.sslContext() != null && options.sslContext() != original.context() || Contexts.hasMaterial(options)) {
                throw new IllegalArgumentException("withResumptionFrom uses the original endpoint's SSLContext; "
                        + "do not also give an SSLContext or PEM material");
            }
            if (options.peerHost() != null && !options.peerHost().equals(original.engine().getPeerHost())) {
                throw new IllegalArgumentException("withResumptionFrom resumes a session with " + original.engine().getPeerHost()
                        + ", not with peerHost " + options.peerHost());
            }
            context = original.context();
            host = original.engine().getPeerHost();
            port = original.engine().getPeerPort();
        } else {
            if (options.peerHost() == null) {
                throw new IllegalArgumentException("a TLS client needs the server's host name to verify its certificate: "
                        + "TlsOptions.withPeerHost(...)");
            }
            context = Contexts.resolve(options);
            host = options.peerHost();
            port = peerPort(connected);
        }
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = common(engine, options);
        p.setEndpointIdentificationAlgorithm(options.hostNameVerification() ? "HTTPS" : null);
        p.setServerNames(serverNames(host));
        engine.setSSLParameters(p);
        return new EngineEndpoint(connected, engine, context, null);
    }

    /** SNI for every host name, including those without a dot, which the JDK leaves out; none for IP literals. */
    private static List<SNIServerName> serverNames(String host) {
        if (isIpLiteral(host)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException notAnSniName) {
            // e.g. a name with "_": verification still uses it; only SNI cannot carry it
            return List.of();
        }
    }

    static boolean isIpLiteral(String host) {
        try {
            return Address.of(host, 0) instanceof Address.Ip;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int peerPort(Endpoint connected) {
        try {
            return connected.peerAddress() instanceof Address.Ip ip ? ip.port() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static SSLParameters common(SSLEngine engine, TlsOptions options) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(options.protocols().toArray(String[]::new));
        if (!options.cipherSuites().isEmpty()) {
            p.setCipherSuites(options.cipherSuites().toArray(String[]::new));
        }
        if (!options.applicationProtocols().isEmpty()) {
            p.setApplicationProtocols(options.applicationProtocols().toArray(String[]::new));
        }
        return p;
    }

    private static void checkStream(Endpoint e) {
        Objects.requireNonNull(e, "endpoint");
        if (e.type() != SocketType.STREAM) {
            throw new IllegalArgumentException("TLS needs a stream endpoint, not " + e.family() + "/" + e.type());
        }
    }

    /**
     * A server endpoint, handshake pending.
     *
     * @param connected the transport
     * @param options   the options
     * @return the endpoint
     */
    public static TlsEndpoint server(Endpoint connected, TlsOptions options) {
        return server(connected, options, serverContext(options));
    }

    static SSLContext serverContext(TlsOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.sslContext() == null && options.privateKey() == null) {
            throw new IllegalArgumentException("a TLS server needs a certificate: TlsOptions.withServerCertificate(chain, key) "
                    + "or an SSLContext with a key manager");
        }
        if (options.resumeFrom() != null) {
            throw new IllegalArgumentException("withResumptionFrom is for clients; a server resumes from its context's cache");
        }
        return Contexts.resolve(options);
    }

    static TlsEndpoint server(Endpoint connected, TlsOptions options, SSLContext context) {
        checkStream(connected);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = common(engine, options);
        if (options.clientAuth() == ClientAuth.NEED) {
            p.setNeedClientAuth(true);
        } else if (options.clientAuth() == ClientAuth.WANT) {
            p.setWantClientAuth(true);
        }
        // The engine's constraints, unchanged, with a hook that sends a TLS 1.3 ServerHello
        // before the signature (EarlyHello).
        EarlyHello early = new EarlyHello(p.getAlgorithmConstraints());
        p.setAlgorithmConstraints(early);
        engine.setSSLParameters(p);
        return new EngineEndpoint(connected, engine, context, early);
    }

    /**
     * A listener wrapping what {@code listening} accepts.
     *
     * @param listening the listening endpoint
     * @param options   server options
     * @return the listener
     */
    public static TlsListener listen(Endpoint listening, TlsOptions options) {
        checkStream(listening);
        return new EngineListener(listening, options, serverContext(options));
    }

    /**
     * The STARTTLS upgrade: refuses buffered plain bytes before writing anything.
     *
     * @param plain      the transport
     * @param unconsumed the caller's unread bytes
     * @param options    client options
     * @param handshake  bounds the whole handshake
     * @return the endpoint
     * @throws IOException if refused or the handshake fails
     */
    public static TlsEndpoint startTls(Endpoint plain, ByteBuffer unconsumed, TlsOptions options, Deadline handshake) throws IOException {
        Objects.requireNonNull(plain, "plain");
        if (unconsumed != null && unconsumed.hasRemaining()) {
            int n = unconsumed.remaining();
            plain.close();
            throw new TlsUpgradeException("STARTTLS refused: " + n + " byte" + (n == 1 ? "" : "s")
                    + " arrived in clear after the upgrade was asked for and before TLS began; they may be an attacker's "
                    + "(CVE-2021-22947), so the connection is closed and nothing was sent", n);
        }
        return client(plain, options, handshake);
    }

    private record EngineListener(Endpoint endpoint, TlsOptions options, SSLContext context) implements TlsListener {
        @Override
        public TlsEndpoint accept() throws IOException {
            Endpoint conn = endpoint.accept();
            try {
                return server(conn, options, context);
            } catch (RuntimeException e) {
                conn.close();
                throw e;
            }
        }

        @Override
        public Address localAddress() throws IOException {
            return endpoint.localAddress();
        }

        @Override
        public boolean isOpen() {
            return endpoint.isOpen();
        }

        @Override
        public void close() {
            endpoint.close();
        }

        @Override
        public String toString() {
            return "TlsListener[" + endpoint + "]";
        }
    }
}
