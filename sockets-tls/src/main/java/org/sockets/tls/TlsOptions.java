package org.sockets.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.sockets.tls.internal.Pem;

/**
 * How a TLS endpoint is made: trust, own certificate, peer host name, protocols, ALPN,
 * resumption. Python's {@code ssl.SSLContext} settings as an immutable value; start from
 * {@link #defaults()} and change one thing at a time with the {@code withX} methods.
 *
 * {@snippet :
 * TlsOptions options = TlsOptions.defaults()
 *         .withPeerHost("mail.example.org")
 *         .withTrustedCertificates(Path.of("ca.pem"))      // Python's load_verify_locations
 *         .withApplicationProtocols("imap");
 * try (TlsEndpoint tls = Tls.client(tcp, options)) {
 *     tls.sendAll("a1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
 * }
 * }
 *
 * <p>The {@link SSLContext} used is, in order: the one given to {@link #withSslContext}; else, when
 * PEM trust or a certificate was loaded, a new one built from them (trusting only the loaded
 * certificates if any were given, else the JDK's default trust); else {@link SSLContext#getDefault()}.
 * Giving both an {@code SSLContext} and PEM material is refused when the endpoint is made.
 *
 * @param sslContext           the context, or null for the default described above
 * @param trustedCertificates  certificate authorities to trust instead of the JDK's; empty for the default
 * @param certificateChain     the certificate this side presents (a server's, or a client's for
 *                             client authentication), leaf first; empty for none
 * @param privateKey           the key of the chain's leaf, or null for none
 * @param peerHost             the host name (or IP literal) a client expects in the server's
 *                             certificate and sends as SNI; required for clients; null by default
 * @param protocols            the protocol versions to enable, e.g. {@code TLSv1.3}; by default
 *                             {@code TLSv1.3} and {@code TLSv1.2}
 * @param applicationProtocols ALPN protocols, most preferred first; empty (no ALPN) by default
 * @param cipherSuites         cipher suites to enable; empty for the context's defaults
 * @param resumeFrom           an endpoint whose session a client should resume, or null
 * @param hostNameVerification whether a client checks that the certificate names
 *                             {@code peerHost}; true unless turned off by
 *                             {@link #withHostNameVerificationDisabledInsecurely()}
 * @param clientAuth           whether a server asks clients for a certificate; {@link ClientAuth#NONE} by default
 */
public record TlsOptions(
        SSLContext sslContext,
        List<X509Certificate> trustedCertificates,
        List<X509Certificate> certificateChain,
        PrivateKey privateKey,
        String peerHost,
        List<String> protocols,
        List<String> applicationProtocols,
        List<String> cipherSuites,
        TlsEndpoint resumeFrom,
        boolean hostNameVerification,
        ClientAuth clientAuth) {

    private static final TlsOptions DEFAULTS = new TlsOptions(null, List.of(), List.of(), null, null,
            List.of("TLSv1.3", "TLSv1.2"), List.of(), List.of(), null, true, ClientAuth.NONE);

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if a chain is given without its key or the other way
     *         round, or no protocol is enabled
     */
    public TlsOptions {
        trustedCertificates = List.copyOf(trustedCertificates);
        certificateChain = List.copyOf(certificateChain);
        protocols = List.copyOf(protocols);
        applicationProtocols = List.copyOf(applicationProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (certificateChain.isEmpty() != (privateKey == null)) {
            throw new IllegalArgumentException("a certificate chain needs its private key and a key its chain: chain of "
                    + certificateChain.size() + ", key " + (privateKey == null ? "missing" : privateKey.getAlgorithm()));
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol must be enabled");
        }
        for (String p : applicationProtocols) {
            if (p.isEmpty() || p.length() > 255) {
                throw new IllegalArgumentException("ALPN protocol names are 1 to 255 bytes: \"" + p + "\"");
            }
        }
        if (peerHost != null && peerHost.isBlank()) {
            throw new IllegalArgumentException("peerHost must not be blank: \"" + peerHost + "\"");
        }
    }

    /**
     * The defaults: the JDK's default context and trust, TLS 1.3 and 1.2, host-name verification
     * on, no ALPN, no client authentication, no peer host (set one for a client).
     *
     * @return the default options
     */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Uses this context instead of the default (for key managers, trust managers or a provider
     * of the caller's choosing).
     *
     * @param context the context
     * @return the changed options
     */
    public TlsOptions withSslContext(SSLContext context) {
        return new TlsOptions(Objects.requireNonNull(context, "context"), trustedCertificates, certificateChain,
                privateKey, peerHost, protocols, applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Trusts the certificate authorities in a PEM file instead of the JDK's (Python's
     * {@code load_verify_locations(cafile)}, curl's {@code --cacert}). Read now.
     *
     * @param pem a file of one or more {@code BEGIN CERTIFICATE} blocks
     * @return the changed options
     * @throws IOException if the file cannot be read or holds no certificate; the message names it
     */
    public TlsOptions withTrustedCertificates(Path pem) throws IOException {
        return withTrustedCertificates(Pem.certificates(pem));
    }

    /**
     * Trusts these certificate authorities instead of the JDK's.
     *
     * @param authorities at least one certificate
     * @return the changed options
     */
    public TlsOptions withTrustedCertificates(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no certificate to trust");
        }
        return new TlsOptions(sslContext, authorities, certificateChain, privateKey, peerHost, protocols,
                applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Presents this certificate when a server asks for one (Python's {@code load_cert_chain},
     * curl's {@code --cert}/{@code --key}). Read now.
     *
     * @param certChainPem PEM certificates, the client's first
     * @param keyPem       its PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC
     * @return the changed options
     * @throws IOException if a file cannot be read or parsed, or the key does not match the certificate
     */
    public TlsOptions withClientCertificate(Path certChainPem, Path keyPem) throws IOException {
        return withCertificate(Pem.certificates(certChainPem), Pem.privateKey(keyPem, certChainPem));
    }

    /**
     * Presents this certificate to clients, as a server (Python's {@code load_cert_chain} on a
     * server context). Read now.
     *
     * @param certChainPem PEM certificates, the server's first
     * @param keyPem       its PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC
     * @return the changed options
     * @throws IOException if a file cannot be read or parsed, or the key does not match the certificate
     */
    public TlsOptions withServerCertificate(Path certChainPem, Path keyPem) throws IOException {
        return withCertificate(Pem.certificates(certChainPem), Pem.privateKey(keyPem, certChainPem));
    }

    /**
     * Presents this certificate chain and key (the in-memory form of
     * {@link #withServerCertificate} and {@link #withClientCertificate}).
     *
     * @param chain the certificates, leaf first
     * @param key   the leaf's private key
     * @return the changed options
     */
    public TlsOptions withCertificate(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        return new TlsOptions(sslContext, trustedCertificates, chain, Objects.requireNonNull(key, "key"), peerHost,
                protocols, applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * The server's host name (or IP literal), which its certificate must name and which is sent
     * as SNI (not for an IP literal). Required for clients: an endpoint keeps only the peer's IP
     * address, and a Unix socket's peer is a path.
     *
     * @param host e.g. {@code "imap.example.org"}, {@code "localhost"}, {@code "127.0.0.1"}, {@code "::1"}
     * @return the changed options
     */
    public TlsOptions withPeerHost(String host) {
        Objects.requireNonNull(host, "host");
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, h, protocols,
                applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Enables only these protocol versions.
     *
     * @param versions e.g. {@code "TLSv1.3"}, {@code "TLSv1.2"}
     * @return the changed options
     */
    public TlsOptions withProtocols(String... versions) {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost,
                List.of(versions), applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Offers (client) or accepts (server: the first of these the client also offers) these ALPN
     * protocols (RFC 7301).
     *
     * @param names e.g. {@code "h2"}, {@code "http/1.1"}, most preferred first
     * @return the changed options
     */
    public TlsOptions withApplicationProtocols(String... names) {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost, protocols,
                List.of(names), cipherSuites, resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Enables only these cipher suites.
     *
     * @param suites e.g. {@code "TLS_AES_128_GCM_SHA256"}
     * @return the changed options
     */
    public TlsOptions withCipherSuites(String... suites) {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost, protocols,
                applicationProtocols, List.of(suites), resumeFrom, hostNameVerification, clientAuth);
    }

    /**
     * Resumes another client endpoint's session on the new connection (FTPS data connections,
     * which vsftpd and proftpd require to resume the control connection's session). The new
     * engine comes from the same {@link SSLContext} with the original's host and port, which is
     * what the JDK's session cache is keyed by; the peer host defaults to the original's.
     * Whether the server agreed shows in {@link TlsEndpoint#session()}.
     *
     * @param original a client endpoint whose handshake completed
     * @return the changed options
     */
    public TlsOptions withResumptionFrom(TlsEndpoint original) {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost, protocols,
                applicationProtocols, cipherSuites, Objects.requireNonNull(original, "original"), hostNameVerification,
                clientAuth);
    }

    /**
     * Turns off the check that the server's certificate names {@code peerHost}, insecurely: any
     * certificate from a trusted authority is accepted for any host, so a man in the middle with
     * any such certificate is not detected. The chain is still verified: an untrusted or expired
     * certificate still fails. (Python's {@code check_hostname = False}.)
     *
     * @return the changed options
     */
    public TlsOptions withHostNameVerificationDisabledInsecurely() {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost, protocols,
                applicationProtocols, cipherSuites, resumeFrom, false, clientAuth);
    }

    /**
     * Whether a server asks its clients for a certificate (Python's {@code verify_mode} on a
     * server context).
     *
     * @param auth none, wanted or needed
     * @return the changed options
     */
    public TlsOptions withClientAuth(ClientAuth auth) {
        return new TlsOptions(sslContext, trustedCertificates, certificateChain, privateKey, peerHost, protocols,
                applicationProtocols, cipherSuites, resumeFrom, hostNameVerification, Objects.requireNonNull(auth, "auth"));
    }

    /**
     * The options in words, without key material: the private key shows only as its algorithm.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "TlsOptions[sslContext=" + (sslContext == null ? "default" : sslContext.getProtocol())
                + ", trustedCertificates=" + trustedCertificates.size()
                + ", certificateChain=" + certificateChain.stream().map(c -> c.getSubjectX500Principal().getName()).toList()
                + ", privateKey=" + (privateKey == null ? "none" : privateKey.getAlgorithm() + " (hidden)")
                + ", peerHost=" + peerHost + ", protocols=" + protocols + ", applicationProtocols=" + applicationProtocols
                + ", cipherSuites=" + cipherSuites + ", resumeFrom=" + (resumeFrom == null ? "none" : "set")
                + ", hostNameVerification=" + hostNameVerification + ", clientAuth=" + clientAuth + "]";
    }
}
