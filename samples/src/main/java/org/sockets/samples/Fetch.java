package org.sockets.samples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.sockets.protocol.AuthenticationFailedException;
import org.sockets.protocol.ClientOptions;
import org.sockets.protocol.Connector;
import org.sockets.protocol.Direction;
import org.sockets.protocol.PlainTextRefusedException;
import org.sockets.protocol.ProtocolNotFoundException;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;
import org.sockets.protocol.StartTlsException;
import org.sockets.protocol.TruncatedTransferException;
import org.sockets.tls.TlsTruncationException;
import org.sockets.tls.TlsUpgradeException;

/**
 * {@code bin/sample fetch URL [-o FILE] [options]}: {@link Protocols#open} as a command, curl's
 * everyday use for every scheme a protocol module on the module path serves. The body goes to
 * stdout or to FILE (written to {@code FILE.part} and renamed only when complete).
 *
 * <p>The password is read from the environment variable {@code SOCKETS_PASSWORD}, never from the
 * command line or the URL (both end up in shell history and process lists).
 *
 * <p>Exit status: 0 only for a complete transfer; 2 usage, 3 no provider for the scheme, 4 TLS or
 * verification, 5 authentication, 6 truncated transfer, 7 timeout, 1 anything else; each failure
 * prints the exception's type and message on stderr in one line.
 */
final class Fetch {

    /** The environment variable holding the password. */
    static final String PASSWORD_VARIABLE = "SOCKETS_PASSWORD";

    static final int OK = 0;
    static final int OTHER = 1;
    static final int USAGE = 2;
    static final int NO_PROVIDER = 3;
    static final int TLS = 4;
    static final int AUTHENTICATION = 5;
    static final int TRUNCATED = 6;
    static final int TIMEOUT = 7;

    static final String USAGE_TEXT = """
            usage: bin/sample fetch URL [-o FILE] [--user NAME] [--cacert PEM] [--plaintext-credentials]
                   [--unix-socket PATH] [--connect-timeout S] [--read-timeout S] [--deadline S] [--verbose]
              URL                     e.g. pop3s://alice@mail.example.org/1 (no password in it)
              -o, --output FILE       write the body to FILE (only a complete body is kept)
              --user NAME             log in as NAME; the password comes from $SOCKETS_PASSWORD
              --cacert PEM            trust only the certificate authorities in this PEM file
              --plaintext-credentials allow the password over a connection without TLS
              --unix-socket PATH      connect to this Unix socket; the URL still names host and port
              --connect-timeout S     seconds to connect and handshake (default 10)
              --read-timeout S        seconds a reply may take, or a body may pause (default 30)
              --deadline S            seconds the whole transfer may take (default: none)
              --verbose               the dialogue on stderr, secrets masked
            exit status: 0 complete, 1 other error, 2 usage, 3 no provider for the scheme, 4 TLS or
            verification, 5 authentication, 6 truncated transfer, 7 timeout""";

    private Fetch() {
    }

    /** The entry point of {@code bin/sample fetch}: exits with the status {@link #run} returns. */
    static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** A bad command line: exit status 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The parsed command line. */
    private record Request(URI uri, Path output, ClientOptions options) {
    }

    /**
     * Fetches as the command line says.
     *
     * @param args the arguments after {@code fetch}
     * @param env  the environment (for {@code SOCKETS_PASSWORD})
     * @param out  where the body goes without {@code -o}
     * @param err  where errors and the {@code --verbose} dialogue go
     * @return the exit status
     */
    static int run(List<String> args, Map<String, String> env, OutputStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            err.println(USAGE_TEXT);
            return OK;
        }
        Request request;
        try {
            request = parse(args, env, err);
        } catch (UsageException e) {
            err.println("fetch: usage error: " + oneLine(e.getMessage()));
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            long bytes = request.output() == null ? copy(request, out) : save(request);
            if (args.contains("--verbose")) {
                err.println("* complete: " + bytes + " bytes");
            }
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("fetch: " + e.getClass().getName() + ": " + oneLine(String.valueOf(e.getMessage())));
            return status(e);
        }
    }

    private static long copy(Request r, OutputStream out) throws IOException {
        try (Retrieval body = Protocols.open(r.uri(), r.options())) {
            long n = body.body().transferTo(out);
            out.flush();
            return n;
        }
    }

    /** Writes FILE.part and renames it only once the body ended complete: a cut transfer leaves no FILE. */
    private static long save(Request r) throws IOException {
        Path file = r.output().toAbsolutePath();
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            long n;
            try (Retrieval body = Protocols.open(r.uri(), r.options()); OutputStream o = Files.newOutputStream(part)) {
                n = body.body().transferTo(o);
            }
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return n;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The exit status for a failure: the first of its causes that says more than "other". */
    static int status(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            int s = classify(t);
            if (s != OTHER) {
                return s;
            }
        }
        return OTHER;
    }

    private static int classify(Throwable t) {
        return switch (t) {
            case ProtocolNotFoundException e -> NO_PROVIDER;
            case IllegalArgumentException e -> USAGE;
            case AuthenticationFailedException e -> AUTHENTICATION;
            case TruncatedTransferException e -> TRUNCATED;
            case TlsTruncationException e -> TRUNCATED;
            case SocketTimeoutException e -> TIMEOUT;
            case StartTlsException e -> TLS;
            case PlainTextRefusedException e -> TLS;
            case TlsUpgradeException e -> TLS;
            case SSLException e -> TLS;
            case InterruptedIOException e -> TIMEOUT;
            default -> OTHER;
        };
    }

    private static Request parse(List<String> args, Map<String, String> env, PrintStream err) throws UsageException {
        URI uri = null;
        Path output = null;
        String user = null;
        ClientOptions options = ClientOptions.defaults();
        boolean plainText = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-o", "--output" -> output = Path.of(value(args, ++i, a));
                case "--user" -> user = value(args, ++i, a);
                case "--cacert" -> {
                    String pem = value(args, ++i, a);
                    try {
                        options = options.withTrustedCertificates(Path.of(pem));
                    } catch (IOException | RuntimeException e) {
                        throw new UsageException("--cacert " + pem + ": " + e.getMessage(), e);
                    }
                }
                case "--plaintext-credentials" -> plainText = true;
                case "--unix-socket" -> options = options.withConnector(Connector.unixPath(Path.of(value(args, ++i, a))));
                case "--connect-timeout" -> options = options.withConnectTimeout(seconds(args, ++i, a));
                case "--read-timeout" -> options = options.withReadTimeout(seconds(args, ++i, a));
                case "--deadline" -> options = options.withDeadline(seconds(args, ++i, a));
                case "--verbose" -> options = options.withTranscript((direction, line) ->
                        err.println((direction == Direction.SENT ? "> " : "< ") + line));
                case "--password", "--pass", "-p" -> throw new UsageException(a + " is not accepted: a password on the command"
                        + " line sits in shell history and process lists; put it in $" + PASSWORD_VARIABLE, null);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a, null);
                    }
                    if (uri != null) {
                        throw new UsageException("one URL only; got " + uri + " and " + a, null);
                    }
                    try {
                        uri = new URI(a);
                    } catch (URISyntaxException e) {
                        throw new UsageException("not a URL: " + e.getMessage(), e);
                    }
                }
            }
        }
        if (uri == null) {
            throw new UsageException("no URL given", null);
        }
        if (uri.getUserInfo() != null && (uri.getRawUserInfo().contains(":") || uri.getUserInfo().contains(":"))) {
            throw new UsageException("a password in the URL is refused (it would sit in shell history and process lists):"
                    + " name only the user and put the password in $" + PASSWORD_VARIABLE, null);
        }
        if (user == null && uri.getUserInfo() != null) {
            // RFC 2384 / RFC 5092: "user;AUTH=mechanism" names the mechanism, not the user.
            String info = uri.getUserInfo();
            int auth = info.toLowerCase(java.util.Locale.ROOT).indexOf(";auth=");
            user = auth < 0 ? info : info.substring(0, auth);
            if (user.isEmpty()) {
                user = null;
            }
        }
        if (user != null) {
            String password = env.get(PASSWORD_VARIABLE);
            if (password == null) {
                throw new UsageException("user " + user + " needs a password in the environment variable " + PASSWORD_VARIABLE, null);
            }
            try {
                options = options.withCredentials(user, password::toCharArray);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        if (plainText) {
            options = options.withPlainTextCredentials();
        }
        return new Request(uri, output, options);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value", null);
        }
        return args.get(i);
    }

    private static Duration seconds(List<String> args, int i, String option) throws UsageException {
        String v = value(args, i, option);
        try {
            double s = Double.parseDouble(v);
            if (!(s > 0) || s > 86_400 * 365) {
                throw new NumberFormatException("not a positive number of seconds");
            }
            return Duration.ofNanos(Math.round(s * 1e9));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a positive number of seconds, not '" + v + "'", e);
        }
    }

    /** The message on one line: line breaks shown as \r and \n. */
    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
