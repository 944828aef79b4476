package org.sockets.ftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Reply;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.TlsPolicy;
import org.sockets.tls.ClientAuth;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsOptions;
import org.sockets.tls.TlsUpgradeException;

/**
 * FTPS (RFC 4217) for one session: TLS on the control connection from the first byte (implicit)
 * or after {@code AUTH TLS} (explicit), {@code PBSZ 0} and {@code PROT P} after login, CCC where
 * asked, and TLS on every data connection, where this client is the TLS client in passive and
 * active mode alike, verifies the control connection's host name and resumes the control
 * connection's session (servers such as vsftpd with {@code require_ssl_reuse} and proftpd insist).
 * Plain FTP goes through here too and is handed on untouched. See the decision note
 * {@code docs/decisions/2026-12-06-ftps.md}.
 */
final class Ftps {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("org.sockets.ftp");

    private final ClientOptions options;
    private final TlsPolicy policy;
    private final boolean clearCommandChannel;
    private Endpoint transport;
    /** Explicit FTPS: AUTH TLS is due after the greeting. */
    private boolean authTlsDue;
    private Relay.Control control;
    private boolean protectData;
    private SSLSession lastData;

    Ftps(ClientOptions options, boolean clearCommandChannel) {
        this.options = options;
        this.policy = TlsPolicy.of(options);
        this.clearCommandChannel = clearCommandChannel;
    }

    /**
     * Connects through the options' connector: in clear, or for {@link TlsMode#IMPLICIT} with the
     * TLS handshake done (bounded by the read timeout and the operation deadline).
     */
    ProtocolConnection connect(String host, int port) throws IOException {
        Endpoint e = options.connector().connect(Address.of(host, port),
                ConnectOptions.defaults().withTimeout(options.connectTimeout()));
        if (e == null) {
            throw new IllegalStateException("the connector returned null for " + host + ":" + port);
        }
        transport = e;
        switch (policy.mode()) {
            case IMPLICIT -> {
                TlsEndpoint tls = Tls.client(e, controlTls(host), handshakeDeadline()); // closes e on failure
                control = new Relay.Control(tls);
                return ProtocolConnection.over("ftp", host, control, options);
            }
            case STARTTLS -> {
                authTlsDue = true;
                return ProtocolConnection.over("ftp", host, e, options);
            }
            default -> {
                return ProtocolConnection.over("ftp", host, e, options);
            }
        }
    }

    /** The transport under the control connection, for its addresses. */
    Endpoint transport() {
        return transport;
    }

    /**
     * After the greeting: for explicit FTPS, {@code AUTH TLS} and the handshake, returning the
     * secure connection; otherwise {@code plain} itself. Fails closed, with nothing more sent, on
     * a 230 (the server skipped the login, and with it TLS), a refusal, or bytes after the 234.
     */
    ProtocolConnection afterGreeting(ProtocolConnection plain, Reply greeting) throws IOException {
        if (!authTlsDue) {
            return plain;
        }
        if (greeting.code() == 230) {
            throw policy.skippedAhead(plain, "greeted with 230 (logged in)");
        }
        if (greeting.code() != 220) {
            return plain; // the caller refuses any greeting but 220
        }
        Reply r;
        plain.beginOperation();
        try {
            plain.send(Command.of("AUTH", "TLS"));
            r = Replies.ftp(plain);
        } finally {
            plain.endOperation();
        }
        if (r.code() == 230 || r.code() == 232) {
            throw policy.skippedAhead(plain, "answered AUTH TLS with " + r.code() + " (logged in)");
        }
        if (r.code() != 234) {
            throw plain.abandon(new StartTlsException("TLS is required but " + plain.peerName() + " refused AUTH TLS: "
                    + r.code() + " " + r.text() + "; the connection was closed and nothing else was sent"));
        }
        // Whatever the connection's buffer holds now came in clear after the go-ahead.
        int injected = plain.buffered();
        if (injected > 0) {
            throw plain.abandon(new StartTlsException(plain.peerName() + " sent " + injected + " bytes in clear after its 234"
                    + " go-ahead to AUTH TLS; they may be injected (CVE-2021-22947), so the connection was closed"));
        }
        TlsEndpoint tls;
        try {
            tls = Tls.startTls(transport, ByteBuffer.allocate(0), controlTls(plain.peerName()), plain.readDeadline());
        } catch (TlsUpgradeException e) {
            throw new StartTlsException("AUTH TLS with " + plain.peerName() + " refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StartTlsException("AUTH TLS with " + plain.peerName() + " failed: " + e.getMessage(), e);
        }
        control = new Relay.Control(tls);
        LOG.debug("AUTH TLS: TLS started with {}", plain.peerName());
        return ProtocolConnection.over("ftp", plain.peerName(), control, options);
    }

    /**
     * After login: {@code PBSZ 0} and {@code PROT P} (RFC 4217 §9), then {@code CCC} if asked. A
     * server that will not protect data ends the session: the caller asked for FTPS.
     */
    void afterLogin(Control client) throws IOException {
        if (control == null) {
            return;
        }
        ProtocolConnection c = client.connection();
        for (Command cmd : List.of(Command.of("PBSZ", "0"), Command.of("PROT", "P"))) {
            Reply r = client.ask(cmd);
            if (r.code() / 100 != 2) { // 200 by RFC 4217; some servers say 200 with "PBSZ=0", a few another 2xx
                throw c.abandon(new FtpReplyException(cmd + " (FTPS data protection refused; the session was closed)", r));
            }
        }
        protectData = true;
        if (clearCommandChannel) {
            Reply r = client.ask(Command.of("CCC"));
            if (r.code() != 200) {
                throw new FtpReplyException("CCC", r);
            }
            try {
                control.clear(options.readTimeout());
            } catch (IOException e) {
                throw c.abandon(e);
            }
            client.log().debug("CCC: the control connection with {} is in clear from now on", c.peerName());
        }
    }

    /**
     * Protects a data connection (after PROT P): TLS as the client, verifying the control
     * connection's host name and resuming its session, within the read timeout. A failure here
     * is a failed transfer and closes the session (a data certificate for another host, a server
     * that would not resume, someone else on the data port).
     *
     * @param raw      the connected data endpoint, owned from now on
     * @param expected the bytes a download should bring, or -1 if unknown (the 150's size: in
     *                 TYPE A it counts the file, not the wire, so a TYPE A download that ends
     *                 without close_notify is refused rather than taken short)
     */
    Endpoint protect(Endpoint raw, long expected, Control client, String what) throws IOException {
        if (!protectData) {
            return raw;
        }
        ProtocolConnection c = client.connection();
        TlsEndpoint tls;
        try {
            tls = Tls.client(raw, dataTls(), c.readDeadline()); // closes raw on failure
            lastData = tls.session();
            if (!resumed(control.session(), lastData)) {
                // Servers that require reuse (vsftpd require_ssl_reuse, proftpd) will refuse this one.
                client.log().debug("the data connection for {} did not resume the control connection's TLS session ({}); "
                        + "with TLS 1.2 the JDK drops session tickets whose lifetime is over 7 days (vsftpd's), see "
                        + "jdk.tls.client.enableSessionTicketExtension", what, lastData.getProtocol());
            }
        } catch (IOException e) {
            throw c.abandon(new FtpTransferException(what + " (TLS on the data connection failed: " + e.getMessage()
                    + "; the session was closed)", 0, null, e));
        }
        return new Relay.Data(tls, expected, options.readTimeout());
    }

    /**
     * TLS 1.2 resumes the session itself (same ID); TLS 1.3 makes a new session from a ticket,
     * which the JDK gives the original's creation time.
     */
    static boolean resumed(SSLSession control, SSLSession data) {
        return control.getProtocol().equals("TLSv1.2") ? java.util.Arrays.equals(control.getId(), data.getId())
                : control.getCreationTime() == data.getCreationTime();
    }

    private TlsOptions controlTls(String host) {
        TlsOptions t = options.tls();
        return t.peerHost() == null ? t.withPeerHost(host) : t;
    }

    /**
     * The control connection's settings, resuming its session: same context, the control
     * connection's host and port as the session cache's key, and that host for verification.
     */
    private TlsOptions dataTls() {
        TlsOptions t = options.tls();
        TlsOptions d = new TlsOptions(null, List.of(), List.of(), null, null, t.protocols(), t.applicationProtocols(),
                t.cipherSuites(), null, true, ClientAuth.NONE).withResumptionFrom(control.tls);
        return t.hostNameVerification() ? d : d.withHostNameVerificationDisabledInsecurely();
    }

    private Deadline handshakeDeadline() {
        Deadline read = Deadline.after(options.readTimeout());
        return options.deadline().map(d -> read.earlier(Deadline.after(d))).orElse(read);
    }

    /** Whether data connections are protected (PROT P was accepted). */
    boolean protectsData() {
        return protectData;
    }

    /** The control connection's TLS session, or null in plain FTP. */
    SSLSession controlSession() throws IOException {
        return control == null ? null : control.session();
    }

    /** Whether CCC turned the control connection back to clear text. */
    boolean commandChannelCleared() {
        return control != null && control.cleared();
    }

    /** The session of the last protected data connection, or null (for tests: was it resumed?). */
    SSLSession lastDataSession() {
        return lastData;
    }
}
