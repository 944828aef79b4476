package org.sockets.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.sockets.tls.TlsOptions;

/**
 * The settings every protocol client shares, one immutable record used by each client's builder
 * and by the URL front door. Start from {@link #defaults()} and change one thing at a time.
 *
 * {@snippet :
 * ClientOptions options = ClientOptions.defaults()
 *         .withCredentials("alice", () -> secretStore.password("alice"))   // TLS now required
 *         .withTrustedCertificates(Path.of("ca.pem"))
 *         .withReadTimeout(Duration.ofSeconds(10));
 * }
 *
 * @param connectTimeout       bounds connecting and, with TLS, the handshake. Default 10 s
 * @param readTimeout          bounds a status line or a reply held in memory <em>whole</em>, and
 *                             the idle time between reads of a body the caller streams (and each
 *                             command write). Default 30 s
 * @param deadline             an optional bound on a whole operation (a command and its reply or
 *                             body), on top of the read timeout. Default: none
 * @param limits               how much the client accepts. Default {@link Limits#defaults()}
 * @param connector            opens the endpoint. Default {@link Connector#tcp()}
 * @param tls                  TLS settings (trust, protocols); the peer host is set from the
 *                             address the client connects to. Default {@link TlsOptions#defaults()}
 * @param tlsMode              how TLS is used; empty means {@link TlsMode#STARTTLS} when credentials
 *                             are set without the plain-text opt-in, else {@link TlsMode#NONE}.
 *                             Default: empty
 * @param credentials          user name and password supplier. Default: none
 * @param plainTextCredentials the explicit opt-in to send credentials without TLS. Default false
 * @param transcript           receives the dialogue, secrets masked. Default: none
 */
public record ClientOptions(Duration connectTimeout, Duration readTimeout, Optional<Duration> deadline,
                            Limits limits, Connector connector, TlsOptions tls, Optional<TlsMode> tlsMode,
                            Optional<Credentials> credentials, boolean plainTextCredentials,
                            TranscriptListener transcript) {

    private static final ClientOptions DEFAULTS = new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Optional.empty(), Limits.defaults(), Connector.tcp(), TlsOptions.defaults(), Optional.empty(),
            Optional.empty(), false, TranscriptListener.none());

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a duration is not positive, or TLS mode {@code NONE}
     *         is asked for with credentials but without the plain-text opt-in
     */
    public ClientOptions {
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        Objects.requireNonNull(deadline, "deadline").ifPresent(d -> positive("deadline", d));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(transcript, "transcript");
        if (tlsMode.equals(Optional.of(TlsMode.NONE)) && credentials.isPresent() && !plainTextCredentials) {
            throw new IllegalArgumentException("TLS mode NONE with credentials for " + credentials.get().user()
                    + " would send them in clear: call withPlainTextCredentials() first to allow that");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    /**
     * The defaults: connect 10 s, read 30 s, no operation deadline, default limits, TCP, default
     * TLS options, TLS mode chosen by the credentials, no credentials, no plain-text opt-in, no
     * transcript.
     *
     * @return the default options
     */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The TLS mode in force: the one set, else {@link TlsMode#STARTTLS} with credentials and no
     * plain-text opt-in, else {@link TlsMode#NONE}.
     *
     * @return the mode a client uses
     */
    public TlsMode effectiveTlsMode() {
        if (tlsMode.isPresent()) {
            return tlsMode.get();
        }
        return credentials.isPresent() && !plainTextCredentials ? TlsMode.STARTTLS : TlsMode.NONE;
    }

    /**
     * A copy with another connect timeout.
     *
     * @param d positive
     * @return the copy
     */
    public ClientOptions withConnectTimeout(Duration d) {
        return new ClientOptions(d, readTimeout, deadline, limits, connector, tls, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with another read timeout.
     *
     * @param d positive
     * @return the copy
     */
    public ClientOptions withReadTimeout(Duration d) {
        return new ClientOptions(connectTimeout, d, deadline, limits, connector, tls, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with a bound on each whole operation.
     *
     * @param d positive
     * @return the copy
     */
    public ClientOptions withDeadline(Duration d) {
        return new ClientOptions(connectTimeout, readTimeout, Optional.of(d), limits, connector, tls, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with other limits.
     *
     * @param l the limits
     * @return the copy
     */
    public ClientOptions withLimits(Limits l) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, l, connector, tls, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with another connector.
     *
     * @param c the connector
     * @return the copy
     */
    public ClientOptions withConnector(Connector c) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, c, tls, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with other TLS options.
     *
     * @param t the TLS options
     * @return the copy
     */
    public ClientOptions withTls(TlsOptions t) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, connector, t, tlsMode, credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy that trusts only the certificate authorities in a PEM file.
     *
     * @param pem the PEM file
     * @return the copy
     * @throws IOException if the file cannot be read or holds no certificate
     */
    public ClientOptions withTrustedCertificates(Path pem) throws IOException {
        return withTls(tls.withTrustedCertificates(pem));
    }

    /**
     * A copy with a TLS mode.
     *
     * @param m the mode
     * @return the copy
     * @throws IllegalArgumentException for {@code NONE} with credentials and no plain-text opt-in
     */
    public ClientOptions withTlsMode(TlsMode m) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, connector, tls, Optional.of(m), credentials, plainTextCredentials, transcript);
    }

    /**
     * A copy with credentials; unless the plain-text opt-in is given, they make TLS required.
     *
     * @param c the credentials
     * @return the copy
     */
    public ClientOptions withCredentials(Credentials c) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, connector, tls, tlsMode, Optional.of(c), plainTextCredentials, transcript);
    }

    /**
     * A copy with credentials made of a user name and a password supplier.
     *
     * @param user     the user name
     * @param password gives a fresh array each call; zeroed after use
     * @return the copy
     */
    public ClientOptions withCredentials(String user, Supplier<char[]> password) {
        return withCredentials(Credentials.of(user, password));
    }

    /**
     * A copy that allows credentials to be sent without TLS: the explicit, named opt-in. With it
     * and no TLS mode set, no upgrade is tried.
     *
     * @return the copy
     */
    public ClientOptions withPlainTextCredentials() {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, connector, tls, tlsMode, credentials, true, transcript);
    }

    /**
     * A copy with a transcript listener.
     *
     * @param t the listener
     * @return the copy
     */
    public ClientOptions withTranscript(TranscriptListener t) {
        return new ClientOptions(connectTimeout, readTimeout, deadline, limits, connector, tls, tlsMode, credentials, plainTextCredentials, t);
    }
}
