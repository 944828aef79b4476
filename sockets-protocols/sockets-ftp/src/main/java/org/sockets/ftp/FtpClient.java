package org.sockets.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sockets.api.Address;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Command;
import org.sockets.protocol.Connector;
import org.sockets.protocol.MalformedReplyException;
import org.sockets.protocol.LocalPaths;
import org.sockets.protocol.Numbers;
import org.sockets.protocol.PathEscapeException;
import org.sockets.protocol.ProtocolConnection;
import org.sockets.protocol.Replies;
import org.sockets.protocol.Reply;
import org.sockets.protocol.TransferProgress;

/**
 * An FTP session (RFC 959): connected and logged in by {@link FtpClientBuilder#connect()}, then commands,
 * listings and streamed transfers over passive or active data connections.
 *
 * <p>Login: with credentials in the options, {@code USER} / {@code PASS} (and {@code ACCT} when
 * the server asks and {@link FtpClientBuilder#account(String)} gave one); without, anonymous. Plain FTP
 * sends the password in clear, so the options must carry
 * {@link ClientOptions#withPlainTextCredentials()}. After {@code FEAT}, {@code OPTS UTF8 ON} when
 * the server has {@code UTF8} (RFC 2640); paths and replies are UTF-8 then, and in the builder's
 * {@link FtpClientBuilder#fallbackEncoding fallback encoding} (UTF-8 unless chosen) otherwise.
 *
 * <p>FTPS (RFC 4217): credentials without that opt-in make the session send {@code AUTH TLS}
 * first; {@link org.sockets.protocol.TlsMode#IMPLICIT} speaks TLS from the first byte (port 990
 * servers). Data connections are then protected and resume the control connection's TLS session,
 * as vsftpd and proftpd require; see {@link FtpClientBuilder#connect()}.
 *
 * <p>Transfers: {@link #retrieve(String)} and {@link #store(String)} return streams to read to
 * the end or close; only one transfer is open at a time and other commands wait for it to end
 * ({@link IllegalStateException}). A transfer is complete only when the data connection ended
 * cleanly and the server said 226 or 250; otherwise an {@link FtpTransferException} says how many
 * bytes moved. Closing a download early aborts it ({@code ABOR}).
 *
 * <p>Errors: a refusal is an {@link FtpReplyException}, and the session stays usable. A 421, a
 * malformed or over-long reply, a timeout or an I/O failure on the control connection closes it.
 * CR, LF or NUL in any argument is an {@link IllegalArgumentException} before anything is sent.
 * Not thread-safe.
 *
 * {@snippet :
 * ClientOptions options = ClientOptions.defaults()
 *         .withCredentials("alice", vault::alice).withPlainTextCredentials();
 * try (FtpClient ftp = FtpClient.builder("ftp.example.org").options(options).connect()) {
 *     ftp.changeDirectory("pub");
 *     try (InputStream in = ftp.retrieve("data.bin")) {
 *         in.transferTo(out);
 *     }
 *     ftp.quit();
 * }
 * }
 */
public final class FtpClient implements java.io.Closeable {

    /** The FTP control port, 21. */
    public static final int PORT = 21;

    /** What the builder fixed for the session's data connections and login. */
    record Settings(DataMode dataMode, boolean trustPassiveHost, String dataHost, Connector dataConnector,
                    Duration keepAlive, String account, String anonymousPassword, ListingOptions listingOptions,
                    Charset fallbackEncoding) {
    }

    private final ProtocolConnection c;
    private final Control control;
    private final String welcome;
    private final DataConnections data;
    private final Settings settings;
    private FtpFeatures features = new FtpFeatures(List.of());
    private TransferType type = TransferType.BINARY;
    private TransferType typeSent;
    private ListingFormat listFormat;

    private FtpClient(ProtocolConnection c, String welcome, Settings settings, Address peer, Address local) {
        this.c = c;
        this.control = new Control(c, settings.keepAlive());
        this.welcome = welcome;
        this.settings = settings;
        this.data = new DataConnections(control, settings, peer, local);
    }

    /** Connects and logs in as the builder says; see {@link FtpClientBuilder#connect()}. */
    static FtpClient open(String host, int port, ClientOptions options, Settings s, Ftps ftps) throws IOException {
        ProtocolConnection pc = ftps.connect(host, port); // FTPS hook: TLS at once for implicit FTPS
        try {
            Address peer = ftps.transport().peerAddress();
            Address local = ftps.transport().localAddress();
            Reply hello = Replies.ftp(pc);
            for (int i = 0; i < 3 && hello.code() == 120; i++) {
                hello = Replies.ftp(pc); // 120: ready in a while
            }
            pc = ftps.afterGreeting(pc, hello); // FTPS hook: AUTH TLS for explicit FTPS
            FtpClient client = new FtpClient(pc, hello.text(), s, peer, local);
            client.data.ftps = ftps;
            client.control.checkClosing(hello, "greeting");
            if (hello.code() != 220) {
                throw pc.abandon(new FtpReplyException("greeting", hello));
            }
            client.data.checkMode();
            client.features = Login.run(client.control, options, s);
            client.typeSent = TransferType.BINARY;
            ftps.afterLogin(client.control); // FTPS hook: PBSZ 0, PROT P, CCC
            return client;
        } catch (IOException | RuntimeException | Error failed) {
            pc.close();
            throw failed;
        }
    }

    /** The session's FTPS side (tests look at its TLS sessions). */
    Ftps ftps() {
        return data.ftps;
    }

    /**
     * A builder for a session with {@code host}: port 21, {@link ClientOptions#defaults()},
     * passive mode.
     *
     * @param host a host name or IP literal
     * @return the builder
     */
    public static FtpClientBuilder builder(String host) {
        return new FtpClientBuilder(Objects.requireNonNull(host, "host"));
    }

    // ------------------------------------------------------------------ replies

    private Reply ask(Command cmd) throws IOException {
        return control.ask(cmd);
    }

    private Reply expect(Command cmd, int low, int high) throws IOException {
        return control.expect(cmd, low, high);
    }

    // ------------------------------------------------------------------ session facts

    /**
     * The server's greeting (its 220 text).
     *
     * @return the text
     */
    public String welcome() {
        return welcome;
    }

    /**
     * What the server's {@code FEAT} announced (empty if it has no {@code FEAT}).
     *
     * @return the features
     */
    public FtpFeatures features() {
        return features;
    }

    // ------------------------------------------------------------------ commands

    /**
     * Sends any command and returns the server's first reply, whatever its code (a 1xx is
     * returned as is). Data commands need {@link #retrieve} and the like.
     *
     * @param verb the command, e.g. {@code "SITE"}
     * @param args its arguments; no CR, LF or NUL
     * @return the reply
     * @throws IOException on I/O failures or a 421 (session closed)
     */
    public Reply command(String verb, String... args) throws IOException {
        return ask(Command.of(verb, args));
    }

    /**
     * {@code SYST}: the server's system type, such as {@code "UNIX Type: L8"}.
     *
     * @return the text of the 215 reply
     * @throws IOException if refused or on I/O failures
     */
    public String systemType() throws IOException {
        return expect(Command.of("SYST"), 215, 215).text();
    }

    /**
     * {@code PWD}: the working directory.
     *
     * @return the path, quotes undoubled
     * @throws MalformedReplyException if the 257 reply holds no quoted path
     * @throws IOException if refused or on I/O failures
     */
    public String workingDirectory() throws IOException {
        return ReplyText.quotedPath(expect(Command.of("PWD"), 257, 257), "PWD");
    }

    /**
     * {@code CWD}: changes the working directory.
     *
     * @param path the directory
     * @throws IOException if refused or on I/O failures
     */
    public void changeDirectory(String path) throws IOException {
        expect(Command.of("CWD", path), 200, 299);
    }

    /**
     * {@code CDUP}: changes to the parent directory.
     *
     * @throws IOException if refused or on I/O failures
     */
    public void changeToParent() throws IOException {
        expect(Command.of("CDUP"), 200, 299);
    }

    /**
     * {@code MKD}: makes a directory.
     *
     * @param path the directory
     * @return the path the server named in its 257 reply, or {@code path} if it named none
     * @throws IOException if refused or on I/O failures
     */
    public String makeDirectory(String path) throws IOException {
        Reply r = expect(Command.of("MKD", path), 257, 257);
        try {
            return ReplyText.quotedPath(r, "MKD");
        } catch (MalformedReplyException none) {
            return path;
        }
    }

    /**
     * {@code RMD}: removes a directory.
     *
     * @param path the directory
     * @throws IOException if refused or on I/O failures
     */
    public void removeDirectory(String path) throws IOException {
        expect(Command.of("RMD", path), 250, 250);
    }

    /**
     * {@code DELE}: deletes a file.
     *
     * @param path the file
     * @throws IOException if refused or on I/O failures
     */
    public void delete(String path) throws IOException {
        expect(Command.of("DELE", path), 250, 250);
    }

    /**
     * {@code RNFR} then {@code RNTO}: renames.
     *
     * @param from the current name
     * @param to   the new name
     * @throws IOException if refused or on I/O failures
     */
    public void rename(String from, String to) throws IOException {
        Command rnto = Command.of("RNTO", to); // checked before RNFR goes out
        expect(Command.of("RNFR", from), 350, 350);
        expect(rnto, 250, 250);
    }

    /**
     * {@code SIZE} (RFC 3659): a file's size in the current type.
     *
     * @param path the file
     * @return bytes
     * @throws MalformedReplyException if the 213 reply is not a non-negative number that fits a long
     * @throws IOException if refused or on I/O failures
     */
    public long size(String path) throws IOException {
        ensureType();
        return Numbers.parse(expect(Command.of("SIZE", path), 213, 213).text().strip(), Long.MAX_VALUE, "SIZE of " + path);
    }

    /**
     * {@code MDTM} (RFC 3659): a file's modification time.
     *
     * @param path the file
     * @return the time (UTC on the wire)
     * @throws MalformedReplyException if the reply is not {@code YYYYMMDDHHMMSS[.s]}
     * @throws IOException if refused or on I/O failures
     */
    public Instant modificationTime(String path) throws IOException {
        return ReplyText.time(expect(Command.of("MDTM", path), 213, 213).text().strip());
    }

    /**
     * {@code MFMT}: sets a file's modification time (whole seconds).
     *
     * @param path the file
     * @param time the time
     * @throws IOException if refused or on I/O failures
     */
    public void setModificationTime(String path, Instant time) throws IOException {
        String stamp = ReplyText.STAMP.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
        expect(Command.of("MFMT", stamp, path), 213, 213);
    }

    /**
     * {@code NOOP}.
     *
     * @throws IOException on I/O failures
     */
    public void noop() throws IOException {
        expect(Command.of("NOOP"), 200, 299);
    }

    /**
     * {@code QUIT}, then closes the connection.
     *
     * @throws IOException on I/O failures (the connection is closed either way)
     */
    public void quit() throws IOException {
        try {
            expect(Command.of("QUIT"), 200, 299);
        } finally {
            close();
        }
    }

    /**
     * The representation type of the next transfers. Default {@link TransferType#BINARY}.
     *
     * @param t the type; {@code TYPE} is sent before the next transfer or {@code SIZE}
     */
    public void transferType(TransferType t) {
        this.type = Objects.requireNonNull(t, "t");
    }

    private void ensureType() throws IOException {
        if (typeSent != type) {
            expect(Command.of("TYPE", type == TransferType.ASCII ? "A" : "I"), 200, 200);
            typeSent = type;
        }
    }

    // ------------------------------------------------------------------ transfers

    /**
     * {@code RETR}: a file as a stream, from its start.
     *
     * @param path the file
     * @return the stream: read it to its end (the server's 226 is checked there) or close it early
     *         (which aborts); in {@link TransferType#ASCII}, CRLF arrives as LF
     * @throws IOException if refused, no data connection came, or on I/O failures
     */
    public InputStream retrieve(String path) throws IOException {
        return retrieve(path, 0, TransferProgress.none());
    }

    /**
     * {@code REST offset} then {@code RETR}: a file from {@code offset} on, reporting progress.
     *
     * @param path     the file
     * @param offset   where to start, 0 for the whole file
     * @param progress told after each read, counting from {@code offset}
     * @return the stream, as {@link #retrieve(String)}
     * @throws IOException if refused, no data connection came, or on I/O failures
     */
    public InputStream retrieve(String path, long offset, TransferProgress progress) throws IOException {
        DataTransfer t = begin(Command.of("RETR", path), offset, progress, -1);
        InputStream in = t.input();
        return type == TransferType.ASCII ? AsciiStreams.fromWire(in) : in;
    }

    /**
     * {@code STOR}: a stream that becomes the file; closing it ends the file and waits for 226.
     *
     * @param path the file
     * @return the stream; in {@link TransferType#ASCII}, LF is sent as CRLF
     * @throws IOException if refused, no data connection came, or on I/O failures
     */
    public OutputStream store(String path) throws IOException {
        return store(path, 0, TransferProgress.none());
    }

    /**
     * {@code REST offset} then {@code STOR}: writes the file from {@code offset} on (resuming an
     * upload: send the local bytes from {@code offset}).
     *
     * @param path     the file
     * @param offset   where the written bytes go, 0 for a new file
     * @param progress told after each write, counting from {@code offset}
     * @return the stream, as {@link #store(String)}
     * @throws IOException if refused, no data connection came, or on I/O failures
     */
    public OutputStream store(String path, long offset, TransferProgress progress) throws IOException {
        return output(begin(Command.of("STOR", path), offset, progress, -1));
    }

    /**
     * {@code APPE}: a stream appended to the file.
     *
     * @param path the file
     * @return the stream, as {@link #store(String)}
     * @throws IOException if refused, no data connection came, or on I/O failures
     */
    public OutputStream append(String path) throws IOException {
        return output(begin(Command.of("APPE", path), 0, TransferProgress.none(), -1));
    }

    /**
     * {@code STOU}: stores {@code content} under a name the server picks.
     *
     * @param content the bytes to store, read to their end
     * @return the server's 1xx / 2xx text that names the file (servers word it differently)
     * @throws IOException if refused, the transfer failed, or on I/O failures
     */
    public String storeUnique(InputStream content) throws IOException {
        DataTransfer t = begin(Command.of("STOU"), 0, TransferProgress.none(), -1);
        String name = t.preliminary();
        try (OutputStream out = output(t)) {
            content.transferTo(out);
        }
        return name;
    }

    private OutputStream output(DataTransfer t) {
        OutputStream out = t.output();
        return type == TransferType.ASCII ? AsciiStreams.toWire(out) : out;
    }

    /** Opens a data connection, sends the transfer command, waits for the 1xx and the connection. */
    private DataTransfer begin(Command cmd, long offset, TransferProgress progress, long knownTotal) throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        control.idle();
        ensureType();
        return data.begin(cmd, offset, knownTotal, progress);
    }

    /**
     * Downloads a file to {@code local}, replacing it.
     *
     * @param remote   the server's file
     * @param local    the local file
     * @param progress told after each chunk: bytes so far and the size if the server said it
     * @return the bytes received
     * @throws FtpTransferException if the transfer broke (the partial file stays, for
     *         {@link #resumeDownload})
     * @throws IOException if refused or on I/O failures
     */
    public long download(String remote, Path local, TransferProgress progress) throws IOException {
        return FileTransfers.download(this, remote, local, false, progress);
    }

    /**
     * Finishes a broken download: asks {@code SIZE}, then {@code REST} at the local file's size
     * and appends the rest to it. A local file as long as the server's is left alone.
     *
     * @param remote   the server's file
     * @param local    the partial local file (absent: the whole file is fetched)
     * @param progress told after each chunk, counting from the local size
     * @return the bytes received now
     * @throws IllegalStateException if the local file is longer than the server's
     * @throws IOException if refused or on I/O failures
     */
    public long resumeDownload(String remote, Path local, TransferProgress progress) throws IOException {
        return FileTransfers.download(this, remote, local, true, progress);
    }

    /**
     * Uploads {@code local} as {@code remote}, replacing it.
     *
     * @param local    the local file
     * @param remote   the server's file
     * @param progress told after each chunk: bytes so far and the local size
     * @return the bytes sent
     * @throws IOException if refused or on I/O failures
     */
    public long upload(Path local, String remote, TransferProgress progress) throws IOException {
        return FileTransfers.upload(this, local, remote, false, progress);
    }

    /**
     * Finishes a broken upload: asks the server's {@code SIZE} of {@code remote} (none: 0), then
     * {@code REST} there and {@code STOR} with the rest of {@code local}.
     *
     * @param local    the local file
     * @param remote   the server's partial file
     * @param progress told after each chunk, counting from the server's size
     * @return the bytes sent now
     * @throws IllegalStateException if the server's file is longer than the local one
     * @throws IOException if refused or on I/O failures
     */
    public long resumeUpload(Path local, String remote, TransferProgress progress) throws IOException {
        return FileTransfers.upload(this, local, remote, true, progress);
    }

    /**
     * Downloads every file {@code NLST remoteFolder} names into {@code folder}. Each name the
     * server sent is confined under {@code folder} first ({@link LocalPaths#confine}): one that
     * would leave it ({@code ../x}, {@code /etc/x}, a symbolic link out) refuses the whole
     * download before any file is written.
     *
     * @param remoteFolder the server's folder
     * @param folder       the local folder; must exist
     * @param progress     told after each chunk of each file
     * @return the files written
     * @throws PathEscapeException if a server name would leave {@code folder}
     * @throws IOException if refused or on I/O failures
     */
    public List<Path> downloadFolder(String remoteFolder, Path folder, TransferProgress progress) throws IOException {
        Objects.requireNonNull(remoteFolder, "remoteFolder");
        return FileTransfers.downloadFolder(this, remoteFolder, Objects.requireNonNull(folder, "folder"),
                Objects.requireNonNull(progress, "progress"));
    }

    /**
     * Aborts the open transfer, if any ({@code ABOR}); closing a download's stream early does the same.
     *
     * @throws IOException on I/O failures
     */
    public void abort() throws IOException {
        DataTransfer t = control.open();
        if (t != null) {
            t.abort();
        }
    }

    // ------------------------------------------------------------------ listings

    /**
     * {@code NLST}: the names in a directory.
     *
     * @param path the directory, or null for the working directory
     * @return the names as the server sent them
     * @throws IOException if refused or the transfer failed
     */
    public List<String> names(String path) throws IOException {
        return listing(path == null ? Command.of("NLST") : Command.of("NLST", path));
    }

    /**
     * {@code LIST}: the server's listing lines, unparsed.
     *
     * @param path the directory or file, or null for the working directory
     * @return the lines
     * @throws IOException if refused or the transfer failed
     */
    public List<String> listLines(String path) throws IOException {
        return listing(path == null ? Command.of("LIST") : Command.of("LIST", path));
    }

    /**
     * The entries of a directory: {@code MLSD} when the server announced {@code MLST} (typed facts,
     * UTC times), else {@code LIST} read in the format the server's {@code SYST} suggests
     * ({@link FtpClientBuilder#listingOptions}); the directory itself and its parent are left out, and a
     * line no format reads is dropped.
     *
     * @param path the directory, or null for the working directory
     * @return the entries, in the server's order
     * @throws IOException if refused or the transfer failed
     */
    public List<FtpEntry> list(String path) throws IOException {
        List<FtpEntry> entries;
        if (features.has("MLST")) {
            entries = ListingFormat.mlsx().parseAll(listing(path == null ? Command.of("MLSD") : Command.of("MLSD", path)));
        } else {
            Command cmd = path == null ? Command.of("LIST") : Command.of("LIST", path);
            if (listFormat == null) {
                listFormat = ListingFormat.fromSystem(systemType(), settings.listingOptions());
            }
            entries = listFormat.parseAll(listing(cmd));
        }
        return entries.stream().filter(e -> !e.isCurrentOrParent()).toList();
    }

    /**
     * {@code MLST} (RFC 3659): the facts of one file or directory, over the control connection.
     *
     * @param path the file or directory
     * @return the entry (its name is usually the full path)
     * @throws MalformedReplyException if the reply holds no entry
     * @throws IOException if refused (servers without MLST answer 500) or on I/O failures
     */
    public FtpEntry entry(String path) throws IOException {
        Reply r = expect(Command.of("MLST", path), 250, 250);
        for (int i = 1; i < r.lines().size(); i++) {
            String l = r.lines().get(i);
            if (l.startsWith(" ")) {
                var e = ListingFormat.mlsx().parse(l.substring(1));
                if (e.isPresent()) {
                    return e.get();
                }
            }
        }
        throw new MalformedReplyException("MLST reply holds no entry line: \"" + Text.escape(r.text()) + "\"");
    }

    /** Reads a listing's lines, each within the body-line limit and all within the in-memory limit. */
    List<String> listing(Command cmd) throws IOException {
        DataTransfer t = begin(cmd, 0, TransferProgress.none(), -1);
        List<String> lines = new ArrayList<>();
        try (InputStream in = t.input()) {
            LineReader r = new LineReader(in, c.limits().bodyLine(), c.limits().inMemoryBody(), cmd.toString(), control.charset());
            for (String l; (l = r.next()) != null; ) {
                lines.add(l);
            }
        }
        return lines;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Closes the control connection (and an open transfer's data connection) without QUIT. Idempotent. */
    @Override
    public void close() {
        control.close();
    }

    @Override
    public String toString() {
        return "FtpClient[" + c.peerName() + (c.isOpen() ? "" : ", closed") + "]";
    }
}
