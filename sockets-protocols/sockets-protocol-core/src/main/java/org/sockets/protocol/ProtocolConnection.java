package org.sockets.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.sockets.api.Address;
import org.sockets.api.ConnectOptions;
import org.sockets.api.Deadline;
import org.sockets.api.Endpoint;
import org.sockets.tls.Tls;
import org.sockets.tls.TlsEndpoint;
import org.sockets.tls.TlsOptions;
import org.sockets.tls.TlsUpgradeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol client's connection: it owns the {@link Endpoint} and the one read buffer, and is
 * the only way a client reads or writes. Reads are byte-oriented and bounded (a line never grows
 * past the limit it is read with; at most the limit plus one buffer read is taken from the
 * socket); commands go through {@link #send(Command)}, credentials through
 * {@link #sendCredential(Command, Secret)}, bodies through {@link #dotStuffedBody()}.
 *
 * <p>Time: every read takes a {@link Deadline}. {@link #readDeadline()} gives the read timeout
 * (cut short by the operation deadline, if any); a reader of a reply held in memory takes one for
 * the whole reply, a streamed body one per read. The endpoint's own timeout is never changed.
 *
 * <p>{@link #startTls()} hands the read buffer to the TLS upgrade and returns a new connection;
 * this one then refuses every call ({@link IllegalStateException}), so what was learnt before
 * TLS (capabilities) must be asked again. Any I/O failure, timeout, limit or malformed reply
 * closes the connection: what follows could not be trusted.
 *
 * <p>The dialogue is logged at DEBUG under {@code org.sockets.<protocol>} and offered to the
 * {@link ClientOptions#transcript() transcript listener}, secrets masked. One thread may read
 * while another writes (IMAP IDLE); not two readers or two writers at once.
 *
 * {@snippet :
 * try (ProtocolConnection c = ProtocolConnection.open("pop3", Address.of("localhost", 110), options)) {
 *     StatusReply greeting = Replies.pop3(c);
 *     c.send(Command.of("STAT"));
 *     StatusReply stat = Replies.pop3(c);
 * }
 * }
 */
public final class ProtocolConnection implements AutoCloseable {

    /** The read buffer's size: the most a single read takes beyond a limit. */
    public static final int BUFFER_SIZE = 16 * 1024;

    private static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private enum State { OPEN, HANDED_OVER, CLOSED }

    private final String protocol;
    private final String peerName;
    private final Endpoint endpoint;
    private final ClientOptions options;
    private final boolean secure;
    private final Logger log;
    /** Bytes received but not yet consumed, between position and limit (read mode). */
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private volatile State state = State.OPEN;
    private volatile Deadline operation = Deadline.none();

    private ProtocolConnection(String protocol, String peerName, Endpoint endpoint, ClientOptions options, boolean secure) {
        this.protocol = protocol;
        this.peerName = peerName;
        this.endpoint = endpoint;
        this.options = options;
        this.secure = secure;
        this.log = LoggerFactory.getLogger("org.sockets." + protocol);
    }

    /**
     * Connects through the options' {@link Connector}, within the connect timeout; with
     * {@link TlsMode#IMPLICIT}, starts TLS at once (the handshake bounded by the same timeout,
     * the peer host taken from {@code address} unless the TLS options name one).
     *
     * @param protocol the protocol's short name, lower case ({@code "pop3"}): the logger is
     *                 {@code org.sockets.<protocol>}
     * @param address  the server
     * @param options  the client options
     * @return the connection, which the caller must close
     * @throws IOException if connecting or the TLS handshake fails (nothing is left open)
     */
    public static ProtocolConnection open(String protocol, Address address, ClientOptions options) throws IOException {
        checkProtocol(protocol);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        String peer = peerName(address);
        Endpoint e = options.connector().connect(address, ConnectOptions.defaults().withTimeout(options.connectTimeout()));
        if (e == null) {
            throw new IllegalStateException("the connector returned null for " + address);
        }
        if (options.effectiveTlsMode() == TlsMode.IMPLICIT) {
            // The handshake is bounded by the read timeout (and the operation deadline), never by
            // whatever timeout the connector's endpoint has (a user's connector may set none).
            e = Tls.client(e, tlsOptions(options, peer), handshakeDeadline(options)); // closes e on failure
            return new ProtocolConnection(protocol, peer, e, options, true);
        }
        return new ProtocolConnection(protocol, peer, e, options, false);
    }

    /**
     * A connection over an endpoint already connected (a data connection, a test's endpoint).
     * It is secure if the endpoint is a {@link TlsEndpoint}. The connection owns the endpoint.
     *
     * @param protocol the protocol's short name, lower case
     * @param peerName the server's name, for TLS after STARTTLS and messages
     * @param endpoint the connected stream endpoint
     * @param options  the client options
     * @return the connection, which the caller must close
     */
    public static ProtocolConnection over(String protocol, String peerName, Endpoint endpoint, ClientOptions options) {
        checkProtocol(protocol);
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        return new ProtocolConnection(protocol, peerName, endpoint, options, endpoint instanceof TlsEndpoint);
    }

    private static void checkProtocol(String protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (!PROTOCOL.matcher(protocol).matches()) {
            throw new IllegalArgumentException("protocol names are a lower-case letter then up to 15 letters or digits, not \""
                    + Printable.escape(protocol) + "\"");
        }
    }

    private static String peerName(Address address) {
        return switch (address) {
            case Address.Host h -> h.name();
            case Address.Ip ip -> ip.ip().getHostAddress();
            default -> address.toString();
        };
    }

    private static TlsOptions tlsOptions(ClientOptions options, String peer) {
        TlsOptions t = options.tls();
        return t.peerHost() == null ? t.withPeerHost(peer) : t;
    }

    /**
     * The client options this connection was made with.
     *
     * @return the options
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * The limits in force, from the options.
     *
     * @return the limits
     */
    public Limits limits() {
        return options.limits();
    }

    /**
     * Whether the bytes go over TLS (implicit, or this connection came from {@link #startTls()}).
     *
     * @return {@code true} if secure
     */
    public boolean isSecure() {
        return secure;
    }

    /**
     * The server's name as the client was given it.
     *
     * @return the host name, IP literal or path
     */
    public String peerName() {
        return peerName;
    }

    /**
     * Starts an operation: the options' {@link ClientOptions#deadline()}, if set, bounds every
     * read and write from now until {@link #endOperation()}.
     */
    public void beginOperation() {
        operation = options.deadline().map(Deadline::after).orElse(Deadline.none());
    }

    /** Ends the operation begun last: reads are bounded by the read timeout alone again. */
    public void endOperation() {
        operation = Deadline.none();
    }

    /**
     * A deadline one read timeout from now, or the operation's deadline if that comes first: for a
     * whole reply held in memory, or for one read of a streamed body.
     *
     * @return the deadline
     */
    public Deadline readDeadline() {
        return Deadline.after(options.readTimeout()).earlier(operation);
    }

    /** The implicit-TLS handshake's bound at open: the read timeout, cut short by the options' whole-operation deadline. */
    private static Deadline handshakeDeadline(ClientOptions options) {
        Deadline read = Deadline.after(options.readTimeout());
        return options.deadline().map(d -> read.earlier(Deadline.after(d))).orElse(read);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads one line ending in LF (a CR before it is dropped): the line's bytes without its end.
     * Takes at most {@code limit} + 1 + {@link #BUFFER_SIZE} bytes from the socket before failing.
     *
     * @param limit    the most bytes the line may have, without its CRLF
     * @param deadline when to give up on the whole line
     * @param what     what the line is, for messages ({@code "reply line"})
     * @return the line, or null if the server closed the connection before sending any byte of it
     * @throws LimitExceededException if the line is longer than {@code limit} (connection closed)
     * @throws TruncatedTransferException if the server closed the connection inside the line
     * @throws java.net.SocketTimeoutException if the deadline passed (connection closed)
     * @throws IOException on I/O failures (connection closed)
     */
    public byte[] readLine(int limit, Deadline deadline, String what) throws IOException {
        Objects.requireNonNull(deadline, "deadline");
        return readLine(limit, deadline, what, false);
    }

    /**
     * Reads one line of a streamed body as {@link #readLine(int, Deadline, String)} does, but
     * bounded by the idle time between reads (a fresh {@link #readDeadline()} for each) instead
     * of one deadline for the whole line.
     *
     * @param limit the most bytes the line may have, without its CRLF
     * @param what  what the line is, for messages
     * @return the line, or null if the server closed the connection before sending any byte of it
     * @throws IOException as {@link #readLine(int, Deadline, String)}
     */
    public byte[] readBodyLine(int limit, String what) throws IOException {
        return readLine(limit, null, what, true);
    }

    /** Reads a line; {@code idle}: a fresh read deadline for every fill instead of {@code deadline}. */
    private byte[] readLine(int limit, Deadline deadline, String what, boolean idle) throws IOException {
        usable();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        byte[] acc = null;
        int len = 0;
        while (true) {
            int lf = indexOfLf();
            int take = lf >= 0 ? lf - in.position() : in.remaining();
            // limit + 1: a line of exactly limit bytes may still have its CR before the LF.
            if ((long) len + take > (long) limit + 1) {
                throw tooLong(what, (long) len + take, limit);
            }
            if (take > 0) {
                if (acc == null) {
                    acc = new byte[lf >= 0 ? take : Math.min(Math.max(take * 2, 256), limit + 1)];
                } else if (acc.length < len + take) {
                    acc = Arrays.copyOf(acc, (int) Math.min(Math.max((long) acc.length * 2, len + take), limit + 1L));
                }
                in.get(acc, len, take);
                len += take;
            }
            if (lf >= 0) {
                in.get(); // the LF
                if (len > 0 && acc[len - 1] == '\r') {
                    len--;
                }
                if (len > limit) {
                    throw tooLong(what, len, limit);
                }
                return acc == null ? new byte[0] : len == acc.length ? acc : Arrays.copyOf(acc, len);
            }
            if (fill(idle ? readDeadline() : deadline) < 0) {
                if (len == 0) {
                    return null;
                }
                throw abandon(new TruncatedTransferException(what, len));
            }
        }
    }

    private LimitExceededException tooLong(String what, long seen, int limit) {
        return abandon(new LimitExceededException(what + " from " + protocol + " server " + peerName
                + " (" + seen + "+ bytes without a line end)", limit));
    }

    private int indexOfLf() {
        byte[] a = in.array();
        for (int i = in.position(), end = in.limit(); i < end; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads bytes as they come: those already buffered first, then from the socket.
     *
     * @param dst      where to put them
     * @param deadline when to give up on this read
     * @return the count read, or -1 at end of stream
     * @throws IOException on I/O failures or timeout (connection closed)
     */
    public int read(ByteBuffer dst, Deadline deadline) throws IOException {
        usable();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!in.hasRemaining() && fill(deadline) < 0) {
            return -1;
        }
        int n = Math.min(in.remaining(), dst.remaining());
        dst.put(in.array(), in.position(), n);
        in.position(in.position() + n);
        return n;
    }

    /**
     * How many bytes were received but not yet read: after a STARTTLS-style go-ahead, bytes that
     * came in clear behind it (and may be injected), which an upgrade done outside
     * {@link #startTls()} (FTPS's {@code AUTH TLS}) must refuse. Never touches the socket.
     *
     * @return the count buffered, 0 if none
     * @throws IllegalStateException if the connection is closed or was handed over to TLS
     */
    public int buffered() {
        usable();
        return in.remaining();
    }

    /** Receives more into the buffer; -1 at end of stream. */
    private int fill(Deadline deadline) throws IOException {
        in.compact();
        try {
            if (!in.hasRemaining()) {
                throw new IllegalStateException("read buffer full"); // callers consume before filling
            }
            int n = endpoint.recv(in, deadline);
            return n == 0 ? -1 : n;
        } catch (IOException e) {
            throw abandon(e);
        } finally {
            in.flip();
        }
    }

    /**
     * Logs a line received (DEBUG and the transcript), control characters escaped.
     *
     * @param line the line without its end
     */
    public void logReceived(byte[] line) {
        String text = Printable.escape(line);
        log.debug("S: {}", text);
        options.transcript().line(Direction.RECEIVED, text);
    }

    /**
     * Logs a summary of data received or sent ({@code "<1234 bytes of data>"}), not the data.
     *
     * @param direction which way it went
     * @param summary   the summary
     */
    public void logData(Direction direction, String summary) {
        String text = "<" + summary + ">";
        log.debug("{} {}", direction == Direction.SENT ? "C:" : "S:", text);
        options.transcript().line(direction, text);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Sends a command and its CRLF, bounded by the read timeout.
     *
     * @param command the command (checked for CR, LF and NUL when it was made)
     * @throws IllegalArgumentException for {@link Command#none()}
     * @throws IOException on I/O failures or timeout (connection closed)
     */
    public void send(Command command) throws IOException {
        usable();
        if (command.isNone()) {
            throw new IllegalArgumentException("Command.none() is only a credential prefix");
        }
        String text = Printable.escape(command.toString());
        log.debug("C: {}", text);
        options.transcript().line(Direction.SENT, text);
        byte[] line = command.bytes();
        byte[] all = Arrays.copyOf(line, line.length + 2);
        all[line.length] = '\r';
        all[line.length + 1] = '\n';
        write(ByteBuffer.wrap(all));
    }

    /**
     * Sends an empty line (CRLF alone): the end of an HTTP request's header block.
     *
     * @throws IOException on I/O failures or timeout (connection closed)
     */
    public void sendBlankLine() throws IOException {
        usable();
        log.debug("C: ");
        options.transcript().line(Direction.SENT, "");
        write(ByteBuffer.wrap(new byte[] {'\r', '\n'}));
    }

    /**
     * Sends a credential line: {@code prefix}, a space, the secret, CRLF (only the secret and CRLF
     * for {@link Command#none()}). Logged with {@code ****} for the secret. Without TLS, refused
     * unless the options carry the plain-text opt-in; the secret is zeroed either way.
     *
     * @param prefix the command before the secret ({@code PASS}, {@code AUTH PLAIN}) or none
     * @param secret the secret
     * @throws PlainTextRefusedException if the connection is not secure and plain text was not
     *         allowed: nothing is sent and the connection is closed
     * @throws IOException on I/O failures or timeout (connection closed)
     */
    public void sendCredential(Command prefix, Secret secret) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(secret, "secret");
        try {
            usable();
            byte[] wire = secret.take();
            String masked = prefix.isNone() ? "****" : Printable.escape(prefix.toString()) + " ****";
            if (!secure && !options.plainTextCredentials()) {
                throw abandon(new PlainTextRefusedException("refused to send \"" + masked + "\" to " + protocol + " server "
                        + peerName + " without TLS; use TLS, or opt in with ClientOptions.withPlainTextCredentials()"));
            }
            log.debug("C: {}", masked);
            options.transcript().line(Direction.SENT, masked);
            byte[] head = prefix.isNone() ? new byte[0] : (prefix + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + wire.length + 2];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(wire, 0, all, head.length, wire.length);
            all[all.length - 2] = '\r';
            all[all.length - 1] = '\n';
            try {
                write(ByteBuffer.wrap(all));
            } finally {
                Arrays.fill(all, (byte) 0);
            }
        } finally {
            secret.close();
        }
    }

    /**
     * A stream for a message body sent after {@code DATA}, {@code POST} or {@code IHAVE}: it turns
     * bare CR and bare LF into CRLF, doubles a dot at the start of a line, and on {@code close()}
     * ends the body with {@code CRLF.CRLF} (RFC 5321 §4.5.2; SMTP smuggling, CVE-2023-51764).
     * Closing it does not close the connection.
     *
     * @return the body stream
     */
    public OutputStream dotStuffedBody() {
        usable();
        return new DotStuffingOutputStream(this);
    }

    /** Writes data bytes (body, not a command), each write bounded by the read timeout. */
    void writeData(byte[] b, int off, int len) throws IOException {
        usable();
        write(ByteBuffer.wrap(b, off, len));
    }

    private void write(ByteBuffer bytes) throws IOException {
        try {
            endpoint.sendAll(bytes, readDeadline());
        } catch (IOException e) {
            throw abandon(e);
        }
    }

    // ---------------------------------------------------------------- TLS and lifecycle

    /**
     * Upgrades to TLS after the server agreed (STLS, STARTTLS, AUTH TLS): hands the read buffer
     * to {@link Tls#startTls}, which refuses if it holds bytes the server sent after its go-ahead
     * (they came in clear and may be an attacker's). This connection is retired either way.
     *
     * @return the new, secure connection
     * @throws IllegalStateException if already secure
     * @throws StartTlsException if bytes followed the go-ahead or the handshake failed (all closed)
     * @throws IOException on I/O failures (all closed)
     */
    public ProtocolConnection startTls() throws IOException {
        usable();
        if (secure) {
            throw new IllegalStateException(protocol + " connection to " + peerName + " is already TLS");
        }
        state = State.HANDED_OVER;
        int buffered = in.remaining();
        if (buffered > 0) {
            // Checked here as well as in Tls.startTls, so the guarantee holds whatever TLS layer runs.
            endpoint.close();
            logData(Direction.RECEIVED, buffered + " bytes after the TLS go-ahead, refused");
            throw new StartTlsException(protocol + " server " + peerName + " sent " + buffered
                    + " bytes in clear after agreeing to TLS; they may be injected, so the connection was closed");
        }
        try {
            TlsEndpoint tls = Tls.startTls(endpoint, in, tlsOptions(options, peerName), readDeadline());
            log.debug("TLS started with {}", peerName);
            return new ProtocolConnection(protocol, peerName, tls, options, true);
        } catch (TlsUpgradeException e) {
            endpoint.close();
            logData(Direction.RECEIVED, buffered + " bytes after the TLS go-ahead, refused");
            throw new StartTlsException(protocol + " server " + peerName + " sent " + buffered
                    + " bytes in clear after agreeing to TLS; they may be injected, so the connection was closed", e);
        } catch (IOException e) {
            endpoint.close();
            throw new StartTlsException("TLS upgrade with " + protocol + " server " + peerName + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /**
     * Closes the connection because of {@code failure} and returns it for the caller to throw:
     * what a reader does when the server broke the protocol.
     *
     * @param <E>     the failure's type
     * @param failure the failure
     * @return {@code failure}
     */
    public <E extends IOException> E abandon(E failure) {
        if (state == State.OPEN) {
            state = State.CLOSED;
            endpoint.close();
            log.debug("connection to {} closed: {}", peerName, failure.toString());
        }
        return failure;
    }

    /**
     * Whether the connection can still be used: not closed, not handed to TLS.
     *
     * @return {@code true} if open
     */
    public boolean isOpen() {
        return state == State.OPEN && endpoint.isOpen();
    }

    private void usable() {
        switch (state) {
            case OPEN -> { }
            case HANDED_OVER -> throw new IllegalStateException(protocol + " connection to " + peerName
                    + " was handed over to TLS: use the connection startTls() returned, and ask for capabilities again");
            case CLOSED -> throw new IllegalStateException(protocol + " connection to " + peerName + " is closed");
        }
    }

    /** Closes the endpoint; after {@link #startTls()} the new connection owns it and this does nothing. Idempotent. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
            endpoint.close();
        }
    }

    @Override
    public String toString() {
        return "ProtocolConnection[" + protocol + " " + peerName + (secure ? ", TLS" : "") + ", " + state + "]";
    }
}
