package org.sockets.ftp;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.sockets.protocol.AuthenticationFailedException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Connector;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TlsMode;

/**
 * Settings of an FTP session, from {@link FtpClient#builder(String)}; {@link #connect()} makes
 * one. Mutable, not thread-safe.
 */
public final class FtpClientBuilder {

    private final String host;
    private int port = FtpClient.PORT;
    private ClientOptions options = ClientOptions.defaults();
    private DataMode dataMode = DataMode.PASSIVE;
    private boolean trustPassiveHost;
    private String dataHost = "127.0.0.1";
    private Connector dataConnector;
    private Duration keepAlive;
    private String account;
    private String anonymousPassword = "anonymous@";
    private ListingOptions listingOptions = ListingOptions.defaults();
    private Charset fallbackEncoding = StandardCharsets.UTF_8;
    private boolean clearCommandChannel;

    FtpClientBuilder(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        this.host = host;
    }

    /**
     * The control port. Default 21.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public FtpClientBuilder port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * The client options: timeouts, limits, Connector, credentials (none: anonymous login).
     * Default {@link ClientOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public FtpClientBuilder options(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Passive or active data connections. Default {@link DataMode#PASSIVE}.
     *
     * @param mode the mode
     * @return this builder
     */
    public FtpClientBuilder dataMode(DataMode mode) {
        this.dataMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Connects passive data connections to the host a {@code PASV} reply names instead of the
     * control connection's peer. Default false: a server (or whoever rewrote its reply) could
     * otherwise point the client at any host (CVE-2021-4189, CVE-2021-37533).
     *
     * @param trust whether to trust the announced host
     * @return this builder
     */
    public FtpClientBuilder trustPassiveHost(boolean trust) {
        this.trustPassiveHost = trust;
        return this;
    }

    /**
     * Where passive data connections go when the control connection is a Unix socket (the
     * server's data port is a TCP port on this host). Default {@code "127.0.0.1"}.
     *
     * @param host a host name or IP literal
     * @return this builder
     */
    public FtpClientBuilder dataHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("dataHost must not be empty");
        }
        this.dataHost = host;
        return this;
    }

    /**
     * The connector for passive data connections. Default: the options' connector over an IP
     * control connection, {@link Connector#tcp()} over a Unix one (whose connector leads to
     * the socket file, not to a data port).
     *
     * @param connector the connector
     * @return this builder
     */
    public FtpClientBuilder dataConnector(Connector connector) {
        this.dataConnector = Objects.requireNonNull(connector, "connector");
        return this;
    }

    /**
     * Sends {@code NOOP} on the control connection when a transfer has kept it quiet this
     * long, so firewalls and servers do not drop it. Default: never.
     *
     * @param interval positive
     * @return this builder
     */
    public FtpClientBuilder keepAlive(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive, not " + interval);
        }
        this.keepAlive = interval;
        return this;
    }

    /**
     * The account sent with {@code ACCT} if the server asks for one (332). Default: none.
     *
     * @param account the account
     * @return this builder
     */
    public FtpClientBuilder account(String account) {
        Command.of("ACCT", Objects.requireNonNull(account, "account")); // CR, LF, NUL refused now
        this.account = account;
        return this;
    }

    /**
     * The password of an anonymous login (no credentials in the options). Default
     * {@code "anonymous@"}.
     *
     * @param password the password, customarily an e-mail address
     * @return this builder
     */
    public FtpClientBuilder anonymousPassword(String password) {
        Command.of("PASS", Objects.requireNonNull(password, "password"));
        this.anonymousPassword = password;
        return this;
    }

    /**
     * How {@link FtpClient#list(String)} reads LIST lines when the server has no MLSD: the
     * server's time zone, the clock that supplies the year Unix dates leave out, the month
     * names. Default {@link ListingOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public FtpClientBuilder listingOptions(ListingOptions options) {
        this.listingOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The charset of paths and reply text when the server's {@code FEAT} does not announce
     * {@code UTF8} (RFC 2640). Default UTF-8, which most such servers take anyway; give
     * {@link StandardCharsets#ISO_8859_1} for a server that keeps Latin-1 names. A path the
     * charset cannot write is an {@link IllegalArgumentException}, nothing sent. Passwords are
     * always sent as UTF-8.
     *
     * @param encoding the charset
     * @return this builder
     */
    public FtpClientBuilder fallbackEncoding(Charset encoding) {
        this.fallbackEncoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /**
     * FTPS: after login and {@code PROT P}, sends {@code CCC} (RFC 4217 §12.3) and goes on with
     * the control connection in clear, so that firewalls can follow it; data connections stay
     * protected. Needs a TLS mode in the options; a server without CCC fails {@link #connect()}
     * with its refusal. Default false.
     *
     * @param clear whether to clear the command channel after login
     * @return this builder
     */
    public FtpClientBuilder clearCommandChannel(boolean clear) {
        this.clearCommandChannel = clear;
        return this;
    }

    /**
     * Connects, reads the greeting, asks {@code FEAT}, turns UTF-8 on where offered, logs in
     * and sets {@code TYPE I}. With a TLS mode in the options (set, or implied by credentials
     * without the plain-text opt-in) this is FTPS (RFC 4217): {@link TlsMode#IMPLICIT} starts
     * TLS at once (the port 990 kind of server), {@link TlsMode#STARTTLS} sends
     * {@code AUTH TLS} after the greeting; after login {@code PBSZ 0} and {@code PROT P}
     * protect every data connection, which resumes the control connection's TLS session.
     *
     * @return the session, which the caller must close
     * @throws AuthenticationFailedException if the server refused the login
     * @throws StartTlsException if TLS is required and the server refused {@code AUTH TLS},
     *         sent bytes after its go-ahead, or said 230 before TLS; nothing more was sent
     * @throws IllegalStateException if active mode is asked for over a Unix-socket connection,
     *         or {@link #clearCommandChannel(boolean)} without a TLS mode
     * @throws IOException on any other failure; nothing is left open
     */
    public FtpClient connect() throws IOException {
        if (clearCommandChannel && options.effectiveTlsMode() == TlsMode.NONE) {
            throw new IllegalStateException("clearCommandChannel needs FTPS: set a TLS mode in the options");
        }
        FtpClient.Settings s = new FtpClient.Settings(dataMode, trustPassiveHost, dataHost, dataConnector, keepAlive,
                account, anonymousPassword, listingOptions, fallbackEncoding);
        return FtpClient.open(host, port, options, s, new Ftps(options, clearCommandChannel));
    }
}
