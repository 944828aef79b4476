package org.sockets.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.sockets.tls.TlsOptions;

/**
 * What every side of the TLS benchmarks shares, so no side can be configured differently: the
 * key (sockets-testkit's {@code TestCertificates}, EC P-256, one PKCS#12 store for the Java
 * servers, the same key as PEM for Python), the contexts, TLS 1.3 only, {@link Patterns#TLS_SUITE}
 * only, and the client's checks (the CA, {@code HTTPS} host-name identification and SNI for
 * {@link Patterns#TLS_HOST}, which {@code Tls.client} always does, so the JDK client does too).
 *
 * <p>Resumption is off by construction: a client that measures handshakes makes a fresh
 * {@link SSLContext} (an empty session cache) for every connection, whichever client it is, so it
 * never offers a pre-shared key; the server's context is the same for every connection and every
 * Java server (docs/decisions/2026-12-06-bench-tls.md).
 */
public final class TlsSetup {

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;

    private TlsSetup(KeyManager[] keyManagers, TrustManager[] trustManagers) {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
    }

    /**
     * Loads the server key and the client trust.
     *
     * @param pkcs12   the server's store (key and chain under one alias), password {@code changeit}
     * @param caPem    the CA to trust, PEM; null for a server, which trusts nothing
     * @return the setup
     * @throws IOException if a file cannot be read or parsed
     */
    public static TlsSetup load(Path pkcs12, Path caPem) throws IOException {
        try {
            char[] pw = "changeit".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkcs12)) {
                ks.load(in, pw);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            if (caPem == null) {
                return new TlsSetup(kmf.getKeyManagers(), null);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            try (InputStream in = Files.newInputStream(caPem)) {
                ts.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return new TlsSetup(kmf.getKeyManagers(), tmf.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IOException("could not load the benchmark key or CA: " + e, e);
        }
    }

    /**
     * A new server context (the key; no trust needed).
     *
     * @return the context
     */
    public SSLContext serverContext() {
        return context(keyManagers, null);
    }

    /**
     * A new client context: trusts the CA, holds no session yet.
     *
     * @return the context
     */
    public SSLContext clientContext() {
        return context(null, trustManagers);
    }

    private static SSLContext context(KeyManager[] km, TrustManager[] tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(km, tm, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context on this JDK", e);
        }
    }

    /**
     * Our options for a context: TLS 1.3 and the one suite; for a client also the host name.
     *
     * @param ctx    the context
     * @param client whether the options are a client's
     * @return the options
     */
    public static TlsOptions options(SSLContext ctx, boolean client) {
        TlsOptions o = TlsOptions.defaults().withSslContext(ctx)
                .withProtocols(Patterns.TLS_PROTOCOL).withCipherSuites(Patterns.TLS_SUITE);
        return client ? o.withPeerHost(Patterns.TLS_HOST) : o;
    }

    /**
     * A JDK {@link SSLServerSocket} on 127.0.0.1, an ephemeral port, {@link Patterns#BACKLOG},
     * TLS 1.3 and the one suite.
     *
     * @param ctx the server context
     * @return the listening socket
     * @throws IOException if it cannot bind
     */
    public static SSLServerSocket jdkServerSocket(SSLContext ctx) throws IOException {
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        ss.setReuseAddress(true);
        ss.setEnabledProtocols(new String[] {Patterns.TLS_PROTOCOL});
        ss.setEnabledCipherSuites(new String[] {Patterns.TLS_SUITE});
        ss.bind(new InetSocketAddress("127.0.0.1", 0), Patterns.BACKLOG);
        return ss;
    }

    /**
     * A server {@link SSLEngine} for the reference server: TLS 1.3 and the one suite.
     *
     * @param ctx the server context
     * @return the engine, in server mode
     */
    public static SSLEngine jdkServerEngine(SSLContext ctx) {
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {Patterns.TLS_PROTOCOL});
        engine.setEnabledCipherSuites(new String[] {Patterns.TLS_SUITE});
        return engine;
    }

    /**
     * A connected JDK client {@link SSLSocket}, handshake done: TCP_NODELAY, TLS 1.3 and the one
     * suite, SNI and {@code HTTPS} identification for {@link Patterns#TLS_HOST} (as {@code Tls.client}).
     *
     * @param ctx  the client context
     * @param port the server's port on 127.0.0.1
     * @return the socket
     * @throws IOException if the connection or the handshake fails
     */
    public static SSLSocket jdkClient(SSLContext ctx, int port) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        try {
            s.setTcpNoDelay(true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {Patterns.TLS_PROTOCOL});
            p.setCipherSuites(new String[] {Patterns.TLS_SUITE});
            p.setServerNames(List.of(new SNIHostName(Patterns.TLS_HOST)));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
