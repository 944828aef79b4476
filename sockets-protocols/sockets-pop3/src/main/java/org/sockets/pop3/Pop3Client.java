package org.sockets.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sockets.api.Address;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Credentials;
import org.sockets.protocol.DotBlock;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.ProtocolException;
import org.sockets.protocol.Replies;
import org.sockets.protocol.StatusReply;
import org.sockets.protocol.TlsMode;
import org.sockets.protocol.TlsPolicy;

/**
 * A POP3 session (RFC 1939): connected, TLS started and logged in by {@link Builder#connect()},
 * then {@code STAT}, {@code LIST}, {@code UIDL}, {@code RETR}, {@code TOP}, {@code DELE},
 * {@code RSET}, {@code NOOP} and {@code QUIT}.
 *
 * <p><b>Deletions commit only at {@link #quit()}.</b> {@link #delete(int)} marks a message; the
 * server removes marked messages when it answers {@code QUIT} (its UPDATE state). {@link #close()}
 * without {@code QUIT}, a failure, or a dropped connection leaves every message in place, and
 * {@link #reset()} unmarks them all.
 *
 * <p>Bodies are streamed: {@link #retrieve(int)} and {@link #top(int, int)} return a stream of
 * the message with dot-stuffing removed and CRLF line ends, to be read to its end or closed before
 * the next command. A body cut short is a {@link org.sockets.protocol.TruncatedTransferException}
 * saying how many bytes came, never a short message. {@link #retrieveEach} pipelines many
 * {@code RETR}s when the server offers {@code PIPELINING}.
 *
 * <p>Errors: {@code -ERR} is a {@link Pop3ReplyException} with its {@link ResponseCode}; the
 * session stays usable. A malformed reply, a limit, a timeout or an I/O failure closes it. Misuse
 * (message number below 1, a command while a body is open) is an {@link IllegalArgumentException}
 * or {@link IllegalStateException} before anything is sent. Not thread-safe: one caller at a time.
 *
 * {@snippet :
 * ClientOptions options = ClientOptions.defaults()
 *         .withCredentials("alice", passwords::alice);      // STLS is now required
 * try (Pop3Client pop = Pop3Client.builder("mail.example.org").options(options).connect()) {
 *     for (MessageInfo m : pop.list()) {
 *         try (InputStream body = pop.retrieve(m.number())) {
 *             body.transferTo(out);
 *         }
 *         pop.delete(m.number());
 *     }
 *     pop.quit();                                            // deletions commit here
 * }
 * }
 */
public final class Pop3Client implements java.io.Closeable {

    /** The plain POP3 port (STLS upgrades it). */
    public static final int PORT = 110;
    /** The implicit-TLS port (pop3s). */
    public static final int TLS_PORT = 995;
    /** How many {@code RETR}s {@link #retrieveEach} keeps in flight when the server pipelines. */
    public static final int PIPELINE_WINDOW = 32;

    private static final Pattern TIMESTAMP = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]+>");

    private ProtocolConnection c;
    private final String greeting;
    private Pop3Capabilities capabilities;
    private boolean utf8;
    private Pop3Body openBody;
    private boolean quit;

    Pop3Client(ProtocolConnection c, String greeting, Pop3Capabilities capabilities) {
        this.c = c;
        this.greeting = greeting;
        this.capabilities = capabilities;
    }

    /**
     * A builder for a client of {@code host}: port 110 (995 with {@link TlsMode#IMPLICIT}),
     * {@link ClientOptions#defaults()}, {@link Pop3Login#auto()}.
     *
     * @param host a host name or IP literal
     * @return the builder
     */
    public static Builder builder(String host) {
        return new Builder(Objects.requireNonNull(host, "host"));
    }

    /** Settings of a connection; {@link #connect()} makes one. Mutable, not thread-safe. */
    public static final class Builder {
        private final String host;
        private int port = -1;
        private ClientOptions options = ClientOptions.defaults();
        private Pop3Login login = Pop3Login.auto();
        private boolean utf8;

        private Builder(String host) {
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            this.host = host;
        }

        /**
         * The port. Default 110, or 995 when the options' TLS mode is {@link TlsMode#IMPLICIT}.
         *
         * @param port 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The client options: timeouts, limits, Connector, TLS, credentials. Default
         * {@link ClientOptions#defaults()} (no credentials: the session stays in the
         * authorization state and TLS is not started unless the mode asks for it).
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(ClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How to log in. Default {@link Pop3Login#auto()}.
         *
         * @param login the choice
         * @return this builder
         */
        public Builder login(Pop3Login login) {
            this.login = Objects.requireNonNull(login, "login");
            return this;
        }

        /**
         * Asks for UTF-8 mode (RFC 6856) before logging in when the server offers {@code UTF8}:
         * user names, passwords and messages may then be UTF-8. Default off.
         *
         * @param on whether to ask
         * @return this builder
         */
        public Builder utf8(boolean on) {
            this.utf8 = on;
            return this;
        }

        /**
         * Connects, reads the greeting and {@code CAPA}, starts TLS as the options require
         * ({@code STLS}, then {@code CAPA} again), enters UTF-8 mode if asked, and logs in if the
         * options carry credentials (or the login is {@link Pop3Login.Sasl}).
         *
         * @return the session, which the caller must close
         * @throws org.sockets.protocol.StartTlsException if TLS is required and the server does
         *         not offer STLS, refuses it, or sends bytes after agreeing; no credential was sent
         * @throws Pop3ReplyException if the server refused the login (e.g. {@link ResponseCode#AUTH},
         *         {@link ResponseCode#IN_USE})
         * @throws IOException on any other failure; nothing is left open
         */
        public Pop3Client connect() throws IOException {
            int p = port > 0 ? port : options.effectiveTlsMode() == TlsMode.IMPLICIT ? TLS_PORT : PORT;
            ProtocolConnection c = ProtocolConnection.open("pop3", Address.of(host, p), options);
            Pop3Client client = null;
            try {
                StatusReply hello = Pop3Client.ok(c, "greeting");
                client = new Pop3Client(c, hello.text(), capa(c));
                client.start(login, utf8);
                return client;
            } catch (IOException | RuntimeException | Error e) {
                c.close();
                if (client != null) {
                    client.close(); // after STLS the client holds the TLS connection, c is retired
                }
                throw e;
            }
        }
    }

    private void start(Pop3Login login, boolean askUtf8) throws IOException {
        ClientOptions options = c.options();
        TlsPolicy policy = TlsPolicy.of(options);
        if (policy.upgradeNeeded(c)) {
            ProtocolConnection plain = c;
            c = policy.startTls(plain, capabilities.has("STLS"), "STLS", p -> {
                p.send(Command.of("STLS"));
                ok(p, "STLS");
            });
            capabilities = capa(c); // what the server said in clear is not to be trusted
        }
        if (askUtf8 && capabilities.has("UTF8")) {
            simple(Command.of("UTF8"), "UTF8");
            utf8 = true;
        }
        Optional<Credentials> credentials = options.credentials();
        if (credentials.isPresent() || login instanceof Pop3Login.Sasl) {
            policy.beforeCredentials(c);
            new Pop3Authentication(this, c, greetingTimestamp()).login(login, credentials);
        }
    }

    /** The timestamp of the greeting ({@code <1896.697170952@dbc.mtview.ca.us>}), for APOP. */
    Optional<String> greetingTimestamp() {
        Matcher m = TIMESTAMP.matcher(greeting);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    // ---------------------------------------------------------------- state

    /**
     * The greeting's text after {@code +OK} (with the APOP timestamp, if any).
     *
     * @return the text
     */
    public String greeting() {
        return greeting;
    }

    /**
     * The capabilities: asked at connect and again after {@code STLS}.
     *
     * @return the last {@code CAPA} reply; {@link Pop3Capabilities#none()} if the server has no CAPA
     */
    public Pop3Capabilities capabilities() {
        return capabilities;
    }

    /**
     * Asks for the capabilities again (they may change after login, RFC 2449 §5).
     *
     * @return the new capabilities
     * @throws IOException on failure
     */
    public Pop3Capabilities refreshCapabilities() throws IOException {
        ready();
        capabilities = capa(c);
        return capabilities;
    }

    /**
     * Whether the session runs over TLS (implicit, or after STLS).
     *
     * @return {@code true} if secure
     */
    public boolean isSecure() {
        return c.isSecure();
    }

    /**
     * Whether UTF-8 mode (RFC 6856) is on.
     *
     * @return {@code true} after a successful {@code UTF8} command
     */
    public boolean isUtf8() {
        return utf8;
    }

    // ---------------------------------------------------------------- commands

    /**
     * {@code STAT}: the number of messages and their total size.
     *
     * @return the status
     * @throws IOException on failure
     */
    public MailboxStatus stat() throws IOException {
        String[] w = Pop3Lines.words(c, simple(Command.of("STAT"), "STAT").text(), 2, "STAT reply");
        return new MailboxStatus(Pop3Lines.count(c, w[0], "message count"), Pop3Lines.size(c, w[1]));
    }

    /**
     * {@code LIST}: every message's number and claimed size.
     *
     * @return the messages, in the server's order
     * @throws IOException on failure
     */
    public List<MessageInfo> list() throws IOException {
        List<MessageInfo> out = new ArrayList<>();
        for (String line : listing(Command.of("LIST"), "LIST")) {
            out.add(Pop3Lines.info(c, line));
        }
        return out;
    }

    /**
     * {@code LIST n}: one message's claimed size.
     *
     * @param number the message number, from 1
     * @return the message's number and size
     * @throws Pop3ReplyException if there is no such message
     * @throws IOException on failure
     */
    public MessageInfo list(int number) throws IOException {
        return Pop3Lines.info(c, simple(Command.of("LIST", number(number)), "LIST " + number).text());
    }

    /**
     * {@code UIDL}: every message's unique id.
     *
     * @return the ids, in the server's order
     * @throws IOException on failure
     */
    public List<MessageUid> uidl() throws IOException {
        List<MessageUid> out = new ArrayList<>();
        for (String line : listing(Command.of("UIDL"), "UIDL")) {
            out.add(Pop3Lines.uid(c, line));
        }
        return out;
    }

    /**
     * {@code UIDL n}: one message's unique id.
     *
     * @param number the message number, from 1
     * @return the id
     * @throws IOException on failure
     */
    public MessageUid uidl(int number) throws IOException {
        return Pop3Lines.uid(c, simple(Command.of("UIDL", number(number)), "UIDL " + number).text());
    }

    /**
     * {@code RETR n}: the message as a stream, dot-stuffing removed, CRLF line ends. Read it to
     * its end or close it before the next command (closing early reads and drops the rest). Each
     * read waits at most the read timeout; a line past the body-line limit fails.
     *
     * @param number the message number, from 1
     * @return the stream; closing it does not close the session
     * @throws Pop3ReplyException if there is no such message
     * @throws IOException on failure
     */
    public InputStream retrieve(int number) throws IOException {
        return body(Command.of("RETR", number(number)), "RETR " + number);
    }

    /**
     * {@code RETR n} into memory, bounded by the options' in-memory body limit.
     *
     * @param number the message number, from 1
     * @return the message, CRLF line ends
     * @throws org.sockets.protocol.LimitExceededException if larger than the limit (session closed)
     * @throws IOException on failure
     */
    public byte[] retrieveBytes(int number) throws IOException {
        String what = "RETR " + number;
        Command cmd = Command.of("RETR", number(number));
        ready();
        c.beginOperation();
        try {
            c.send(cmd);
            ok(c, what);
            return DotBlock.bytes(c);
        } finally {
            c.endOperation();
        }
    }

    /**
     * {@code TOP n lines}: the header and the first {@code lines} lines of the body, as
     * {@link #retrieve(int)} streams them.
     *
     * @param number the message number, from 1
     * @param lines  body lines wanted, 0 or more
     * @return the stream
     * @throws IOException on failure
     */
    public InputStream top(int number, int lines) throws IOException {
        if (lines < 0) {
            throw new IllegalArgumentException("TOP takes 0 or more lines, not " + lines);
        }
        return body(Command.of("TOP", number(number), Integer.toString(lines)), "TOP " + number + " " + lines);
    }

    /** Receives each message of {@link #retrieveEach}. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * Takes one message; whatever is left unread is dropped after it returns.
         *
         * @param number the message number
         * @param body   the message, as {@link #retrieve(int)} gives it; valid only during the call
         * @throws IOException to stop (the session is then closed)
         */
        void accept(int number, InputStream body) throws IOException;
    }

    /**
     * Retrieves many messages in order: with {@code PIPELINING} offered, up to
     * {@value #PIPELINE_WINDOW} {@code RETR}s are in flight and replies are matched in order;
     * without, one at a time. A {@code -ERR} for one message stops sending more, the replies
     * already in flight are read, and the first refusal is thrown (the session stays usable). If
     * the handler throws, the session is closed (replies in flight cannot be skipped safely).
     *
     * @param numbers the message numbers, each from 1
     * @param handler receives each body
     * @throws Pop3ReplyException if a message was refused
     * @throws IOException on failure
     */
    public void retrieveEach(List<Integer> numbers, MessageHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        List<String> args = new ArrayList<>(numbers.size());
        for (Integer n : numbers) {
            args.add(number(Objects.requireNonNull(n, "message number")));
        }
        ready();
        int window = capabilities.pipelining() ? PIPELINE_WINDOW : 1;
        int sent = 0;
        Pop3ReplyException refused = null;
        for (int read = 0; read < args.size() && (refused == null || read < sent); read++) {
            while (refused == null && sent < args.size() && sent - read < window) {
                c.send(Command.of("RETR", args.get(sent++)));
            }
            try {
                ok(c, "RETR " + args.get(read));
            } catch (Pop3ReplyException e) {
                refused = refused == null ? e : refused;
                continue;
            }
            InputStream in = DotBlock.stream(c);
            try {
                handler.accept(numbers.get(read), in);
            } catch (IOException | RuntimeException | Error e) {
                c.close();
                throw e;
            }
            in.close();
        }
        if (refused != null) {
            throw refused;
        }
    }

    /**
     * {@code DELE n}: marks a message deleted. It is removed only when {@link #quit()} is
     * answered; {@link #reset()}, {@link #close()} without QUIT, or a failure keep it.
     *
     * @param number the message number, from 1
     * @throws Pop3ReplyException if there is no such message or it is already marked
     * @throws IOException on failure
     */
    public void delete(int number) throws IOException {
        simple(Command.of("DELE", number(number)), "DELE " + number);
    }

    /**
     * {@code RSET}: unmarks every message marked deleted in this session.
     *
     * @throws IOException on failure
     */
    public void reset() throws IOException {
        simple(Command.of("RSET"), "RSET");
    }

    /**
     * {@code NOOP}: keeps the session alive.
     *
     * @throws IOException on failure
     */
    public void noop() throws IOException {
        simple(Command.of("NOOP"), "NOOP");
    }

    /**
     * {@code QUIT}: the server removes the messages marked deleted — the only place deletions
     * commit — answers, and the session closes.
     *
     * @return the server's text
     * @throws Pop3ReplyException if the server could not remove them (e.g. {@link ResponseCode#SYS_TEMP})
     * @throws IOException on failure (then whether deletions happened is unknown)
     */
    public String quit() throws IOException {
        try {
            String text = simple(Command.of("QUIT"), "QUIT").text();
            quit = true;
            return text;
        } finally {
            c.close();
        }
    }

    /**
     * Closes the connection. Without {@link #quit()} first, no deletion is committed. Idempotent.
     */
    @Override
    public void close() {
        c.close();
    }

    @Override
    public String toString() {
        return "Pop3Client[" + c + (quit ? ", quit" : "") + "]";
    }

    // ---------------------------------------------------------------- plumbing

    ProtocolConnection connection() {
        return c;
    }

    private void ready() {
        if (openBody != null && !openBody.done()) {
            throw new IllegalStateException("read the body of " + openBody.what() + " to its end or close it before the next command");
        }
        if (!c.isOpen()) {
            throw new IllegalStateException("the POP3 session with " + c.peerName() + " is closed");
        }
    }

    private StatusReply simple(Command command, String what) throws IOException {
        ready();
        c.beginOperation();
        try {
            c.send(command);
            return ok(c, what);
        } finally {
            c.endOperation();
        }
    }

    private List<String> listing(Command command, String what) throws IOException {
        ready();
        c.beginOperation();
        try {
            c.send(command);
            ok(c, what);
            return DotBlock.lines(c);
        } finally {
            c.endOperation();
        }
    }

    private InputStream body(Command command, String what) throws IOException {
        ready();
        c.beginOperation();
        try {
            c.send(command);
            ok(c, what);
        } catch (IOException | RuntimeException e) {
            c.endOperation();
            throw e;
        }
        openBody = new Pop3Body(DotBlock.stream(c), what, c);
        return openBody;
    }

    /** Reads a status line; {@code +OK} returns, {@code -ERR} throws, anything else is malformed. */
    static StatusReply ok(ProtocolConnection c, String what) throws IOException {
        StatusReply r = Replies.pop3(c);
        return switch (r.status()) {
            case "+OK" -> r;
            case "-ERR" -> throw new Pop3ReplyException(what, r.text());
            default -> throw c.abandon(new MalformedReplyException("malformed reply from " + c.peerName() + " to " + what
                    + ": a continuation \"+\" where +OK or -ERR belongs"));
        };
    }

    static Pop3Capabilities capa(ProtocolConnection c) throws IOException {
        c.send(Command.of("CAPA"));
        try {
            ok(c, "CAPA");
        } catch (Pop3ReplyException e) {
            return Pop3Capabilities.none(); // an RFC 1939 server
        }
        return new Pop3Capabilities(DotBlock.lines(c));
    }

    private static String number(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("message numbers start at 1, not " + n);
        }
        return Integer.toString(n);
    }

    static ProtocolException noTimestamp(ProtocolConnection c) {
        return c.abandon(new ProtocolException("APOP needs a timestamp in the greeting of " + c.peerName()
                + ", and it has none; nothing was sent"));
    }
}
